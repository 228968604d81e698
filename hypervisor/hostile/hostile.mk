# The hostile guest (hypervisor/hostile/README.md) -> $(HOSTILE_BIN), built into the hypervisor
# as the image `hostile` (guest_image_hostile.S; hext.guestN=hostile). Included by
# hypervisor/hypervisor.mk.

HOSTILE_OUT  := $(BUILD)/hostile
HOSTILE_BIN  := $(HOSTILE_OUT)/hostile.bin
HOSTILE_SRCS := $(addprefix hypervisor/hostile/,start.S main.c gen.c oracle.c encode.c exec.c \
                tally.c rng.c) hypervisor/fmt.c hypervisor/isa.c lib/fdt/fdt_read.c lib/string.c

$(HOSTILE_OUT)/hostile.elf: $(HOSTILE_SRCS) hypervisor/hostile/hostile.h hypervisor/guest_start.inc \
		hypervisor/selftest/linker.ld lib/riscv/encoding.h
	@mkdir -p $(dir $@)
	$(TARGET_CC) $(filter-out -march=% -mabi=%,$(TARGET_CFLAGS)) $(HYP_ARCH) -iquote lib \
		-iquote hypervisor -static -Wl,--no-warn-rwx-segments \
		-T hypervisor/selftest/linker.ld -o $@ $(HOSTILE_SRCS) -lgcc

$(HOSTILE_BIN): $(HOSTILE_OUT)/hostile.elf
	$(CROSS_ELF)objcopy -O binary $< $@

$(HYP_OUT)/guest_image_hostile.o: hypervisor/guest_image_hostile.S $(HOSTILE_BIN)
	@mkdir -p $(dir $@)
	$(TARGET_CC) $(HYP_CFLAGS) -c $< -o $@ -DHOSTILE_IMAGE_PATH='"$(HOSTILE_BIN)"'

# Host unit tests of the pure parts (tests/unit/hostile/), objdump as the reference decoder.
HOSTILE_TEST := $(BUILD)/tests/hostile/hostile_test
HOSTILE_PURE := $(addprefix hypervisor/hostile/,gen.c oracle.c encode.c tally.c rng.c)
UNIT_TESTS += $(HOSTILE_TEST)

$(HOSTILE_TEST): tests/unit/hostile/hostile_test.c $(HOSTILE_PURE) hypervisor/hostile/hostile.h
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_CFLAGS) -fsanitize=address,undefined -fno-sanitize-recover=all \
		-iquote hypervisor/hostile -iquote lib -o $@ $< $(HOSTILE_PURE) -lcmocka
