#!/bin/sh
# The suite's rule coverage (suite/rules/rules.py check, TAP): every anchor of the hypervisor
# chapter is covered by a check or explained, every cited anchor exists, suite/RULES.md is
# current. Run from the repository root.
exec python3 suite/rules/rules.py check
