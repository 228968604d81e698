#!/bin/sh
# `make bench`: figures, not verdicts. For each installed emulator: wall seconds from start to
# verdict (median of RUNS) and the guest's clock at power-off, for Linux natively and under the
# hext hypervisor (with the ratio), and the suite's instruction count (its `instret` line).
set -u
. tests/emulators.sh
HEXT=${HEXT:-build/runner/hext}
RUNS=${RUNS:-3}
LOGS=${LOGS:-build/bench-logs}
mkdir -p "$LOGS"

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)]; else print "-" }'; }

# measure TARGET EMU: prints "median-wall median-clock", or "- -" when a run did not pass.
measure() {
    : > "$LOGS/walls"
    : > "$LOGS/clocks"
    i=0
    while [ "$i" -lt "$RUNS" ]; do
        i=$((i + 1))
        "$HEXT" run --quiet --emu "$2" --log "$LOGS/$1-$2-$i.log" "$1" > "$LOGS/last" 2>&1 || {
            echo "- -"
            return
        }
        runner_field wall < "$LOGS/last" >> "$LOGS/walls"
        runner_field clock < "$LOGS/last" >> "$LOGS/clocks"
    done
    echo "$(median < "$LOGS/walls") $(median < "$LOGS/clocks")"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.2fx", b / a; else print "-" }'; }

printf '%-6s %-28s %10s %14s %8s\n' emu run "wall (s)" "guest clock" ratio
for emu in qemu spike sail; do
    if why=$(emu_missing "$emu"); then
        echo "$emu: skipped: $why"
        continue
    fi
    set -- $(measure linux "$emu")
    nw=$1 nc=$2
    set -- $(measure hyp "$emu")
    hw=$1 hc=$2
    printf '%-6s %-28s %10s %14s %8s\n' "$emu" "linux native (median of $RUNS)" "$nw" "$nc" ""
    printf '%-6s %-28s %10s %14s %8s\n' "$emu" "linux under hext (median)" "$hw" "$hc" "$(ratio "$nw" "$hw")"
    printf '%-6s %-28s %10s %14s %8s\n' "" "guest-clock ratio" "" "" "$(ratio "$nc" "$hc")"
    "$HEXT" run --quiet --emu "$emu" --log "$LOGS/suite-$emu.log" suite > "$LOGS/last" 2>&1
    printf '%-6s %-28s %10s %14s %8s\n' "$emu" "suite (instret $(sed -n 's/^instret \([0-9]*\).*/\1/p' "$LOGS/suite-$emu.log" | tail -n 1))" \
        "$(runner_field wall < "$LOGS/last")" "" ""
done
