#!/bin/sh
# OpenSBI before 1.3 (Debian 12's is 1.1) can send a hart being started through SBI HSM to the
# payload's entry instead of the start address (fixed upstream by e8e9ed37): the hypervisor
# must still bring that hart up (boot.S, lost_lottery). QEMU's gdb stub holds the boot hart inside
# hart_start while the secondary hart runs (hsm_race.py), so the race happens every time; the
# run must then PASS with both harts, and the hypervisor must say how the hart arrived. Before boot.S handled it, the run FAILed: "host hart N
# has not reached the hypervisor ... (HSM status 0)". TAP output.
set -u
. tests/emulators.sh
HEXT=${HEXT:-build/runner/hext}
BUILD=${BUILD:-build}
IMAGES=${IMAGES:-$BUILD/images}
LOGS=${LOGS:-build/test-logs}
mkdir -p "$LOGS"
name="hyp on qemu, a secondary hart sent to the payload's entry by the firmware"

skip() {
    echo "ok 1 - $name # SKIP $1"
    exit 0
}
if why=$(emu_missing qemu); then skip "$why"; fi
command -v gdb-multiarch > /dev/null || skip "gdb-multiarch is not installed"
command -v riscv64-unknown-elf-objdump > /dev/null || skip "riscv64-unknown-elf-objdump is not installed"

work=$(mktemp -d "${TMPDIR:-/tmp}/hext-hsm-race.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
log="$LOGS/hsm-race.log"
"$HEXT" run --quiet --timeout 90 --log "$log" --harts 2 \
    --emu-arg -gdb --emu-arg "unix:$work/gdb,server=on,wait=off" --emu-arg -S hyp \
    > "$work/runner" 2>&1 &
runner=$!
i=0
while [ ! -S "$work/gdb" ] && [ $i -lt 100 ]; do
    sleep 0.1
    i=$((i + 1))
done
HSM_RACE_SOCK="$work/gdb" HSM_RACE_FW="$IMAGES/firmware/fw_jump.bin" HSM_RACE_RESULT="$work/result" \
    gdb-multiarch -q -nx -batch "$BUILD/hypervisor/hext-hyp.elf" -x tests/e2e/hsm_race.py \
    > "$LOGS/hsm-race-gdb.log" 2>&1
wait $runner
rc=$?
outcome=$(cat "$work/result" 2>/dev/null || echo "error: gdb wrote no result ($LOGS/hsm-race-gdb.log)")
case $outcome in
reproduced)
    if [ "$rc" -eq 0 ] && grep -q "hext-verdict: PASS" "$log" &&
        grep -q "host deviation: host hart [0-9]* was sent to the payload's entry" "$log"; then
        echo "ok 1 - $name"
    else
        echo "not ok 1 - $name: race reproduced, then exit $rc: $(tail -n 1 "$work/runner") (log: $log)"
    fi ;;
not-reproduced*)
    skip "${outcome#not-reproduced: }" ;;
*)
    echo "not ok 1 - $name: $outcome (gdb log: $LOGS/hsm-race-gdb.log)" ;;
esac
