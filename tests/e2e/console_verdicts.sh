#!/bin/sh
# --expect / --fail end to end on QEMU with the hypervisor's self-test guest (runner/README.md):
# how the patterns and the guest's `hext-verdict:` line combine, and a bad pattern. TAP output.
set -u
. tests/emulators.sh
HEXT=${HEXT:-build/runner/hext}
IMAGES=${IMAGES:-build/images}

if [ ! -x "$HEXT" ] || [ ! -f "$IMAGES/hyp-selftest/qemu.conf" ] || emu_missing qemu > /dev/null; then
    echo "1..0 # SKIP needs $HEXT, $IMAGES/hyp-selftest and QEMU"
    exit 0
fi
out=$(mktemp "${TMPDIR:-/tmp}/hext-verdicts.XXXXXX") || exit 1
trap 'rm -f "$out"' EXIT
n=0

# case WANT_RC LAST_LINE_REGEX WHY_LINE NAME hext-options...: WHY_LINE (fixed text, may be
# empty) is the line saying which pattern decided.
case_() {
    want=$1 last=$2 why=$3 name=$4
    shift 4
    "$HEXT" run --quiet --images "$IMAGES" "$@" hyp-selftest > "$out" 2>&1 < /dev/null
    rc=$?
    n=$((n + 1))
    line=$(tail -n 1 "$out")
    if [ "$rc" = "$want" ] && printf '%s\n' "$line" | grep -Eq "$last" &&
        { [ -z "$why" ] || grep -qxF "$why" "$out"; }; then
        echo "ok $n - $name"
    else
        echo "not ok $n - $name: exit $rc (want $want), last line '$line'"
    fi
}

case_ 1 ": FAIL in" "hext: console matched --fail 'ok fetch from a hole'" \
    "--fail match beats the guest's PASS" --fail 'ok fetch from a hole'
case_ 0 ": PASS in" "" "--fail without a match: the guest's verdict line decides" \
    --fail 'Kernel panic'
case_ 0 ": PASS in" "hext: console matched --expect 'checks passed'" "every --expect matched" \
    --expect 'ok fetch from a hole' --expect 'checks passed'
case_ 4 "CRASH: qemu exited with status 0 without a verdict" "" \
    "--expect never matched: no verdict although the guest printed PASS" --expect 'no such line'
case_ 3 "SETUP-ERROR" "" "bad pattern: set-up error" --expect '(unclosed'
echo "1..$n"
