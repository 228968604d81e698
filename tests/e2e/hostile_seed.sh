#!/bin/sh
# The hostile guest's runs are reproducible: two runs with hext.seed=777 print the same
# operation-sequence hash and the same counts by outcome, and hext.seed=778 another hash (QEMU,
# the guest alone). TAP output.
set -u
. tests/emulators.sh
HEXT=${HEXT:-build/runner/hext}
LOGS=${LOGS:-build/test-logs}
mkdir -p "$LOGS"

if why=$(emu_missing qemu); then
    echo "ok 1 - hostile seed reruns # SKIP $why"
    exit 0
fi

run() { # SEED NAME -> the run's hash and outcome lines in $LOGS/hostile-NAME.txt
    log="$LOGS/hostile-seed-$2.log"
    "$HEXT" run --quiet --log "$log" --append "hext.guests=1 hext.guest0=hostile hext.seed=$1" \
        hyp-hostile > /dev/null 2>&1 || return 1
    grep -E 'hostile( outcome|: .*sequence hash)' "$log" | tr -d '\r' | sort > "$LOGS/hostile-$2.txt"
    [ -s "$LOGS/hostile-$2.txt" ]
}

hash_of() { sed -n 's/.*sequence hash \(0x[0-9a-f]*\).*/\1/p' "$LOGS/hostile-$1.txt"; }

if run 777 a && run 777 b && run 778 c; then
    if ! cmp -s "$LOGS/hostile-a.txt" "$LOGS/hostile-b.txt"; then
        echo "not ok 1 - hostile seed reruns: two runs of seed 777 differ ($LOGS/hostile-a.txt, -b.txt)"
    elif [ "$(hash_of a)" = "$(hash_of c)" ]; then
        echo "not ok 1 - hostile seed reruns: seeds 777 and 778 gave the same sequence"
    else
        echo "ok 1 - hostile seed reruns: seed 777 twice gives the same operations and outcomes, 778 others"
    fi
else
    echo "not ok 1 - hostile seed reruns: a run failed (logs: $LOGS/hostile-seed-*.log)"
fi
