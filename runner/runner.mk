# runner: the `hext` host program (runner/README.md) and its tests.

RUNNER_OUT     := $(BUILD)/runner
RUNNER_MODULES := args manifest verdict emulators emulator_desc probe emulator_info dtb supervise \
                  report images help matrix matrix_rows matrix_cell matrix_run matrix_progress \
                  matrix_table suite_checks json_read baseline report_json report_junit \
                  report_markdown text_file tempfile bundle_write elf_wrap guest_delivery \
                  console_match console_input target_known
RUNNER_OBJS    := $(patsubst %,$(RUNNER_OUT)/obj/%.o,$(RUNNER_MODULES)) \
                  $(RUNNER_OUT)/obj/lib/bundle/bundle.o
RUNNER_MAIN    := $(RUNNER_OUT)/obj/main.o
RUNNER_LIBS    := -lfdt -lm

$(HEXT): $(RUNNER_OBJS) $(RUNNER_MAIN)
	$(HOST_CC) $(HOST_CFLAGS) -o $@ $^ $(RUNNER_LIBS)

$(filter-out $(RUNNER_OUT)/obj/lib/%,$(RUNNER_OBJS)) $(RUNNER_MAIN): $(RUNNER_OUT)/obj/%.o: runner/%.c
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_CFLAGS) $(LIB_INCLUDES) -DHEXT_SOURCE_ROOT='"$(abspath .)"' -MMD -MP -c -o $@ $<

# The bundle format is lib's: the runner writes what the hypervisor parses.
$(RUNNER_OUT)/obj/lib/%.o: lib/%.c
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_CFLAGS) $(LIB_INCLUDES) -MMD -MP -c -o $@ $<

# Unit tests: one cmocka program per pure piece, linked against the runner's objects.
RUNNER_TEST_NAMES := args manifest verdict emulators dtb report supervise emulator_desc \
                     matrix_rows suite_checks matrix_table matrix_reports baseline bundle_write \
                     console_match console_input elf_wrap target_known
RUNNER_UNIT_TESTS := $(patsubst %,$(BUILD)/tests/runner/%_test,$(RUNNER_TEST_NAMES))
UNIT_TESTS += $(RUNNER_UNIT_TESTS)

$(RUNNER_UNIT_TESTS): $(BUILD)/tests/runner/%_test: tests/unit/runner/%_test.c $(RUNNER_OBJS)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_CFLAGS) -Irunner -Itests/unit/runner $(LIB_INCLUDES) -MMD -MP \
		-DMAKE_BUNDLE='"$(abspath tests/unit/lib/make_bundle.py)"' \
		-DREADELF='"$(CROSS_LINUX)readelf"' \
		-o $@ $< $(RUNNER_OBJS) -lcmocka $(RUNNER_LIBS)

# End-to-end checks of exit statuses (tests/e2e/runner_errors.sh, run by tests/run-all.sh); the
# timeout case needs a firmware that never ends, so unit-tests builds these along.
RUNNER_E2E_ELFS := $(RUNNER_OUT)/e2e/loop.elf $(RUNNER_OUT)/e2e/qemu_pass.elf

unit-tests: $(RUNNER_E2E_ELFS)

$(RUNNER_E2E_ELFS): $(RUNNER_OUT)/e2e/%.elf: tests/e2e/%.S
	@mkdir -p $(dir $@)
	$(TARGET_CC) $(TARGET_CFLAGS) -Wl,-Ttext=0x80000000 -Wl,-n -Wl,--build-id=none -o $@ $<

.PHONY: runner runner-tests runner-e2e
runner: $(HEXT)
runner-tests: $(RUNNER_UNIT_TESTS)
	@for t in $(RUNNER_UNIT_TESTS); do CMOCKA_MESSAGE_OUTPUT=TAP $$t || exit 1; done
runner-e2e: $(HEXT) $(RUNNER_E2E_ELFS)
	HEXT=$(HEXT) RUNNER_E2E_DIR=$(RUNNER_OUT)/e2e sh tests/e2e/runner_errors.sh

-include $(RUNNER_OBJS:.o=.d) $(RUNNER_MAIN:.o=.d) $(RUNNER_UNIT_TESTS:=.d)
