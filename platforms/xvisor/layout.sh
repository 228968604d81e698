#!/bin/sh
# Lays out hext's Linux guest for Xvisor's "basic" guest firmware, every address from the
# sizes of the files: writes boot.list (file -> offset in the guest's flash, read by Xvisor's
# `vfs guest_load_list`) and cmdlist (the firmware's autoexec commands: copy each image from
# flash to RAM, then start Linux).
#   layout.sh XVISOR_SRC DISK_IMAGES_DIR GUEST_RAM_SIZE LINUX_CMDLINE
# DISK_IMAGES_DIR holds firmware.bin, Image, linux.dtb and initramfs.cpio.
set -eu
src=$1 dir=$2 ram_size=$(($3)) cmdline=$4

size() { stat -c %s "$dir/$1"; }
align() { echo $(((($1) + ($2) - 1) / ($2) * ($2))); }
hex() { printf '0x%x' "$1"; }
fail() { echo "platforms/xvisor/layout.sh: $*" >&2; exit 1; }

# The firmware reads its command list at a fixed flash offset and sees 32 MiB of flash
# (tests/riscv/virt64/basic/arch_board.c in the Xvisor tree): read both from the user's tree.
board=$src/tests/riscv/virt64/basic/arch_board.c
autoexec=$(sed -n 's/.*return VIRT_NOR_FLASH + \(0x[0-9a-fA-F]*\);.*/\1/p' "$board")
flash_size=$(sed -n 's/^#define VIRT_NOR_FLASH_SIZE[[:space:]]*(\(0x[0-9a-fA-F]*\)).*/\1/p' "$board")
[ -n "$autoexec" ] && [ -n "$flash_size" ] || fail "cannot read the command-list offset or the flash size from $board"
[ "$(size firmware.bin)" -le $((autoexec)) ] || fail "firmware.bin overlaps its command list at $autoexec"

# Flash: firmware at 0, command list at $autoexec, then the three images, 4 KiB aligned.
img_off=$(align $((autoexec + 0x1000)) 0x1000)
dtb_off=$(align $((img_off + $(size Image))) 0x1000)
rd_off=$(align $((dtb_off + $(size linux.dtb))) 0x1000)
[ $((rd_off + $(size initramfs.cpio))) -le $((flash_size)) ] || fail "the images do not fit in $flash_size bytes of flash"

# RAM: the kernel at 0x80200000 (the RISC-V boot protocol's 2 MiB offset), spanning its
# header's image_size (u64 at byte 16, Documentation/arch/riscv/boot-image-header.rst) so its
# BSS stays clear; the DTB on the next 2 MiB boundary with 64 KiB for the firmware's fix-ups;
# the initramfs after it.
ram=0x80000000 kernel=0x80200000
span=$(od -An -tu8 -j16 -N8 "$dir/Image" | tr -d ' ')
[ "$span" -ge "$(size Image)" ] || span=$(size Image)
fdt=$(align $((kernel + span)) 0x200000)
initrd=$((fdt + 0x10000))
[ $((initrd + $(size initramfs.cpio))) -le $((ram + ram_size)) ] || fail "the guest does not fit in $ram_size bytes of RAM"

printf '0x%08x ./firmware.bin\n0x%08x ./cmdlist\n0x%08x ./Image\n0x%08x ./linux.dtb\n0x%08x ./initramfs.cpio\n' \
    0 $((autoexec)) "$img_off" "$dtb_off" "$rd_off" > "$dir/boot.list"
{
    echo "linux_cmdline $cmdline"
    echo "copy $(hex $kernel) $(hex "$img_off") $(hex "$(size Image)")"
    echo "copy $(hex "$fdt") $(hex "$dtb_off") $(hex "$(size linux.dtb)")"
    echo "copy $(hex "$initrd") $(hex "$rd_off") $(hex "$(size initramfs.cpio)")"
    echo "start_linux_fdt $(hex $kernel) $(hex "$fdt") $(hex "$initrd") $(hex "$(size initramfs.cpio)")"
} > "$dir/cmdlist"
