# guest: the Linux guest kernel (Image) and its initramfs whose /init is the checklist.
# See guest/README.md.

GUEST_OUT    := $(BUILD)/guest
GUEST_IMAGE  := $(GUEST_OUT)/Image
GUEST_INITRD := $(GUEST_OUT)/initramfs.cpio

GUEST_KBUILD   := $(GUEST_OUT)/linux
GUEST_FRAGMENT := guest/linux.config
GUEST_KMAKE     = $(MAKE) -C $(LINUX_SRC) O=$(abspath $(GUEST_KBUILD)) ARCH=riscv \
                  CROSS_COMPILE=$(CROSS_LINUX)

# Recipes that run kbuild start with `+` so that it shares our jobserver; but make also runs `+`
# lines under `make -n`, which must change nothing, so in a dry run they lose the `+`.
GUEST_SHARE_JOBS := $(if $(findstring n,$(firstword -$(MAKEFLAGS))),,+)

# The default tree is unpacked from Debian's tarball; a tree given as LINUX_SRC is used as is.
# Either way the stamp is what the kernel build depends on, so kbuild only reruns when the
# source (or the fragment) changed.
GUEST_DEFAULT_SRC := $(BUILD)/linux-source-6.12
ifeq ($(LINUX_SRC),$(GUEST_DEFAULT_SRC))
GUEST_SRC_STAMP := $(GUEST_DEFAULT_SRC)/.hext-unpacked
$(GUEST_SRC_STAMP): $(LINUX_TARBALL)
	mkdir -p $(BUILD) && \
	rm -rf $(GUEST_DEFAULT_SRC) && \
	tar -C $(BUILD) -xf $(LINUX_TARBALL) && \
	touch $@
else
GUEST_SRC_STAMP := $(LINUX_SRC)/Makefile
$(GUEST_SRC_STAMP):
	@echo "guest: LINUX_SRC=$(LINUX_SRC) is not a Linux source tree (no Makefile)" >&2; exit 1
# A tree of the user's changes under us, file by file: kbuild, which tracks every source,
# decides on each make whether Image is out of date.
GUEST_KBUILD_ALWAYS := guest-kbuild-always
.PHONY: guest-kbuild-always
endif

# tinyconfig + the fragment, then a check that nothing in the fragment was dropped. The stamp,
# not .config, is what Image depends on: a failed check leaves no stamp, so it is retried.
GUEST_CONFIG_STAMP := $(GUEST_KBUILD)/.hext-config
$(GUEST_CONFIG_STAMP): $(GUEST_FRAGMENT) $(GUEST_SRC_STAMP) guest/check-config.sh
	$(GUEST_SHARE_JOBS)rm -f $@ && \
	mkdir -p $(GUEST_KBUILD) && \
	$(GUEST_KMAKE) tinyconfig && \
	$(LINUX_SRC)/scripts/kconfig/merge_config.sh -m -O $(GUEST_KBUILD) \
		$(GUEST_KBUILD)/.config $(GUEST_FRAGMENT) >$(GUEST_KBUILD)/merge_config.log && \
	$(GUEST_KMAKE) olddefconfig && \
	sh guest/check-config.sh $(GUEST_FRAGMENT) $(GUEST_KBUILD)/.config && \
	touch $@

# Image is replaced only when kbuild changed it, so what embeds it is not rebuilt for nothing;
# an unchanged Image is still touched when a real prerequisite was newer, or make would rerun
# kbuild every time.
$(GUEST_IMAGE): $(GUEST_CONFIG_STAMP) $(GUEST_KBUILD_ALWAYS)
	$(GUEST_SHARE_JOBS)$(GUEST_KMAKE) Image && \
	{ cmp -s $(GUEST_KBUILD)/arch/riscv/boot/Image $@ && \
	  $(if $(filter-out $(GUEST_KBUILD_ALWAYS),$?),touch $@,true) || \
	  { cp $(GUEST_KBUILD)/arch/riscv/boot/Image $@.tmp$$$$ && mv $@.tmp$$$$ $@; }; }

# Outputs are written under a temporary name and renamed: an interrupted make never leaves a
# half-written file that looks up to date.
# The checklist runs as /init: static, so the initramfs needs no libraries.
GUEST_INIT      := $(GUEST_OUT)/init
GUEST_INIT_SRCS := $(wildcard guest/checklist/*.c)
GUEST_INIT_HDRS := $(wildcard guest/checklist/*.h)
$(GUEST_INIT): $(GUEST_INIT_SRCS) $(GUEST_INIT_HDRS)
	mkdir -p $(dir $@)
	$(CROSS_LINUX)gcc -std=gnu11 -static -O2 -s -Wall -Wextra -Werror -pthread \
		-o $@.tmp$$$$ $(GUEST_INIT_SRCS) && mv $@.tmp$$$$ $@

# gen_init_cpio writes device nodes into the archive, so no root is needed.
GUEST_GEN_CPIO := $(GUEST_OUT)/gen_init_cpio
$(GUEST_GEN_CPIO): $(GUEST_SRC_STAMP)
	mkdir -p $(dir $@)
	$(HOST_CC) -O2 -o $@.tmp$$$$ $(LINUX_SRC)/usr/gen_init_cpio.c && mv $@.tmp$$$$ $@

$(GUEST_OUT)/initramfs.list: guest/initramfs.list
	mkdir -p $(dir $@)
	sed 's|@INIT@|$(GUEST_INIT)|' $< >$@.tmp$$$$ && mv $@.tmp$$$$ $@

$(GUEST_INITRD): $(GUEST_OUT)/initramfs.list $(GUEST_INIT) $(GUEST_GEN_CPIO)
	$(GUEST_GEN_CPIO) $< >$@.tmp$$$$ && mv $@.tmp$$$$ $@

.PHONY: guest guest-kernel guest-initrd
guest: $(GUEST_IMAGE) $(GUEST_INITRD)
guest-kernel: $(GUEST_IMAGE)
guest-initrd: $(GUEST_INITRD)

# Host unit tests: the cpuinfo reader on captured guest output, the CPU-list reader, and the
# config checker.
GUEST_TEST_DIR := $(BUILD)/tests/guest
$(GUEST_TEST_DIR)/cpuinfo_test: tests/unit/guest/cpuinfo_test.c guest/checklist/cpuinfo.c \
		guest/checklist/cpuinfo.h $(wildcard tests/unit/guest/cpuinfo-*.txt)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_CFLAGS) -fsanitize=address,undefined -fno-sanitize-recover=all \
		-Iguest/checklist -DFIXTURE_DIR='"$(abspath tests/unit/guest)"' \
		$(filter %.c,$^) -o $@ -lcmocka

$(GUEST_TEST_DIR)/cpulist_test: tests/unit/guest/cpulist_test.c guest/checklist/cpulist.c \
		guest/checklist/cpulist.h
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_CFLAGS) -fsanitize=address,undefined -fno-sanitize-recover=all \
		-Iguest/checklist $(filter %.c,$^) -o $@ -lcmocka

# A wrapper, so the test runs like any other unit-test program (absolute paths stay in build/).
$(GUEST_TEST_DIR)/check_config_test: tests/unit/guest/check_config_test.sh guest/check-config.sh
	@mkdir -p $(dir $@)
	printf '#!/bin/sh\nexec sh %s %s\n' $(abspath $^) >$@.tmp$$$$ && \
		chmod +x $@.tmp$$$$ && mv $@.tmp$$$$ $@

GUEST_UNIT_TESTS := $(GUEST_TEST_DIR)/cpuinfo_test $(GUEST_TEST_DIR)/check_config_test \
                    $(GUEST_TEST_DIR)/cpulist_test
UNIT_TESTS += $(GUEST_UNIT_TESTS)
unit-tests: $(GUEST_UNIT_TESTS)
