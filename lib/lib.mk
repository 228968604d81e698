# lib: pure C shared by the hypervisor and the suite, and the hypervisor's device models.
# Everything here compiles for the freestanding target and for the host (unit tests).
#
# Other fragments use:
#   LIB_SRCS       target sources (includes lib/string.c: memcpy & co. for a libc-less build)
#   LIB_HOST_SRCS  the same without string.c (libc provides it on the host)
#   DEVICE_SRCS    hypervisor device models (uart16550, plic)
#   LIB_INCLUDES   include flags: #include "fdt/fdt.h", "insn/insn.h", "pt/pt.h", "string.h",
#                  "uart16550.h", "plic.h", "riscv/encoding.h"
#   $(BUILD)/lib/libhext.a  LIB_SRCS + DEVICE_SRCS built with TARGET_CFLAGS

LIB_SRCS      := lib/string.c lib/fdt/fdt_read.c lib/fdt/fdt_write.c lib/insn/insn.c lib/pt/pt.c \
                 lib/bundle/bundle.c
LIB_HOST_SRCS := $(filter-out lib/string.c,$(LIB_SRCS))
DEVICE_SRCS   := hypervisor/devices/uart16550.c hypervisor/devices/plic.c
# -iquote, not -I: on the host <string.h> must stay libc's.
LIB_INCLUDES  := -iquote lib -iquote hypervisor/devices
LIB_HEADERS   := $(wildcard lib/*.h lib/*/*.h hypervisor/devices/*.h)

LIB_TARGET_OBJS := $(patsubst %.c,$(BUILD)/lib/target/%.o,$(LIB_SRCS) $(DEVICE_SRCS))
LIB_HOST_OBJS   := $(patsubst %.c,$(BUILD)/lib/host/%.o,$(LIB_HOST_SRCS) $(DEVICE_SRCS))
LIB_A           := $(BUILD)/lib/libhext.a
LIB_HOST_A      := $(BUILD)/lib/libhext-host.a

$(BUILD)/lib/target/%.o: %.c $(LIB_HEADERS)
	@mkdir -p $(dir $@)
	$(TARGET_CC) $(TARGET_CFLAGS) $(LIB_INCLUDES) -c $< -o $@

$(BUILD)/lib/host/%.o: %.c $(LIB_HEADERS)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_CFLAGS) $(LIB_INCLUDES) -c $< -o $@

$(LIB_A): $(LIB_TARGET_OBJS)
	rm -f $@ && $(CROSS_ELF)ar rcs $@ $^

$(LIB_HOST_A): $(LIB_HOST_OBJS)
	rm -f $@ && ar rcs $@ $^

.PHONY: lib
lib: $(LIB_A) $(LIB_HOST_A)
all: lib

# Host unit tests (cmocka), built with sanitizers so an out-of-bounds read fails the test.
LIB_TEST_DIR    := $(BUILD)/tests/lib
DEVICE_TEST_DIR := $(BUILD)/tests/devices
LIB_TEST_CFLAGS := $(HOST_CFLAGS) $(LIB_INCLUDES) -fsanitize=address,undefined \
                   -fno-sanitize-recover=all -fno-omit-frame-pointer
LIB_TEST_DTBS   := $(patsubst tests/unit/lib/%.dts,$(LIB_TEST_DIR)/%.dtb,$(wildcard tests/unit/lib/*.dts))

$(LIB_TEST_DIR)/%.dtb: tests/unit/lib/%.dts
	@mkdir -p $(dir $@)
	dtc -q -I dts -O dtb $< -o $@

# The test finds its .dtb files through this absolute build path (never committed).
$(LIB_TEST_DIR)/fdt_test: tests/unit/lib/fdt_test.c lib/fdt/fdt_read.c lib/fdt/fdt_write.c \
		$(LIB_HEADERS) $(LIB_TEST_DTBS)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(LIB_TEST_CFLAGS) -DTEST_DATA_DIR='"$(abspath $(LIB_TEST_DIR))"' \
		$(filter %.c,$^) -o $@ -lcmocka -lfdt

# Instruction listings: the same source with RVC on and off, disassembled by objdump.
INSN_MARCH := rv64gcv_h
$(LIB_TEST_DIR)/insns-loads-rvc.S: tests/unit/lib/gen-insns.sh
	@mkdir -p $(dir $@)
	sh $< loads > $@

$(LIB_TEST_DIR)/insns-loads-norvc.S: tests/unit/lib/gen-insns.sh
	@mkdir -p $(dir $@)
	{ echo ".option norvc"; sh $< loads; } > $@

$(LIB_TEST_DIR)/insns-others.S: tests/unit/lib/gen-insns.sh
	@mkdir -p $(dir $@)
	sh $< others > $@

$(LIB_TEST_DIR)/%.dump: $(LIB_TEST_DIR)/%.S
	$(CROSS_LINUX)as -march=$(INSN_MARCH) $< -o $(@:.dump=.o)
	$(CROSS_LINUX)objdump -d -M no-aliases,numeric $(@:.dump=.o) > $@

INSN_DUMPS := $(addprefix $(LIB_TEST_DIR)/insns-,loads-rvc.dump loads-norvc.dump others.dump)

$(LIB_TEST_DIR)/insn_test: tests/unit/lib/insn_test.c lib/insn/insn.c $(LIB_HEADERS) $(INSN_DUMPS)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(LIB_TEST_CFLAGS) -DTEST_DATA_DIR='"$(abspath $(LIB_TEST_DIR))"' \
		-DOBJDUMP='"$(CROSS_LINUX)objdump"' $(filter %.c,$^) -o $@ -lcmocka

$(LIB_TEST_DIR)/pt_test: tests/unit/lib/pt_test.c lib/pt/pt.c $(LIB_HEADERS)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(LIB_TEST_CFLAGS) $(filter %.c,$^) -o $@ -lcmocka

$(LIB_TEST_DIR)/bundle_test: tests/unit/lib/bundle_test.c lib/bundle/bundle.c \
		tests/unit/lib/make_bundle.py $(LIB_HEADERS)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(LIB_TEST_CFLAGS) -DMAKE_BUNDLE='"$(abspath tests/unit/lib/make_bundle.py)"' \
		$(filter %.c,$^) -o $@ -lcmocka

$(DEVICE_TEST_DIR)/uart_test: tests/unit/devices/uart_test.c hypervisor/devices/uart16550.c \
		$(LIB_HEADERS)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(LIB_TEST_CFLAGS) $(filter %.c,$^) -o $@ -lcmocka

$(DEVICE_TEST_DIR)/plic_test: tests/unit/devices/plic_test.c hypervisor/devices/plic.c \
		$(LIB_HEADERS)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(LIB_TEST_CFLAGS) $(filter %.c,$^) -o $@ -lcmocka

LIB_UNIT_TESTS := $(LIB_TEST_DIR)/fdt_test $(LIB_TEST_DIR)/insn_test $(LIB_TEST_DIR)/pt_test \
                  $(LIB_TEST_DIR)/bundle_test \
                  $(DEVICE_TEST_DIR)/uart_test $(DEVICE_TEST_DIR)/plic_test
UNIT_TESTS += $(LIB_UNIT_TESTS)
unit-tests: $(LIB_UNIT_TESTS)
