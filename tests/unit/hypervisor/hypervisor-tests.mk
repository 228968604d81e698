# Host unit tests of the hypervisor's pure C: SBI dispatch (with fake vCPU services), hext.*
# option parsing, the guest device tree (checked with libfdt and dtc), ISA strings, the host
# device tree reader (blobs from dtc), the cross-hart protocols (threads), the scheduler's
# choice, a vCPU's reset state and where a guest image's parts are copied.
# Included by hypervisor/hypervisor.mk.

HYP_TEST_OUT   := $(BUILD)/tests/hypervisor
HYP_TEST_FLAGS := $(HOST_CFLAGS) -iquote hypervisor $(LIB_INCLUDES)
HYP_UNIT_TESTS := $(addprefix $(HYP_TEST_OUT)/,sbi_test options_test guest_fdt_test isa_test \
                  hostinfo_test requests_test hsm_state_test sched_test guest_load_test \
                  rng_seed_test)
UNIT_TESTS += $(HYP_UNIT_TESTS)

HYP_SBI_SRCS := $(addprefix hypervisor/,sbi.c sbi_base.c sbi_time.c sbi_ipi.c sbi_rfence.c \
                sbi_hsm.c sbi_srst.c sbi_dbcn.c sbi_legacy.c sbi_fence_range.c options.c fmt.c \
                hsm_state.c)

$(HYP_TEST_OUT)/sbi_test: tests/unit/hypervisor/sbi_test.c $(HYP_SBI_SRCS) $(wildcard hypervisor/*.h)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HYP_TEST_FLAGS) -o $@ $< $(HYP_SBI_SRCS) -lcmocka

$(HYP_TEST_OUT)/options_test: tests/unit/hypervisor/options_test.c hypervisor/options.c \
		hypervisor/fmt.c hypervisor/options.h hypervisor/fmt.h
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HYP_TEST_FLAGS) -o $@ $< hypervisor/options.c hypervisor/fmt.c -lcmocka

$(HYP_TEST_OUT)/guest_fdt_test: tests/unit/hypervisor/guest_fdt_test.c hypervisor/guest_fdt.c \
		hypervisor/fmt.c hypervisor/guest_fdt.h lib/fdt/fdt_write.c lib/fdt/fdt_read.c
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HYP_TEST_FLAGS) -o $@ $< hypervisor/guest_fdt.c hypervisor/fmt.c \
		lib/fdt/fdt_write.c lib/fdt/fdt_read.c -lfdt -lcmocka

$(HYP_TEST_OUT)/isa_test: tests/unit/hypervisor/isa_test.c hypervisor/isa.c hypervisor/isa.h
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HYP_TEST_FLAGS) -o $@ $< hypervisor/isa.c -lcmocka

$(HYP_TEST_OUT)/hostinfo_test: tests/unit/hypervisor/hostinfo_test.c hypervisor/hostinfo.c \
		hypervisor/hostinfo.h lib/fdt/fdt_read.c
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HYP_TEST_FLAGS) -o $@ $< hypervisor/hostinfo.c lib/fdt/fdt_read.c -lcmocka

# Threads: the protocols hart share state with (requests.c, hsm_state.c, rng_seed.c's draws).
$(HYP_TEST_OUT)/requests_test: tests/unit/hypervisor/requests_test.c hypervisor/requests.c \
		hypervisor/requests.h
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HYP_TEST_FLAGS) -o $@ $< hypervisor/requests.c -lcmocka -lpthread

$(HYP_TEST_OUT)/hsm_state_test: tests/unit/hypervisor/hsm_state_test.c hypervisor/hsm_state.c \
		hypervisor/hsm_state.h
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HYP_TEST_FLAGS) -o $@ $< hypervisor/hsm_state.c -lcmocka -lpthread

$(HYP_TEST_OUT)/rng_seed_test: tests/unit/hypervisor/rng_seed_test.c hypervisor/rng_seed.c \
		hypervisor/rng_seed.h
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HYP_TEST_FLAGS) -o $@ $< hypervisor/rng_seed.c -lcmocka -lpthread

$(HYP_TEST_OUT)/sched_test: tests/unit/hypervisor/sched_test.c hypervisor/sched_pick.c \
		hypervisor/vs_reset.c $(wildcard hypervisor/*.h) lib/string.c
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HYP_TEST_FLAGS) -o $@ $< hypervisor/sched_pick.c hypervisor/vs_reset.c -lcmocka

$(HYP_TEST_OUT)/guest_load_test: tests/unit/hypervisor/guest_load_test.c hypervisor/guest_load.c \
		$(wildcard hypervisor/*.h)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HYP_TEST_FLAGS) -o $@ $< hypervisor/guest_load.c -lcmocka

.PHONY: hypervisor-unit-tests
hypervisor-unit-tests: $(HYP_UNIT_TESTS)
	@for t in $(HYP_UNIT_TESTS); do CMOCKA_MESSAGE_OUTPUT=TAP $$t || exit 1; done
