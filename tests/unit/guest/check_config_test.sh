#!/bin/sh
# TAP test of guest/check-config.sh: it must accept a .config that has every option the fragment
# sets and name each option that did not stick. Usage: check_config_test.sh PATH/TO/check-config.sh
set -u
checker=${1:?usage: check_config_test.sh CHECK_CONFIG_SH}
dir=$(mktemp -d) || exit 1
trap 'rm -rf "$dir"' EXIT
n=0
failed=0

result() {
    n=$((n + 1))
    if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=1; fi
}

cat >"$dir/fragment" <<'FRAG'
# comment lines and blank lines are ignored

CONFIG_A=y
CONFIG_NR=4
CONFIG_S=""
# CONFIG_OFF is not set
# CONFIG_ABSENT is not set
FRAG

cat >"$dir/good" <<'CONF'
CONFIG_A=y
CONFIG_NR=4
CONFIG_S=""
# CONFIG_OFF is not set
CONF
sh "$checker" "$dir/fragment" "$dir/good" 2>"$dir/err"
result $? "all options present (an unset option may also be absent)"

# CONFIG_A dropped (dependency missing), CONFIG_NR changed, CONFIG_OFF turned on.
cat >"$dir/bad" <<'CONF'
# CONFIG_A is not set
CONFIG_NR=64
CONFIG_S=""
CONFIG_OFF=y
CONF
sh "$checker" "$dir/fragment" "$dir/bad" 2>"$dir/err"
rc=$?
[ "$rc" -ne 0 ]
result $? "fails when options did not stick (status $rc)"
grep -q "CONFIG_A=y" "$dir/err" && grep -q "CONFIG_NR=4" "$dir/err" &&
    grep -q "# CONFIG_OFF is not set" "$dir/err" && ! grep -q "CONFIG_S=" "$dir/err"
result $? "names exactly the options that did not stick"

# A prefix of another option's name must not count as present.
printf 'CONFIG_AB=y\nCONFIG_NR=4\nCONFIG_S=""\n' >"$dir/prefix"
sh "$checker" "$dir/fragment" "$dir/prefix" 2>"$dir/err"
[ $? -ne 0 ] && grep -q "CONFIG_A=y" "$dir/err"
result $? "CONFIG_AB=y does not satisfy CONFIG_A=y"

sh "$checker" "$dir/fragment" "$dir/missing" 2>"$dir/err"
rc=$?
[ "$rc" -ne 0 ] && [ "$(wc -l <"$dir/err")" -eq 1 ]
result $? "unreadable .config: one-line error, non-zero status"

sh "$checker" 2>"$dir/err"
rc=$?
[ "$rc" -ne 0 ] && [ "$(wc -l <"$dir/err")" -eq 1 ]
result $? "no arguments: one-line usage, non-zero status"

echo "1..$n"
exit $failed
