#!/bin/sh
# `hext run hyp --guest`: every malformed bundle ends the run with the hypervisor's FAIL verdict
# naming the defect (never a crash or a hang), on every installed emulator and platform; bad
# --guest use is a set-up error. The runner writes each broken bundle itself when
# HEXT_TEST_BUNDLE_DEFECT names the defect (test-only; runner/bundle_write.c). TAP output.
set -u
. tests/emulators.sh
HEXT=${HEXT:-build/runner/hext}
IMAGES=${IMAGES:-build/images}
GUEST=${GUEST:-build/hypervisor-selftest/guest.bin}
LINUX_IMAGE=${LINUX_IMAGE:-build/guest/Image}
unset HEXT_TEST_BUNDLE_DEFECT HEXT_SHOW_COMMAND

if [ ! -x "$HEXT" ] || [ ! -f "$IMAGES/hyp/qemu.conf" ] || [ ! -f "$GUEST" ]; then
    echo "1..0 # SKIP needs $HEXT, $IMAGES/hyp and $GUEST (make all images)"
    exit 0
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/hext-bundles.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
n=0

ok() {
    n=$((n + 1))
    if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}

# bad_bundle EMU PLATFORM DEFECT MESSAGE [hext options...]
bad_bundle() {
    emu=$1 platform=$2 defect=$3 message=$4
    shift 4
    name="${defect:-well-formed} bundle on $emu (platform $platform), $(printf %s "$message" | tr -d "\\\\")"
    if why=$(emu_missing "$emu"); then
        n=$((n + 1))
        echo "ok $n - $name # SKIP $why"
        return
    fi
    HEXT_TEST_BUNDLE_DEFECT=$defect "$HEXT" run --quiet --emu "$emu" --platform "$platform" \
        --images "$IMAGES" --log "$work/log" "$@" hyp > "$work/out" 2>&1 < /dev/null
    rc=$?
    want="hext-verdict: FAIL guest bundle at 0x[0-9a-f]+ \([0-9]+ bytes\): $message"
    if [ "$rc" = 1 ] && grep -Eq "$want" "$work/log"; then
        ok 0 "$name: FAIL naming it"
    else
        ok 1 "$name: exit $rc, log lacks /$want/: $(grep 'hext-verdict' "$work/log" | tail -n 1)"
    fi
}

head -c $((20 * 1024 * 1024)) /dev/zero > "$work/big.cpio"
for pair in qemu/qemu spike/spike spike/sail; do
    emu=${pair%/*} platform=${pair#*/}
    bad_bundle "$emu" "$platform" magic 'guest0: not a hext guest bundle \(bad magic\)' --guest "$GUEST"
    bad_bundle "$emu" "$platform" version 'guest0: unsupported bundle version' --guest "$GUEST"
    bad_bundle "$emu" "$platform" header 'guest0: bad bundle header_size' --guest "$GUEST"
    bad_bundle "$emu" "$platform" truncated 'guest0: bundle truncated' --guest "$GUEST"
    bad_bundle "$emu" "$platform" sizes 'guest0: bundle sizes overflow' --guest "$GUEST"
    bad_bundle "$emu" "$platform" checksum 'guest0: bundle checksum mismatch' --guest "$GUEST"
    bad_bundle "$emu" "$platform" cmdline 'guest0: bundle command line not NUL-terminated' \
        --guest "$GUEST"
    # Two bundles: each defect is made in the last one, and named for its guest.
    bad_bundle "$emu" "$platform" checksum 'guest1: bundle checksum mismatch' \
        --guest "$GUEST" --guest "$GUEST" --append hext.mem=32
    bad_bundle "$emu" "$platform" guest 'guest1: bundle guest number or count disagrees' \
        --guest "$GUEST" --guest "$GUEST" --append hext.mem=32
    bad_bundle "$emu" "$platform" count 'guest2: bundle truncated' --guest "$GUEST" \
        --guest "$GUEST" --append hext.mem=32
done
# More bundles than hext.guests= asks for.
bad_bundle qemu qemu "" '2 bundles for 1 guest \(hext.guests=1\)' --guest "$GUEST" \
    --guest "$GUEST" --append hext.guests=1
# Oversized: a well-formed bundle whose initrd cannot fit in 16 MiB of guest RAM.
bad_bundle qemu qemu "" 'guest0: guest image and initrd do not fit in guest RAM' --guest "$GUEST" \
    --guest-initrd "$work/big.cpio" --append hext.mem=16

# Well-formed but in the way: QEMU loads it inside the guest's RAM backing (200 MiB of guest RAM
# leave ~50 MiB of the 256 MiB host above it), and 60 MiB cannot be moved out.
head -c $((60 * 1024 * 1024)) /dev/zero > "$work/huge.cpio"
bad_bundle qemu qemu "" 'lies in guest RAM and does not fit in the host RAM above it' \
    --guest "$GUEST" --guest-initrd "$work/huge.cpio" --append hext.mem=200
rm -f "$work/huge.cpio"

# set_up_error NAME MESSAGE hext-args...: exit 3 with MESSAGE on stderr, no emulator started.
set_up_error() {
    name=$1 message=$2
    shift 2
    "$HEXT" run --quiet --images "$IMAGES" "$@" > "$work/out" 2> "$work/err" < /dev/null
    rc=$?
    if [ "$rc" = 3 ] && grep -q "$message" "$work/err"; then
        ok 0 "$name: set-up error"
    else
        ok 1 "$name: exit $rc, stderr '$(cat "$work/err")'"
    fi
}
set_up_error "missing --guest file" "cannot read /nonexistent/Image" --guest /nonexistent/Image hyp
: > "$work/empty"
set_up_error "empty --guest file" "is empty" --guest "$work/empty" hyp
set_up_error "--guest not a file" "is not a regular file" --guest /dev/null hyp
set_up_error "--guest for a target with its own initrd" "already sets initrd" \
    --guest "$GUEST" linux
HEXT_TEST_BUNDLE_DEFECT=nonsense set_up_error "unknown test defect" "unknown bundle defect" \
    --guest "$GUEST" hyp
# The emulator's description says how it takes the bundle; without that line, a set-up error.
mkdir "$work/emus"
grep -v '^initrd-loading' platforms/emulators/qemu.emu > "$work/emus/qemu.emu"
HEXT_EMULATORS="$work/emus" set_up_error "emulator described without initrd-loading" \
    "qemu.emu has no 'initrd-loading' line" --guest "$GUEST" hyp
echo "1..$n"
