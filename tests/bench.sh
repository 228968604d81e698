#!/bin/sh
# `make bench`: figures, not verdicts. For each installed emulator:
# - Linux natively and under the hext hypervisor: wall seconds from start to verdict and the
#   guest's own clock at its verdict (the checklist's CLOCK_BOOTTIME), medians of RUNS, and the
#   hext/native ratios;
# - on QEMU, the same pair with -icount (one hart): QEMU's clock then counts one nanosecond per
#   instruction (idle time included, equally on both sides), the instruction ratio;
# - the suite: wall seconds and its instruction count (minstret; QEMU counts instret only
#   with -icount, so the QEMU suite run uses it).
# - on Sail, one run each: the model's instruction count from machine start to power-off (-p)
#   for Linux natively, under hext with each guest console, and the suite.
# Spike's clock advances a whole 5000-instruction slice at every trap (PLATFORMS.md), so on
# Spike the guest-clock ratio overstates the instruction ratio of trap-heavy runs.
set -u
. tests/emulators.sh
. tests/known_failures.sh
HEXT=${HEXT:-build/runner/hext}
RUNS=${RUNS:-3}
LOGS=${LOGS:-build/bench-logs}
mkdir -p "$LOGS"
ICOUNT="--harts 1 --emu-arg -icount --emu-arg shift=0,sleep=off"
# The guest's RAM (hext.mem's default); native Linux gets as much.
GUEST_MIB=$(sed -n 's/^#define OPT_MEM_DEFAULT_MIB *\([0-9]*\).*/\1/p' hypervisor/options.h)

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)]; else print "-" }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.2fx", b / a; else print "-" }'; }
# The checklist's own clock from its verdict line (prefixed by [guest0] under hext).
checklist_clock() { sed -n 's/.*hext-verdict: [A-Z]* [0-9]* passed, [0-9]* failed, clock \([0-9.]*\) s.*/\1/p' "$1" | tail -n 1; }
# The machine's clock from its start, early boot included: the one native Linux's checklist
# prints with hext_machine_clock=1 (the time CSR), else the clock of the hypervisor's own
# verdict, after the guest powered off.
machine_clock() {
    sed -n 's/.*# machine clock: \([0-9.]*\) s.*/\1/p; s/^\[hext\] hext-verdict: .*, clock \([0-9.]*\) s$/\1/p' \
        "$1" | tail -n 1
}

# measure NAME EMU TARGET [runner options]: prints "median-wall median-checklist-clock
# median-machine-clock".
measure() {
    name=$1 emu=$2 target=$3
    shift 3
    : > "$LOGS/walls"
    : > "$LOGS/clocks"
    : > "$LOGS/machine"
    i=0
    while [ "$i" -lt "$RUNS" ]; do
        i=$((i + 1))
        log="$LOGS/$name-$i.log"
        # shellcheck disable=SC2068 # options are words on purpose
        if ! "$HEXT" run --quiet --emu "$emu" --log "$log" $@ "$target" > "$LOGS/last" 2>&1; then
            echo "bench: $name failed: $(tail -n 1 "$LOGS/last") (log: $log)" >&2
            echo "- - -"
            return
        fi
        runner_field wall < "$LOGS/last" >> "$LOGS/walls"
        checklist_clock "$log" >> "$LOGS/clocks"
        machine_clock "$log" >> "$LOGS/machine"
    done
    echo "$(median < "$LOGS/walls") $(median < "$LOGS/clocks") $(median < "$LOGS/machine")"
}

# measure() with arguments that may hold spaces (an --append of several words).
spaced_measure() { (IFS='
'
    measure "$@"); }

row() { printf '%-6s %-34s %9s %13s %9s %9s\n' "$@"; }

# The Sail model's own count (-p): every instruction from machine start to power-off.
sail_instructions() { sed -n 's/^Instructions: *\([0-9]*\).*/\1/p' "$1" | tail -n 1; }

# sail_count NAME TARGET [runner options]: one run (the count does not vary), prints
# "instructions wall".
sail_count() {
    name=$1 target=$2
    shift 2
    log="$LOGS/$name.log"
    # shellcheck disable=SC2068 # options are words on purpose
    if ! "$HEXT" run --quiet --emu sail --log "$log" --emu-arg -p $@ "$target" > "$LOGS/last" 2>&1 &&
        [ "$target" != suite ]; then
        # A failure the model's listed deviations explain is still a figure.
        why=$(target_unexplained "$log" "$(emu_version sail)" "$target" sail)
        if [ -n "$why" ]; then
            echo "bench: $name failed: $(tail -n 1 "$LOGS/last") (log: $log)" >&2
        else
            echo "bench: $name: failed only checklist items the model's deviations explain" \
                "($KNOWN_TARGET_DIR/$(emu_version sail).txt)" >&2
        fi
    fi
    echo "$(sail_instructions "$log") $(runner_field wall < "$LOGS/last")"
}

# Sail runs ~0.25 M instructions/s: one run per figure, instruction counts from the model. Its
# platform has no UART, so native Linux always uses the SBI console (hvc0).
sail_bench() {
    set -- $(sail_count linux-sail linux)
    ni=${1:--}
    row sail "linux native, console=hvc0: instructions" "${2:--}" "$ni" "" ""
    for console in ttyS0 hvc0; do
        set -- $(sail_count "hyp-$console-sail" hyp --append hext.console=$console)
        row sail "linux under hext, $console: instructions" "${2:--}" "${1:--}" "" "$(ratio "$ni" "${1:-}")"
    done
    set -- $(sail_count suite-sail suite)
    row sail "suite: instructions" "${2:--}" "${1:--}" "" ""
}

row emu run "wall s" "guest clock" "wall x" "clock x"
for emu in qemu spike sail; do
    if why=$(emu_missing "$emu"); then
        echo "$emu: skipped: $why"
        continue
    fi
    if [ "$emu" = sail ]; then
        sail_bench
        continue
    fi
    set -- $(measure "linux-$emu" "$emu" linux)
    nw=$1 nc=$2
    set -- $(measure "hyp-$emu" "$emu" hyp)
    row "$emu" "linux native (median of $RUNS)" "$nw" "$nc" "" ""
    row "$emu" "linux under hext" "$1" "$2" "$(ratio "$nw" "$1")" "$(ratio "$nc" "$2")"
    # The same pair with the SBI console: under hext one exit per string (DBCN) instead of
    # two exits per character on the virtual UART.
    set -- $(measure "linux-hvc0-$emu" "$emu" linux --append console=hvc0)
    nw=$1 nc=$2
    set -- $(measure "hyp-hvc0-$emu" "$emu" hyp --append hext.console=hvc0)
    row "$emu" "linux native, console=hvc0" "$nw" "$nc" "" ""
    row "$emu" "linux under hext, hext.console=hvc0" "$1" "$2" "$(ratio "$nw" "$1")" "$(ratio "$nc" "$2")"
    if [ "$emu" = qemu ]; then
        # Both sides with the same RAM: Linux's early boot (memmap init) grows with it.
        for console in ttyS0 hvc0; do
            # shellcheck disable=SC2086 # $ICOUNT: words on purpose
            set -- $(spaced_measure "linux-icount-$console" qemu linux $ICOUNT --emu-arg -m \
                --emu-arg "${GUEST_MIB}M" --append "console=$console hext_machine_clock=1")
            nc=$2 nm=$3
            set -- $(measure "hyp-icount-$console" qemu hyp $ICOUNT --append hext.console=$console)
            row qemu "linux native, -icount, $console" "" "$nc" "" ""
            row qemu "linux under hext, -icount, $console" "" "$2" "" "$(ratio "$nc" "$2")"
            row qemu "  native, from machine start" "" "$nm" "" ""
            row qemu "  under hext, from machine start" "" "$3" "" "$(ratio "$nm" "$3")"
        done
        suite_opts=$ICOUNT
    else
        suite_opts=
    fi
    # shellcheck disable=SC2086
    "$HEXT" run --quiet --emu "$emu" --log "$LOGS/suite-$emu.log" $suite_opts suite > "$LOGS/last" 2>&1
    instret=$(sed -n 's/^instret \([0-9]*\).*/\1/p' "$LOGS/suite-$emu.log" | tail -n 1)
    row "$emu" "suite ($(grep -c '^\(not \)\{0,1\}ok ' "$LOGS/suite-$emu.log") checks)" \
        "$(runner_field wall < "$LOGS/last")" "" "" ""
    row "$emu" "suite instructions (minstret)" "" "${instret:--}" "" ""
done
# ---- Several guests and time-sliced vCPUs (issue 7) ----
# Per configuration, measure()'s figures (under hext the guest clock is the last guest's at its
# verdict; with -icount it counts instructions), against native Linux with as many CPUs as each
# guest has.

# label | guest CPUs (native harts) | host harts under hext | hext switches
GUEST_CONFIGS='1 guest x 4 vCPUs, 4 harts|4|4|hext.vcpus=4
2 guests x 2 vCPUs, 4 harts|2|4|hext.guests=2 hext.vcpus=2 hext.mem=64
2 guests x 2 vCPUs, 1 hart|2|1|hext.guests=2 hext.vcpus=2 hext.mem=64'
# QEMU 7.2 -icount with several harts runs them in turn and native Linux with 2 CPUs does not
# finish there (measured: timeout), so instructions are compared on one hart only: native
# Linux on 1 CPU against the time-sliced configurations.
ICOUNT_CONFIGS='1 guest x 2 vCPUs, 1 hart|1|1|hext.vcpus=2
2 guests x 2 vCPUs, 1 hart|1|1|hext.guests=2 hext.vcpus=2 hext.mem=64'

# guests_bench EMU CONFIGS TAG [runner options]
guests_bench() {
    emu=$1 configs=$2 tag=$3
    shift 3
    opts="$*"
    echo "$configs" | while IFS='|' read -r label ncpus harts switches; do
        # Spike runs one hart unless told: only the 1-hart rows there.
        [ "$emu" != qemu ] && [ "$harts" != 1 ] && continue
        # shellcheck disable=SC2086 # $opts: words on purpose
        set -- $(spaced_measure "guests-linux-$emu$tag-$ncpus" "$emu" linux --harts "$ncpus" $opts)
        nw=$1 nc=$2
        set -- $(spaced_measure "guests-hyp-$emu$tag-$harts-$ncpus" "$emu" hyp --append "$switches" \
            --harts "$harts" $opts)
        row "$emu" "linux native, $ncpus CPUs${tag:+, $tag}" "$nw" "$nc" "" ""
        row "$emu" "hext: $label${tag:+, $tag}" "$1" "$2" "$(ratio "$nw" "$1")" "$(ratio "$nc" "$2")"
    done
}

for emu in qemu spike; do
    emu_missing "$emu" > /dev/null && continue
    guests_bench "$emu" "$GUEST_CONFIGS" ""
    [ "$emu" = qemu ] && guests_bench qemu "$ICOUNT_CONFIGS" -icount --emu-arg -icount \
        --emu-arg shift=0,sleep=off
done
echo "guest clock: the checklist's CLOCK_BOOTTIME at its verdict (QEMU -icount: 1 ns = 1 instruction);"
echo "from machine start: to the verdict, by the time CSR: early boot and firmware included (under hext, to its"
echo "  own verdict after the guest powered off);"
echo "Sail: the model's instruction count from machine start to power-off, in the clock columns."
