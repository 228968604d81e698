#!/bin/sh
# The expected-failure lists of tests/known_failures.sh, on made-up logs and lists: a listed
# failure is tolerated, an unlisted one, a failure with no failed item and an explanation the
# suite does not list are not; the emulator version names the lists. TAP output.
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export KNOWN_SUITE_DIR="$tmp/suite" KNOWN_TARGET_DIR="$tmp/targets"
. tests/emulators.sh
. tests/known_failures.sh
mkdir -p "$KNOWN_SUITE_DIR" "$KNOWN_TARGET_DIR"
n=0

# expect NAME WANT-PATTERN CMD...: CMD's output matches the grep -E pattern ('^$': is empty).
expect() {
    name=$1 want=$2
    shift 2
    n=$((n + 1))
    got=$("$@")
    if printf '%s\n' "$got" | grep -Eq "$want"; then
        echo "ok $n - $name"
    else
        echo "not ok $n - $name: got '$(printf '%s' "$got" | tr '\n' ';')', want /$want/"
    fi
}

cat > "$KNOWN_SUITE_DIR/emu-1.txt" << 'EOF'
# a comment
fp-dirty: vsstatus.FS after fld in VS

traps: vsstatus.SPIE after sret
EOF
cat > "$KNOWN_TARGET_DIR/emu-1.txt" << 'EOF'
# target platform item because suite-check
hyp sail fp_context because fp-dirty: vsstatus.FS after fld in VS
hyp spike futex because csr: not in the suite list
EOF
printf 'ok x: y\nnot ok fp-dirty: vsstatus.FS after fld in VS: expected 3, got 2\n' > "$tmp/suite.log"
printf 'not ok traps: vsstatus.SPIE after sret: expected 1\n' >> "$tmp/suite.log"
printf '[guest0] ok files\n[guest0] not ok fp_context: worker 1: f0 changed\n' > "$tmp/hyp.log"
printf 'not ok fp_context: worker 1: f0 changed\n' > "$tmp/linux.log"
printf '[guest0] not ok pipe: read: EIO\n[guest0] not ok fp_context: f3\n' > "$tmp/other.log"
printf '[hext] hext-verdict: FAIL guest0 stopped\n' > "$tmp/noitem.log"
printf '[guest0] not ok futex: timeout\n' > "$tmp/stale.log"

expect "listed suite failures are explained" '^$' suite_unexplained "$tmp/suite.log" emu-1
echo 'fp-dirty: vsstatus.FS after fld in VS' > "$KNOWN_SUITE_DIR/emu-3.txt"
expect "an unlisted suite failure is reported, alone" '^traps: vsstatus.SPIE after sret$' \
    sh -c '. tests/known_failures.sh; suite_unexplained "$1" emu-3 | tr "\n" " " | sed "s/ $//"' \
    - "$tmp/suite.log"
expect "a listed checklist failure under hext is explained" '^$' \
    target_unexplained "$tmp/hyp.log" emu-1 hyp sail
expect "the entry is per target" '^fp_context$' target_unexplained "$tmp/linux.log" emu-1 linux sail
expect "the entry is per platform" '^fp_context$' target_unexplained "$tmp/hyp.log" emu-1 hyp qemu
expect "the entry is per emulator version" '^fp_context$' target_unexplained "$tmp/hyp.log" emu-2 hyp sail
expect "an unlisted item beside a listed one is reported" '^pipe$' \
    target_unexplained "$tmp/other.log" emu-1 hyp sail
expect "a failure without a failed item is never explained" 'no checklist item failed' \
    target_unexplained "$tmp/noitem.log" emu-1 hyp sail
expect "an explanation the suite list lacks is reported" "names 'csr: not in the suite list'" \
    target_unexplained "$tmp/stale.log" emu-1 hyp spike

# A fake model per dialect: a later model's --version, the 2024 model's --help.
printf '#!/bin/sh\n[ "$1" = --version ] && echo "0.8 (abc)" && exit 0\nexit 1\n' > "$tmp/later"
printf '#!/bin/sh\n[ "$1" = --help ] && echo "  -H --enable-hext" && exit 0\necho usage; exit 1\n' \
    > "$tmp/old"
chmod +x "$tmp/later" "$tmp/old"
expect "a model's --version names it" '^sail-0\.8$' env SAIL="$tmp/later" sh -c \
    '. tests/emulators.sh; emu_version sail'
expect "a 2024 H model is named by its dialect" '^sail-2024-hext$' env SAIL="$tmp/old" sh -c \
    '. tests/emulators.sh; emu_version sail'
expect "SAIL_VERSION overrides the model" '^sail-mine$' env SAIL="$tmp/old" SAIL_VERSION=mine \
    sh -c '. tests/emulators.sh; emu_version sail'

# Lists stay true: a listed check that passed in some row and failed in none is fixed.
export LOGS="$tmp/logs"
mkdir -p "$LOGS"
list="$KNOWN_SUITE_DIR/emu-4.txt"
printf '# a comment\ncsr: listed and failing\ncsr: listed and passing\ncsr: fails in the second run only\n' \
    > "$list"
printf 'ok csr: listed and passing\nnot ok csr: listed and failing: expected 1; got 2\nok csr: fails in the second run only\n' \
    > "$tmp/run1.log"
printf 'ok csr: listed and passing\nnot ok csr: listed and failing: expected 1; got 2\nnot ok csr: fails in the second run only: expected 1; got 2\n' \
    > "$tmp/run2.log"
fixed_list() { known_fixed "$list" | tr '\n' ';'; }
known_record "$tmp/run1.log" "$list"
expect "after one run, the listed checks it passed are fixed" \
    "^fixed: csr: fails in the second run only — remove it from $list;fixed: csr: listed and passing — remove it from $list;$" \
    fixed_list
known_record "$tmp/run2.log" "$list"
expect "a listed check that fails in any run is not fixed" \
    "^fixed: csr: listed and passing — remove it from $list;$" fixed_list
expect "each list used is recorded once" "^$list$" known_lists_used
known_reset
expect "reset forgets the runs" '^$' known_lists_used
echo "1..$n"
