# hypervisor: the hext hypervisor with a built-in Linux guest -> $(BUILD)/hypervisor/hext-hyp.bin
# (+ .elf). See hypervisor/README.md.
#
#   GUEST_CMDLINE  the guest's command line before the console= the hypervisor adds
#                  (hext.console=ttyS0|hvc0). no4lvl: Linux stays on Sv39, which every
#                  platform supports (the 2024 Sail model stops on Sv57 probes, PLATFORMS.md).

#   HYP_GUEST_IMAGE, HYP_GUEST_INITRD  what gets built in (default: the guest part's outputs)

GUEST_CMDLINE    ?= no4lvl
HYP_GUEST_IMAGE  ?= $(GUEST_IMAGE)
HYP_GUEST_INITRD ?= $(GUEST_INITRD)

HYP_OUT := $(BUILD)/hypervisor
HYP_BIN := $(HYP_OUT)/hext-hyp.bin
HYP_ELF := $(HYP_OUT)/hext-hyp.elf

# The hypervisor never touches FP registers (the guest's FP state stays live in them), so it
# is built without F/D; lib and the device models are compiled again with the same flags.
HYP_ARCH   := -march=rv64imac_zicsr_zifencei -mabi=lp64
HYP_CFLAGS := $(filter-out -march=% -mabi=%,$(TARGET_CFLAGS)) $(HYP_ARCH) -MMD -MP \
              -iquote hypervisor $(LIB_INCLUDES)

HYP_C_SRCS := $(addprefix hypervisor/,main.c console.c fmt.c host_sbi.c hostcon.c hostinfo.c isa.c \
              options.c gstage.c guest_mem.c guest_fdt.c guest_image_table.c guest_load.c \
              guest_bundle.c rng_seed.c vm.c vcpu.c requests.c hsm_state.c sched.c sched_pick.c vs_context.c \
              vs_reset.c trap.c inject.c mmio.c timer.c host_work.c uart_vdev.c plic_vdev.c stats.c \
              verdict.c \
              sbi.c sbi_base.c sbi_time.c sbi_ipi.c sbi_rfence.c sbi_hsm.c sbi_srst.c \
              sbi_dbcn.c sbi_legacy.c)
HYP_C_SRCS += $(addprefix hypervisor/,sbi_fence_range.c guest_insn.c isolation.c)
HYP_S_SRCS := $(addprefix hypervisor/,boot.S trap_vector.S guard.S fp.S)
HYP_OBJS   := $(patsubst %.c,$(HYP_OUT)/%.o,$(HYP_C_SRCS) $(LIB_SRCS) $(DEVICE_SRCS)) \
              $(patsubst %.S,$(HYP_OUT)/%.o,$(HYP_S_SRCS)) $(HYP_OUT)/guest_images.o \
              $(HYP_OUT)/guest_image_hostile.o

$(HYP_OUT)/%.o: %.c
	@mkdir -p $(dir $@)
	$(TARGET_CC) $(HYP_CFLAGS) -c $< -o $@

$(HYP_OUT)/%.o: %.S
	@mkdir -p $(dir $@)
	$(TARGET_CC) $(HYP_CFLAGS) -c $< -o $@

# Rewritten only when GUEST_CMDLINE changes, so the images are reassembled exactly then.
$(HYP_OUT)/guest_cmdline.txt: HYP_FORCE
	@mkdir -p $(dir $@)
	@echo '$(GUEST_CMDLINE)' | cmp -s - $@ || echo '$(GUEST_CMDLINE)' > $@

# The initrd goes after the Image's in-memory span: image_size, a little-endian u64 at byte 16
# of the RISC-V Image header (Linux Documentation/arch/riscv/boot-image-header.rst), whose
# magic "RISCV" sits at byte 48. Other payloads (the self-test) span their file size.
$(HYP_OUT)/guest_images.o: hypervisor/guest_images.S $(HYP_GUEST_IMAGE) $(HYP_GUEST_INITRD) \
		$(HYP_OUT)/guest_cmdline.txt
	@mkdir -p $(dir $@)
	size=$$(stat -c %s $(HYP_GUEST_IMAGE)); \
	mem=0; if [ "$$(dd if=$(HYP_GUEST_IMAGE) bs=1 skip=48 count=5 2>/dev/null)" = RISCV ]; then \
		mem=$$(od -An -tu8 -j16 -N8 $(HYP_GUEST_IMAGE) | tr -d ' '); fi; \
	span=$$(( ((mem > size ? mem : size) + 4095) / 4096 * 4096 )); \
	$(TARGET_CC) $(HYP_CFLAGS) -c $< -o $@ -DGUEST_IMAGE_SPAN=$$span \
		-DGUEST_IMAGE_PATH='"$(HYP_GUEST_IMAGE)"' -DGUEST_INITRD_PATH='"$(HYP_GUEST_INITRD)"' \
		-DGUEST_CMDLINE_STR='"$(GUEST_CMDLINE)"'

$(HYP_ELF): $(HYP_OBJS) hypervisor/linker.ld
	$(TARGET_CC) $(HYP_ARCH) -nostdlib -static -Wl,--no-warn-rwx-segments \
		-T hypervisor/linker.ld -o $@ $(HYP_OBJS) -lgcc

$(HYP_BIN): $(HYP_ELF)
	$(CROSS_ELF)objcopy -O binary $< $@

.PHONY: hypervisor HYP_FORCE
HYP_FORCE:
hypervisor: $(HYP_BIN)
# Part of `all` once lib's device models (built in) exist.
ifeq ($(words $(wildcard $(DEVICE_SRCS))),$(words $(DEVICE_SRCS)))
all: $(HYP_BIN)
endif

# Self-test: the same hypervisor with a bare-metal guest (selftest/) instead of Linux, which
# checks SBI results, MMIO widths/sign extension/compressed forms and access-fault injection.
HYP_SELFTEST_OUT := $(BUILD)/hypervisor-selftest
HYP_SELFTEST_GUEST := $(HYP_SELFTEST_OUT)/guest.bin

HYP_SELFTEST_SRCS := $(addprefix hypervisor/selftest/,start.S selftest.c smp.c stale_fetch.c uart.c)

$(HYP_SELFTEST_OUT)/guest.elf: $(HYP_SELFTEST_SRCS) hypervisor/selftest/selftest.h hypervisor/guest_start.inc \
		hypervisor/selftest/linker.ld lib/riscv/encoding.h
	@mkdir -p $(dir $@)
	$(TARGET_CC) $(filter-out -march=% -mabi=%,$(TARGET_CFLAGS)) $(HYP_ARCH) -iquote lib -static \
		-Wl,--no-warn-rwx-segments -T hypervisor/selftest/linker.ld -o $@ $(HYP_SELFTEST_SRCS)

$(HYP_SELFTEST_GUEST): $(HYP_SELFTEST_OUT)/guest.elf
	$(CROSS_ELF)objcopy -O binary $< $@

$(HYP_SELFTEST_OUT)/empty.cpio:
	@mkdir -p $(dir $@)
	: > $@

.PHONY: hyp-selftest
hyp-selftest: $(HYP_SELFTEST_GUEST) $(HYP_SELFTEST_OUT)/empty.cpio
	$(MAKE) --no-print-directory hypervisor HYP_OUT=$(HYP_SELFTEST_OUT) GUEST_CMDLINE= \
		HYP_GUEST_IMAGE=$(HYP_SELFTEST_GUEST) HYP_GUEST_INITRD=$(HYP_SELFTEST_OUT)/empty.cpio

include hypervisor/hostile/hostile.mk
-include $(HYP_OBJS:.o=.d)
-include tests/unit/hypervisor/hypervisor-tests.mk
