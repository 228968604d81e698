#!/bin/sh
# End-to-end checks of hext's exit statuses (runner/README.md), printed as TAP. Fake emulators
# are small shell scripts passed through QEMU=; the timeout and start-failure cases use the
# real QEMU. After every case no process may be left whose command line names our work dir.
# Run from the repository root: make runner-e2e (or HEXT=... RUNNER_E2E_DIR=... sh this-file).
set -u
HEXT=${HEXT:-build/runner/hext}
E2E=${RUNNER_E2E_DIR:-build/runner/e2e}
QEMU_BIN=${QEMU:-qemu-system-riscv64}
unset QEMU SPIKE SAIL SAIL_FLAVOUR SAIL_CONFIG HEXT_IMAGES HEXT_SHOW_COMMAND

if [ ! -x "$HEXT" ]; then
    echo "1..0 # SKIP $HEXT not built (make runner)"
    exit 0
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/hext-e2e.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
n=0
failures=0

ok() {
    n=$((n + 1))
    if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failures=$((failures + 1)); fi
}

skip() {
    n=$((n + 1))
    echo "ok $n - $1 # SKIP $2"
}

# run EXPECTED NAME [VAR=value ...] -- hext-args...: runs hext, checks its status and that
# nothing it started survives.
run() {
    expected=$1 name=$2
    shift 2
    envs=""
    while [ "$1" != "--" ]; do envs="$envs $1"; shift; done
    shift
    env $envs "$HEXT" "$@" >"$work/out" 2>"$work/err" </dev/null
    rc=$?
    left=$(pgrep -f "$work" | tr '\n' ' ')
    if [ "$rc" = "$expected" ] && [ -z "$left" ]; then
        ok 0 "$name (exit $rc)"
    else
        ok 1 "$name: expected exit $expected, got $rc${left:+, processes left: $left}"
        sed 's/^/# /' "$work/err"
        pkill -KILL -f "$work" 2>/dev/null
    fi
}

# Checks that the last stdout line of the previous run matches an extended regex.
last_line_is() {
    line=$(tail -n 1 "$work/out")
    if printf '%s\n' "$line" | grep -Eq "$1"; then ok 0 "$2"; else ok 1 "$2: got '$line'"; fi
}

stderr_has() {
    if grep -q "$1" "$work/err"; then ok 0 "$2"; else ok 1 "$2: stderr was '$(cat "$work/err")'"; fi
}

fake() {
    printf '#!/bin/sh\n%s\n' "$2" >"$work/$1"
    chmod +x "$work/$1"
}

touch "$work/fw.bin"
printf 'firmware = fw.bin\n' >"$work/fake.conf"
printf 'firmware = fw.bin\nkernel = missing-Image\n' >"$work/missing.conf"
printf 'firmware = fw.bin\nkernal = Image\n' >"$work/typo.conf"
printf 'firmware = fw.bin\nverdict_from = [hext]\n' >"$work/hyp.conf"

fake pass 'echo "[guest0] hext-verdict: PASS fake run, clock 0.5 s"; exit 0'
fake fail 'printf "booting\r\nhext-verdict: FAIL expected 1, got 0\r\n"; exit 0'
fake hang 'echo "hext-verdict: PASS but cannot power off"; while :; do sleep 1; done'
fake silent 'echo "no verdict here"; exit 0'
fake pass_then_error 'echo "hext-verdict: PASS"; exit 1'
fake segv 'echo "hext-verdict: PASS"; kill -SEGV $$'
fake forever 'while :; do sleep 1; done'
fake dies "exec $QEMU_BIN \"\$@\" -no-such-option"
# Prints the bootargs of the DTB it was given and where that DTB lived.
fake show_dtb 'while [ $# -gt 0 ]; do [ "$1" = -dtb ] && d=$2; shift; done
echo "dtb $d"; dtc -q -I dtb -O dts "$d" | grep bootargs; echo "hext-verdict: PASS"'

echo "1..29"

run 3 "unknown emulator name" -- run --emu bochs "$work/fake.conf"
stderr_has "unknown emulator 'bochs'" "unknown emulator: one clear line"
run 3 "emulator binary missing" QEMU=/nonexistent -- run "$work/fake.conf"
stderr_has "emulator 'qemu' not found (set QEMU=/path/to/qemu-system-riscv64)" \
    "missing emulator: says which variable to set"
run 3 "image file missing" QEMU="$work/pass" -- run "$work/missing.conf"
run 3 "no manifest for the target" QEMU="$work/pass" -- run --images "$work" nosuchtarget
run 3 "unknown option" -- run --fast "$work/fake.conf"
run 3 "unknown manifest key" QEMU="$work/pass" -- run "$work/typo.conf"
stderr_has "typo.conf:2: unknown key 'kernal'" "bad manifest: names file:line"
run 3 "forbidden emulator/platform pair" -- run --emu qemu --platform sail "$work/fake.conf"

mkdir -p "$work/imgs/linux" "$work/imgs/hyp" "$work/imgs/empty"
touch "$work/imgs/linux/qemu.conf" "$work/imgs/linux/spike.conf" "$work/imgs/hyp/qemu.conf"
run 0 "list" -- list --images "$work/imgs"
printf 'hyp: qemu\nlinux: qemu spike\n' | cmp -s - "$work/out"
ok $? "list: targets with their platforms, sorted"

run 0 "PASS verdict" QEMU="$work/pass" -- run "$work/fake.conf"
last_line_is '^hext: .*fake\.conf on qemu \(platform qemu\): PASS in [0-9]+\.[0-9]{2} s, guest clock 0\.5 s$' \
    "last line: fixed form with the guest clock"
run 1 "FAIL verdict" QEMU="$work/fail" -- run --quiet "$work/fake.conf"
last_line_is '^hext: .* FAIL in [0-9.]+ s$' "--quiet still prints the last line"
run 0 "PASS, then hangs: killed after the grace period" QEMU="$work/hang" -- run "$work/fake.conf"
run 4 "exits without a verdict" QEMU="$work/silent" -- run "$work/fake.conf"
run 4 "exits non-zero after PASS" QEMU="$work/pass_then_error" -- run "$work/fake.conf"
run 4 "killed by a signal" QEMU="$work/segv" -- run "$work/fake.conf"
# verdict_from = [hext]: a guest's PASS is not the hypervisor's, which never came.
run 4 "verdict_from: a guest's verdict alone does not pass" QEMU="$work/pass" -- run "$work/hyp.conf"

run 1 "--log with a FAIL run" QEMU="$work/fail" -- run --quiet --log "$work/log" "$work/fake.conf"
printf 'booting\r\nhext-verdict: FAIL expected 1, got 0\r\n' | cmp -s - "$work/log"
ok $? "--log: bytes equal what the emulator wrote"

if command -v dtc >/dev/null 2>&1; then
    printf '/dts-v1/;\n/ { chosen { bootargs = "console=hvc0"; }; };\n' |
        dtc -q -I dts -O dtb -o "$work/plat.dtb" -
    printf 'firmware = fw.bin\ndtb = plat.dtb\n' >"$work/dtb.conf"
    run 0 "--append with a dtb" QEMU="$work/show_dtb" -- run --append "no4lvl" "$work/dtb.conf"
    tmp_dtb=$(sed -n 's/^dtb //p' "$work/out")
    if grep -q 'bootargs = "console=hvc0 no4lvl";' "$work/out" && [ -n "$tmp_dtb" ] &&
        [ ! -e "$tmp_dtb" ]; then
        ok 0 "--append: emulator saw the extended bootargs; temporary DTB removed"
    else
        ok 1 "--append: $(cat "$work/out")"
    fi
else
    skip "--append with a dtb" "dtc not installed"
    skip "--append: emulator saw the extended bootargs" "dtc not installed"
fi

# SIGTERM to hext: the emulator goes too, and hext exits 128+15.
QEMU="$work/forever" "$HEXT" run --quiet "$work/fake.conf" >"$work/out" 2>"$work/err" &
hext_pid=$!
tries=0
while ! pgrep -f "$work/forever" >/dev/null && [ $tries -lt 100 ]; do
    sleep 0.1
    tries=$((tries + 1))
done
kill -TERM $hext_pid
wait $hext_pid
rc=$?
left=$(pgrep -f "$work" | tr '\n' ' ')
[ "$rc" = 143 ] && [ -z "$left" ]
ok $? "SIGTERM to hext ends the emulator (exit $rc${left:+, left: $left})"

if command -v "$QEMU_BIN" >/dev/null 2>&1 && [ -f "$E2E/loop.elf" ]; then
    cp "$E2E/loop.elf" "$E2E/qemu_pass.elf" "$work/"
    printf 'firmware = loop.elf\n' >"$work/loop.conf"
    printf 'firmware = qemu_pass.elf\n' >"$work/qemu_pass.conf"
    run 2 "timeout: real QEMU, firmware that never ends" QEMU="$QEMU_BIN" -- run --timeout 2 "$work/loop.conf"
    run 4 "emulator fails at start (bad QEMU option)" QEMU="$work/dies" -- run "$work/loop.conf"
    run 0 "real QEMU: firmware prints PASS and powers off" QEMU="$QEMU_BIN" -- run "$work/qemu_pass.conf"
else
    skip "timeout: real QEMU" "no $QEMU_BIN or $E2E/loop.elf (make runner-e2e)"
    skip "emulator fails at start" "no $QEMU_BIN or $E2E/loop.elf"
    skip "real QEMU PASS" "no $QEMU_BIN or $E2E/qemu_pass.elf"
fi

[ "$failures" = 0 ]
