# tests: the harness. Parts add their host unit-test programs to UNIT_TESTS.

.PHONY: unit-tests
unit-tests: $(UNIT_TESTS)
