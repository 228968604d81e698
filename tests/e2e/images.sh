#!/bin/sh
# Checks the packaged images with independent tools (dtc's fdtget, binutils' readelf, nm,
# objcopy, cmp), not with the code that made them: the Sail DTB's /chosen matches the real
# initramfs, the HTIF node has no reg, the one-ELF bundles hold each file byte for byte at its
# address, and the HTIF symbols sit on the firmware's .htif variables. TAP output.
set -u
IMAGES=${IMAGES:-build/images}
CROSS_ELF=${CROSS_ELF:-riscv64-unknown-elf-}
FW_JUMP_ELF=${FW_JUMP_ELF:-/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.elf}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0

check() { # NAME CONDITION-COMMAND...
    name=$1
    shift
    n=$((n + 1))
    if "$@" > "$tmp/out" 2>&1; then
        echo "ok $n - $name"
    else
        echo "not ok $n - $name: $(head -c 300 "$tmp/out" | tr '\n' ' ')"
    fi
}

hex() { printf '%d' "0x$1"; }
htif=$("${CROSS_ELF}objdump" -h "$FW_JUMP_ELF" | awk '$2 == ".htif" { print $4 }')

symbol_at() { # ELF SYMBOL EXPECTED-ADDRESS-DECIMAL
    got=$("${CROSS_ELF}nm" "$1" | awk -v s="$2" '$3 == s { print $1 }')
    [ -n "$got" ] && [ "$(hex "$got")" -eq "$3" ] || { echo "$2 at ${got:-nowhere}"; return 1; }
}

# The segment at ADDRESS holds exactly FILE (its bytes and its size).
segment_is() { # ELF SECTION ADDRESS FILE
    "${CROSS_ELF}objcopy" -O binary -j "$2" "$1" "$tmp/seg" &&
        "${CROSS_ELF}readelf" -lW "$1" |
        awk -v a="$3" '$1 == "LOAD" && $3 == a { found = 1 } END { exit !found }' &&
        cmp "$tmp/seg" "$4"
}

initrd_bounds() { # DTB FILE
    start=$(fdtget -t x "$1" /chosen linux,initrd-start | awk '{ print $2 }')
    end=$(fdtget -t x "$1" /chosen linux,initrd-end | awk '{ print $2 }')
    size=$(stat -c %s "$2")
    [ "$(($(hex "$end") - $(hex "$start")))" -eq "$size" ] || { echo "start $start end $end size $size"; return 1; }
}

no_reg() { ! fdtget -p "$1" "$2" | grep -qx reg; }
one_cpu() { [ "$(fdtget -l "$1" /cpus | grep -c '^cpu@')" -eq 1 ]; }
has_h() { fdtget -t s "$1" /cpus/cpu@0 riscv,isa | grep -Eq '^rv64[a-z]*h'; }
mem_is() { [ "$(fdtget -t x "$1" /memory@80000000 reg)" = "0 80000000 0 $2" ]; }
bootargs_has() { fdtget -t s "$1" /chosen bootargs | grep -q -- "$2"; }
no_initrd() { ! fdtget -p "$1" /chosen | grep -q initrd; }

fw=$IMAGES/firmware/fw_jump-htif.elf
check "spike firmware: fromhost at .htif+0" symbol_at "$fw" fromhost "$(hex "$htif")"
check "spike firmware: tohost at .htif+8" symbol_at "$fw" tohost "$(($(hex "$htif") + 8))"

l=$IMAGES/linux
check "linux sail.dtb: initrd bounds match the initramfs file" initrd_bounds "$l/sail.dtb" "$l/initramfs.cpio"
check "linux sail.dtb: bootargs carry no4lvl" bootargs_has "$l/sail.dtb" no4lvl
check "linux sail.dtb: one hart" one_cpu "$l/sail.dtb"
check "linux sail.dtb: the hart has H" has_h "$l/sail.dtb"
check "linux sail.dtb: 256 MiB of RAM" mem_is "$l/sail.dtb" 10000000
check "linux sail.dtb: HTIF node without reg" no_reg "$l/sail.dtb" /htif
check "linux bundle: tohost at the firmware's .htif+8" symbol_at "$l/linux-sail.elf" tohost "$(($(hex "$htif") + 8))"
check "linux bundle: fromhost at the firmware's .htif" symbol_at "$l/linux-sail.elf" fromhost "$(hex "$htif")"
check "linux bundle: kernel at 0x80200000" segment_is "$l/linux-sail.elf" .payload 0x0000000080200000 "$l/Image"
initrd_start=$(printf '0x%016x' "0x$(fdtget -t x "$l/sail.dtb" /chosen linux,initrd-start | awk '{ print $2 }')")
check "linux bundle: initramfs where the DTB says" segment_is "$l/linux-sail.elf" .initrd "$initrd_start" "$l/initramfs.cpio"

h=$IMAGES/hyp
check "hyp sail.dtb: no initrd" no_initrd "$h/sail.dtb"
check "hyp sail.dtb: HTIF node without reg" no_reg "$h/sail.dtb" /htif
check "hyp bundle: hypervisor at 0x80200000" segment_is "$h/hyp-sail.elf" .payload 0x0000000080200000 "$h/hext-hyp.bin"
check "hyp bundle: tohost at the firmware's .htif+8" symbol_at "$h/hyp-sail.elf" tohost "$(($(hex "$htif") + 8))"
