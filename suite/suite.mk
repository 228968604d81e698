# suite: the bare-metal conformance suite for the H extension (M-mode, no firmware).
# See suite/README.md. Outputs: $(BUILD)/suite/suite-qemu.elf (ns16550 + sifive_test) and
# $(BUILD)/suite/suite-htif.elf (HTIF: Spike and the Sail platform).
#
# Every .c under suite/core, suite/areas and suite/model is built into both ELFs; the only
# difference between them is the platform file. SUITE_LIB_SRCS lists the lib/ sources linked in.

SUITE_OUT       := $(BUILD)/suite
SUITE_LIB_SRCS  ?= lib/string.c
# SUITE_EXCLUDE (command line) leaves out sources, e.g. someone's unfinished area.
SUITE_EXCLUDE   ?=
SUITE_SRCS      := $(filter-out $(SUITE_EXCLUDE),suite/core/entry.S \
                   $(wildcard suite/core/*.c suite/areas/*.c suite/model/*.c) $(SUITE_LIB_SRCS))
SUITE_HEADERS   := $(wildcard suite/core/*.h suite/areas/*.h suite/model/*.h lib/*.h lib/*/*.h)
SUITE_CFLAGS    := $(TARGET_CFLAGS) -iquote suite/core -iquote suite -iquote lib
SUITE_OBJS      := $(patsubst %,$(SUITE_OUT)/obj/%.o,$(SUITE_SRCS))
SUITE_ELFS      := $(SUITE_OUT)/suite-qemu.elf $(SUITE_OUT)/suite-htif.elf

$(SUITE_OUT)/obj/%.c.o: %.c $(SUITE_HEADERS)
	@mkdir -p $(dir $@)
	$(TARGET_CC) $(SUITE_CFLAGS) -c $< -o $@

$(SUITE_OUT)/obj/%.S.o: %.S
	@mkdir -p $(dir $@)
	$(TARGET_CC) $(SUITE_CFLAGS) -c $< -o $@

$(SUITE_OUT)/suite-%.elf: $(SUITE_OBJS) $(SUITE_OUT)/obj/suite/platform/%.c.o suite/core/link.ld
	$(TARGET_CC) $(SUITE_CFLAGS) -T suite/core/link.ld -Wl,--no-warn-rwx-segments -o $@ $(SUITE_OBJS) \
		$(SUITE_OUT)/obj/suite/platform/$*.c.o -lgcc

.SECONDARY: $(SUITE_OBJS) $(SUITE_OUT)/obj/suite/platform/qemu.c.o $(SUITE_OUT)/obj/suite/platform/htif.c.o
.PHONY: suite suite-run-qemu suite-run-spike
suite: $(SUITE_ELFS)

# Quick manual runs; `make test` and `make bench` use the runner and tests/ scripts.
suite-run-qemu: $(SUITE_OUT)/suite-qemu.elf
	timeout 120 $(QEMU) -M virt -cpu rv64,h=true -m 256M -nographic -bios $<

suite-run-spike: $(SUITE_OUT)/suite-htif.elf
	timeout 600 $(SPIKE) --isa=rv64gch_zicntr_zihpm -m256 $<

# Host unit tests of suite/model (owned by suite-translation).
-include tests/unit/suite/suite-tests.mk
