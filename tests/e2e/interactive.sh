#!/bin/sh
# TAP: --interactive through a pseudo-terminal (interactive.py says what is checked).
exec python3 tests/e2e/interactive.py
