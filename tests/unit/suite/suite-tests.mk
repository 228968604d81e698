# Host unit tests of the suite's pure C (the translation reference model, the HLV encoder). Included by
# suite/suite.mk; adds its programs to UNIT_TESTS.

SUITE_UNIT_TESTS := $(BUILD)/tests/suite/xlate_test $(BUILD)/tests/suite/xlate_pt_test \
                    $(BUILD)/tests/suite/hlv_insn_test
UNIT_TESTS += $(SUITE_UNIT_TESTS) tests/unit/suite/rules_test.sh

$(BUILD)/tests/suite/xlate_test: tests/unit/suite/xlate_test.c suite/model/xlate.c suite/model/xlate.h
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_CFLAGS) -iquote suite/model -o $@ tests/unit/suite/xlate_test.c \
		suite/model/xlate.c -lcmocka

# Cross-check against lib/pt's independent walker (libc supplies memset on the host).
$(BUILD)/tests/suite/xlate_pt_test: tests/unit/suite/xlate_pt_test.c suite/model/xlate.c \
		suite/model/xlate.h lib/pt/pt.c lib/pt/pt.h
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_CFLAGS) -iquote suite -iquote lib -o $@ tests/unit/suite/xlate_pt_test.c \
		suite/model/xlate.c lib/pt/pt.c -lcmocka

$(BUILD)/tests/suite/hlv_insn_test: tests/unit/suite/hlv_insn_test.c suite/model/hlv_insn.c \
		suite/model/hlv_insn.h
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_CFLAGS) -iquote suite/model -o $@ tests/unit/suite/hlv_insn_test.c \
		suite/model/hlv_insn.c -lcmocka

.PHONY: suite-unit-tests
suite-unit-tests: $(SUITE_UNIT_TESTS)
	@for t in $(SUITE_UNIT_TESTS); do CMOCKA_MESSAGE_OUTPUT=TAP $$t || exit 1; done
