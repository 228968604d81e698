# platforms/xvisor.mk: the `xvisor` target — OpenSBI fw_jump + Xvisor (built from the user's
# tree, XVISOR_SRC) + hext's Linux guest and checklist initramfs as an Xvisor guest, for QEMU,
# Spike and the Sail platform. Without XVISOR_SRC the target's directory only says why it is
# missing (unavailable.txt), and the test rows skip with that reason.
#
#   make images XVISOR_SRC=~/xvisor
#   build/runner/hext run xvisor
#
# Xvisor's own make builds it out of tree in $(XVISOR_OUT) with the Linux cross compiler
# (generic-64b-defconfig), and its "basic" guest firmware, which copies Linux from the guest's
# flash into RAM. Everything else is ours: the guest description (platforms/xvisor/guest.dts.in),
# the device tree Linux sees (linux.dts.in), the layout (layout.sh) and the boot script.

XVISOR_SRC       ?=
XVISOR_OUT       := $(BUILD)/xvisor
XVISOR_DIR       := $(IMAGES)/xvisor
XVISOR_DISK      := $(XVISOR_OUT)/disk
XVISOR_GUEST_RAM ?= 0x4000000
# The guest's vsatp on the Sail model needs no4lvl (PLATFORMS.md); Linux stays on Sv39 everywhere.
XVISOR_LINUX_CMDLINE ?= console=ttyS0 earlycon=sbi no4lvl panic=-1
# Xvisor's boot commands: mount the disk image (the initrd) and run our script from it.
XVISOR_BOOTCMD := vmm.bootcmd="vfs mount initrd /;vfs run /boot.xscript"
XVISOR_PLATFORM_FILES := platforms/xvisor.mk platforms/xvisor/guest.dts.in \
                         platforms/xvisor/linux.dts.in platforms/xvisor/layout.sh \
                         platforms/xvisor/boot.xscript

ifeq ($(XVISOR_SRC),)

$(XVISOR_DIR)/unavailable.txt: platforms/xvisor.mk
	@mkdir -p $(dir $@)
	@rm -f $(XVISOR_DIR)/*.conf
	@echo 'XVISOR_SRC is not set (make images XVISOR_SRC=DIR builds the xvisor target from your Xvisor tree)' > $@

images: $(XVISOR_DIR)/unavailable.txt

else

XVISOR_VMM := $(XVISOR_OUT)/vmm.bin
XVISOR_FW  := $(XVISOR_OUT)/tests/riscv/virt64/basic/firmware.bin
XVISOR_MAKE = $(MAKE) --no-print-directory -C $(XVISOR_SRC) O=$(abspath $(XVISOR_OUT)) \
              ARCH=riscv CROSS_COMPILE=$(CROSS_LINUX)

# Xvisor's make tracks its own sources, so it runs every time; vmm.bin is replaced only when
# it changed, so the images are repacked only then.
.PHONY: xvisor-build
xvisor-build:
	@test -f $(XVISOR_SRC)/arch/riscv/configs/generic-64b-defconfig || \
		{ echo "platforms: XVISOR_SRC=$(XVISOR_SRC) is not an Xvisor tree with RISC-V support" >&2; exit 1; }
	@mkdir -p $(XVISOR_OUT)
	@test -f $(XVISOR_OUT)/.config || $(XVISOR_MAKE) generic-64b-defconfig > $(XVISOR_OUT)/build.log
	$(XVISOR_MAKE) >> $(XVISOR_OUT)/build.log
	$(XVISOR_MAKE) -C $(abspath $(XVISOR_SRC))/tests/riscv/virt64/basic >> $(XVISOR_OUT)/build.log

$(XVISOR_VMM) $(XVISOR_FW): xvisor-build
	@:

# The disk image Xvisor mounts from its initrd: the boot script and the guest's images.
$(XVISOR_OUT)/disk.img: $(XVISOR_FW) $(GUEST_IMAGE) $(GUEST_INITRD) $(XVISOR_PLATFORM_FILES)
	rm -rf $(XVISOR_DISK) && mkdir -p $(XVISOR_DISK)/images
	for f in guest linux; do \
		$(HOST_CC) -E -P -nostdinc -undef -x assembler-with-cpp -DGUEST_RAM_SIZE=$(XVISOR_GUEST_RAM) \
			platforms/xvisor/$$f.dts.in | dtc -q -I dts -O dtb -o $(XVISOR_DISK)/images/$$f.dtb - || exit 1; \
	done
	cp $(XVISOR_FW) $(XVISOR_DISK)/images/firmware.bin
	cp $(GUEST_IMAGE) $(XVISOR_DISK)/images/Image
	cp $(GUEST_INITRD) $(XVISOR_DISK)/images/initramfs.cpio
	cp platforms/xvisor/boot.xscript $(XVISOR_DISK)/boot.xscript
	sh platforms/xvisor/layout.sh $(XVISOR_SRC) $(XVISOR_DISK)/images $(XVISOR_GUEST_RAM) \
		'$(XVISOR_LINUX_CMDLINE)'
	genext2fs -B 1024 -b $$(( $$(du -sk $(XVISOR_DISK) | cut -f1) + 1024 )) -d $(XVISOR_DISK) $@

$(XVISOR_DIR)/vmm.bin: $(XVISOR_VMM)
	@mkdir -p $(dir $@) && rm -f $(XVISOR_DIR)/unavailable.txt
	cmp -s $< $@ || cp $< $@
$(XVISOR_DIR)/disk.img: $(XVISOR_OUT)/disk.img
	@mkdir -p $(dir $@) && cp $< $@

# The manifests take the bootcmd verbatim: its quotes are Xvisor's (one argument with spaces).
$(XVISOR_DIR)/qemu.conf: $(FW_BIN) $(XVISOR_DIR)/vmm.bin $(XVISOR_DIR)/disk.img $(XVISOR_PLATFORM_FILES)
	@printf '%s\n' 'firmware = ../firmware/fw_jump.bin' 'kernel = vmm.bin' 'initrd = disk.img' \
		'append = $(XVISOR_BOOTCMD)' 'ram_mb = $(PLAT_RAM_MB)' 'harts = 2' > $@

$(XVISOR_DIR)/spike.conf: $(FW_HTIF_ELF) $(XVISOR_DIR)/vmm.bin $(XVISOR_DIR)/disk.img $(XVISOR_PLATFORM_FILES)
	@printf '%s\n' 'firmware = ../firmware/fw_jump-htif.elf' 'kernel = vmm.bin' 'initrd = disk.img' \
		'append = $(XVISOR_BOOTCMD)' 'ram_mb = $(PLAT_RAM_MB)' 'harts = 2' > $@

# Sail: one ELF (firmware + Xvisor + disk image) and the platform DTB; the bootcmd's quotes
# are escaped for the DTS string.
$(XVISOR_DIR)/sail.conf: $(XVISOR_DIR)/vmm.bin $(XVISOR_DIR)/disk.img $(FW_JUMP_BIN) $(FW_JUMP_ELF) \
		platforms/sail/sail.dts.in platforms/sail/bundle.S platforms/sail/bundle.ld $(XVISOR_PLATFORM_FILES)
	$(call sail_bundle,$(XVISOR_DIR)/xvisor-sail.elf,$(XVISOR_DIR)/vmm.bin,$(XVISOR_DIR)/disk.img)
	$(call sail_dtb,$(XVISOR_DIR)/sail.dtb,$(subst ",\",$(XVISOR_BOOTCMD)),$(XVISOR_DIR)/disk.img)
	$(call write_manifest,$@,firmware=xvisor-sail.elf dtb=sail.dtb ram_mb=$(PLAT_RAM_MB) harts=1)

images: $(foreach p,qemu spike sail,$(XVISOR_DIR)/$(p).conf)

endif
