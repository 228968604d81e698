#!/bin/sh
# A hart without H: the hypervisor must refuse to start and the suite must fail, each with a
# verdict that says why, and the machine must still power off (QEMU with -cpu rv64,h=false;
# QEMU takes the last -cpu). TAP output.
set -u
. tests/emulators.sh
HEXT=${HEXT:-build/runner/hext}
LOGS=${LOGS:-build/test-logs}
mkdir -p "$LOGS"
n=0

expect_no_h() { # TARGET PATTERN
    n=$((n + 1))
    if why=$(emu_missing qemu); then
        echo "ok $n - $1 without H # SKIP $why"
        return
    fi
    log="$LOGS/no-h-$1.log"
    "$HEXT" run --quiet --timeout 60 --log "$log" --emu-arg -cpu --emu-arg rv64,h=false "$1" \
        > /dev/null 2>&1
    rc=$?
    if [ "$rc" -eq 1 ] && grep -Eq "$2" "$log"; then
        echo "ok $n - $1 without H: FAIL verdict naming the missing extension"
    else
        echo "not ok $n - $1 without H: exit $rc, /$2/ not in $log"
    fi
}

expect_no_h hyp 'hext-verdict: FAIL no hypervisor extension'
expect_no_h suite '^not ok core: misa.H set'
