# tests: make fragment (filled in by the tests part).
unit-tests:
.PHONY: unit-tests
