#!/bin/sh
# End-to-end `hext matrix` (runner/README.md), TAP: a small subset on QEMU (and on Spike when
# installed) with its three reports parsed back by python3, logs named after each cell, a
# baseline run that must notice deliberately changed results, the live display through a pty,
# bad input as one-line set-up errors, and hext run from another directory.
set -u
HEXT=$(realpath "${HEXT:-build/runner/hext}")
unset SAIL_FLAVOUR HEXT_IMAGES HEXT_EMULATORS HEXT_SHOW_COMMAND
work=$(mktemp -d "${TMPDIR:-/tmp}/hext-matrix.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
n=0

ok() { # STATUS NAME [DETAIL-FILE]
    n=$((n + 1))
    if [ "$1" = 0 ]; then
        echo "ok $n - $2"
    else
        echo "not ok $n - $2"
        [ -n "${3:-}" ] && sed 's/^/# /' "$3" | tail -n 20
    fi
}
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }
has() { grep -Eq "$1" "$2"; }

if [ ! -x "$HEXT" ]; then
    echo "1..0 # SKIP $HEXT not built (make runner)"
    exit 0
fi
if ! command -v "${QEMU:-qemu-system-riscv64}" >/dev/null 2>&1; then
    echo "1..0 # SKIP QEMU is not installed"
    exit 0
fi

# 1. A subset on QEMU, with every report.
"$HEXT" matrix --emu qemu --target hyp-selftest,suite --jobs 2 --json "$work/a.json" \
    --junit "$work/a.xml" --markdown "$work/a.md" > "$work/a.out" 2>&1
ok $? "matrix on qemu (hyp-selftest, suite) passes" "$work/a.out"
has '^suite +PASS \([0-9]+ known\)' "$work/a.out" && has '^hyp-selftest +PASS' "$work/a.out"
ok $? "the table has a row per target and counts the suite's known failures" "$work/a.out"
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
cells = {c["target"]: c for c in d["cells"]}
s = cells["suite"]
assert s["emulator"] == "qemu" and s["emulator_version"] and s["emulator_binary"]
assert s["command"].split()[0] == s["emulator_binary"] and "-bios" in s["command"]
assert s["verdict"] == "KNOWN-FAILURES" and s["known_failures"] == s["failed"] > 0
assert len(s["checks"]) > 100 and all(c["known"] for c in s["checks"] if c["result"] == "not ok")
assert any(c["rule"] for c in s["checks"] if c["known"])
h = cells["hyp-selftest"]
assert h["verdict"] == "PASS" and h["guest_clock_s"] > 0 and h["wall_s"] > 0
' "$work/a.json" > "$work/py.out" 2>&1
ok $? "the JSON report parses and carries the cells' commands, versions and suite checks" "$work/py.out"
python3 -c '
import sys, xml.dom.minidom as X
d = X.parse(sys.argv[1]).documentElement
cases = d.getElementsByTagName("testcase")
assert int(d.getAttribute("tests")) == len(cases) > 100 and d.getAttribute("failures") == "0"
' "$work/a.xml" > "$work/py.out" 2>&1
ok $? "the JUnit report parses, one testcase per cell and per suite check" "$work/py.out"
has '^\| suite \| PASS \([0-9]+ known\)' "$work/a.md"
ok $? "the Markdown report holds the table" "$work/a.md"
[ -s build/logs/suite-qemu-default.log ] && has '^hext-verdict: ' build/logs/suite-qemu-default.log
ok $? "each cell's console log is build/logs/<target>-<emu>-<config>.log"

# 2. Baselines: a row that now fails, a baseline edited to say it passed, and suite checks
# whose baseline result is flipped.
printf 'hyp-selftest qemu qemu ; a line no run prints\nsuite qemu qemu\n' > "$work/rows.txt"
"$HEXT" matrix --emu qemu --rows "$work/rows.txt" --json "$work/b.json" > "$work/b.out" 2>&1
rc=$?
[ "$rc" = 1 ] && has '^failed: hyp-selftest on qemu: FAIL: the log lacks /a line no run prints/ \(log: ' "$work/b.out"
ok $? "a cell whose log lacks its pattern fails the matrix (exit $rc) and names its log" "$work/b.out"
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
for c in d["cells"]:
    if c["target"] == "hyp-selftest":
        c["verdict"], c["summary"] = "PASS", "PASS"
    else:
        checks = c["checks"]
        ok = next(k for k in checks if k["result"] == "ok")
        bad = next(k for k in checks if k["result"] == "not ok")
        ok["result"], bad["result"] = "not ok", "ok"
        print(ok["name"]); print(bad["name"])
json.dump(d, open(sys.argv[2], "w"))
' "$work/b.json" "$work/base.json" > "$work/flipped" 2>&1
fixed=$(sed -n 1p "$work/flipped") broke=$(sed -n 2p "$work/flipped")
"$HEXT" matrix --emu qemu --rows "$work/rows.txt" --baseline "$work/base.json" \
    --fail-on regressions > "$work/c.out" 2>&1
rc=$?
[ "$rc" = 1 ] && has '^changes since .*: 1 new failures, 1 fixes$' "$work/c.out" &&
    has '^hyp-selftest .*FAIL .* !was PASS' "$work/c.out"
ok $? "--baseline marks the cell that used to pass; --fail-on regressions fails on it (exit $rc)" "$work/c.out"
first=$(grep -n 'NEW FAILURE: hyp-selftest on qemu: PASS -> FAIL' "$work/c.out" | cut -d: -f1)
last=$(grep -nF "fixed: suite on qemu, check $fixed: not ok -> ok" "$work/c.out" | cut -d: -f1)
grep -qF "new known failure: suite on qemu, check $broke: ok -> not ok" "$work/c.out" &&
    [ -n "$first" ] && [ -n "$last" ] && [ "$first" -lt "$last" ]
ok $? "changed suite checks are listed, new failures before fixes" "$work/c.out"
"$HEXT" matrix --emu qemu --rows "$work/rows.txt" --baseline "$work/b.json" \
    --fail-on regressions > "$work/d.out" 2>&1
rc=$?
[ "$rc" = 0 ] && has '^changes since .*: 0 new failures, 0 fixes$' "$work/d.out"
ok $? "against its own results a failing run has no regressions (exit $rc)" "$work/d.out"

# 3. The live display needs a terminal: script(1) gives it one.
if command -v script >/dev/null 2>&1; then
    script -qec "$HEXT matrix --emu qemu --target hyp-selftest --jobs 1" /dev/null > "$work/tty.out" 2>&1
    rc=$?
    [ "$rc" = 0 ] && grep -q "$(printf '\033')\[" "$work/tty.out" &&
        tail -n 1 "$work/tty.out" | grep -Eq '^hyp-selftest .* PASS '
    ok $? "on a terminal the status lines are redrawn and the run ends with the table (exit $rc)" "$work/tty.out"
else
    skip "live display through a pty" "script(1) is not installed"
fi
grep -q "$(printf '\033')" "$work/a.out"
[ $? != 0 ]
ok $? "without a terminal there are no control sequences" "$work/a.out"

# 4. Instruction counts where counting changes the run (QEMU -icount) only on request.
"$HEXT" matrix --emu qemu --target hyp-selftest --count --json "$work/n.json" > "$work/n.out" 2>&1
python3 -c '
import json, sys
c = json.load(open(sys.argv[1]))["cells"][0]
assert " -icount shift=0,sleep=off" in c["command"] and c["instructions"] > 1000000, c
assert c["instructions"] == round(c["guest_clock_s"] * 1e9)
a = [x for x in json.load(open(sys.argv[2]))["cells"] if x["target"] == "hyp-selftest"][0]
assert "-icount" not in a["command"] and a["instructions"] is None, a
' "$work/n.json" "$work/a.json" > "$work/py.out" 2>&1
ok $? "--count gives QEMU instruction counts (-icount); without it QEMU runs unchanged" "$work/py.out"

# 5. Spike, when installed.
if command -v "${SPIKE:-spike}" >/dev/null 2>&1; then
    "$HEXT" matrix --emu spike --target hyp-selftest,suite > "$work/s.out" 2>&1
    ok $? "matrix on spike (hyp-selftest, suite) passes" "$work/s.out"
else
    skip "matrix on spike" "spike is not installed (put it on PATH or set SPIKE=)"
fi

# 6. Bad input: one line naming the problem, exit 3.
setup_error() { # NAME PATTERN ARGS...
    name=$1 pattern=$2
    shift 2
    "$@" > "$work/e.out" 2>&1
    rc=$?
    [ "$rc" = 3 ] && [ "$(wc -l < "$work/e.out")" = 1 ] && has "$pattern" "$work/e.out"
    ok $? "$name (exit $rc)" "$work/e.out"
}
setup_error "unknown emulator" "^hext: --emu: unknown emulator 'bochs'" "$HEXT" matrix --emu bochs
setup_error "no rows for a target" "no row for 'nosuch'" "$HEXT" matrix --emu qemu --target nosuch
printf 'linux qemu qemu\nhyp qemu\n' > "$work/bad-rows.txt"
setup_error "bad target list" "bad-rows.txt:2: expected" "$HEXT" matrix --rows "$work/bad-rows.txt"
printf 'linux qemu qemu\nlinux bochs bochs\n' > "$work/bochs-rows.txt"
setup_error "a row for an emulator without a description" \
    "bochs-rows.txt:2: no emulator description for 'bochs'" "$HEXT" matrix --rows "$work/bochs-rows.txt"
mkdir "$work/emus"
cp platforms/emulators/*.emu "$work/emus/"
printf 'flavor 7.2\n' >> "$work/emus/qemu.emu"
line=$(wc -l < "$work/emus/qemu.emu")
setup_error "bad emulator description" "qemu.emu:$line: unknown keyword 'flavor'" \
    env HEXT_EMULATORS="$work/emus" "$HEXT" matrix --emu qemu
HEXT_EMULATORS="$work/emus" "$HEXT" run --quiet linux > "$work/r.out" 2> "$work/r.err"
rc=$?
[ "$rc" = 3 ] && [ "$(wc -l < "$work/r.err")" = 1 ] &&
    has "qemu.emu:$line: unknown keyword 'flavor'" "$work/r.err" && has 'SETUP-ERROR' "$work/r.out"
ok $? "a bad description is a set-up error for hext run too (exit $rc)" "$work/r.err"
setup_error "--fail-on regressions without a baseline" "needs --baseline" \
    "$HEXT" matrix --fail-on regressions
setup_error "a report that cannot be written, before any cell runs" \
    "cannot write $work/no/such/dir/m.json: No such file or directory" \
    "$HEXT" matrix --emu qemu --json "$work/no/such/dir/m.json"
echo '{"cells": [' > "$work/bad.json"
setup_error "baseline that is not JSON" "bad.json: not JSON" \
    "$HEXT" matrix --emu qemu --target hyp-selftest --baseline "$work/bad.json"

# 7. Sail's dialect: its own --help decides, SAIL_FLAVOUR overrides; a binary that ignores
# --help and runs forever is stopped after the probe's time limit.
fake_sail() { printf '#!/bin/sh\n%s\n' "$2" > "$work/$1"; chmod +x "$work/$1"; }
fake_sail sail-new 'echo "  --config FILE   JSON configuration"'
fake_sail sail-2024 'echo "  -H, --enable-hext"'
fake_sail sail-hang 'while :; do sleep 1; done'
flavour() { env "$@" "$HEXT" emulators sail | sed -n 's/^flavour=//p'; }
[ "$(flavour SAIL="$work/sail-new")" = json ] && [ "$(flavour SAIL="$work/sail-2024")" = 2024 ] &&
    [ "$(flavour SAIL="$work/sail-new" SAIL_FLAVOUR=2024)" = 2024 ]
ok $? "the Sail binary's --help picks its dialect; SAIL_FLAVOUR overrides it"
SAIL="$work/sail-new" "$HEXT" emulators sail | grep -q '^note=.*stub'
ok $? "the upstream (json) dialect says its H is a stub"
[ "$(flavour SAIL="$work/sail-hang")" = 2024 ] && ! pgrep -f "$work/sail-hang" >/dev/null
ok $? "a binary that ignores --help is stopped and the default dialect used"
# A fake 2024 model: the matrix adds -p and reads its instruction count.
fake_sail sail-fake 'case "$1" in --help) echo "  --enable-hext";; *) echo "args: $*"
echo "[hext] hext-verdict: PASS fake"; echo "Instructions: 4242";; esac'
echo 'hyp-selftest sail sail' > "$work/sail-rows.txt"
SAIL="$work/sail-fake" "$HEXT" matrix --rows "$work/sail-rows.txt" --json "$work/sail.json" \
    > "$work/sail.out" 2>&1 &&
    python3 -c '
import json, sys
c = json.load(open(sys.argv[1]))["cells"][0]
assert c["verdict"] == "PASS" and c["instructions"] == 4242, c
assert " --enable-hext " in c["command"] and " -p " in c["command"], c
' "$work/sail.json" >> "$work/sail.out" 2>&1
ok $? "a Sail column (fake 2024 model): -p added, its instruction count read" "$work/sail.out"
SAIL="$work/sail-new" SAIL_FLAVOUR=1999 "$HEXT" emulators sail | grep -q "^missing=SAIL_FLAVOUR=1999 is not a known sail version"
ok $? "an unknown SAIL_FLAVOUR is reported"

# 8. Found from anywhere: images relative to hext itself.
(cd "$work" && "$HEXT" run --quiet hyp-selftest) > "$work/f.out" 2>&1
ok $? "hext run works from another directory" "$work/f.out"
echo "1..$n"
