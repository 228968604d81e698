#!/bin/sh
# `make test`: host unit tests, the runner's error handling, then every target on every
# installed emulator (tests/targets.txt). Every test program speaks TAP; this script counts
# the lines, prints what failed, the results table and `N passed, N failed, N skipped`.
set -u
BUILD=${BUILD:-build}
LOGS=${LOGS:-$BUILD/test-logs}
export HEXT=${HEXT:-$BUILD/runner/hext} LOGS
mkdir -p "$LOGS"
tap="$LOGS/all.tap"
: > "$tap"

section() { echo "== $1" ; }

# run_tap NAME CMD...: runs one TAP producer, echoes its lines, records them; a producer that
# exits non-zero without reporting a failure counts as one failure.
run_tap() {
    name=$1
    shift
    out="$LOGS/$(echo "$name" | tr '/ ' '__').tap"
    CMOCKA_MESSAGE_OUTPUT=TAP "$@" > "$out" 2>&1
    rc=$?
    grep -E '^(not )?ok ' "$out" | sed -E "s@^(not ok|ok) [0-9]* *-? *@\\1 $name: @" | tee -a "$tap"
    if [ "$rc" -ne 0 ] && ! grep -q '^not ok ' "$out"; then
        echo "not ok $name: exited with status $rc (output: $out)" | tee -a "$tap"
    fi
}

section "unit tests"
for t in ${UNIT_TESTS:-}; do
    run_tap "$(basename "$t")" "$t"
done

section "runner and end-to-end"
for t in tests/e2e/*.sh; do
    [ -f "$t" ] && run_tap "$(basename "$t" .sh)" sh "$t"
done
run_tap targets sh tests/targets.sh

echo
echo "== results"
printf '%-12s %-6s %-6s %-34s %-11s %10s  %s\n' target emu plat switches verdict wall "guest clock"
cat "$LOGS/table.txt"
echo
grep '^not ok' "$tap" | sed 's/^/FAILED: /'
passed=$(grep -c '^ok .*' "$tap" | tr -d ' ')
skipped=$(grep -c '^ok .*# SKIP' "$tap" | tr -d ' ')
failed=$(grep -c '^not ok' "$tap" | tr -d ' ')
passed=$((passed - skipped))
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
