#!/bin/sh
# The known-failure list logic of tests/targets.sh on made-up logs: an unlisted failure is
# reported, a listed failure is not, and a listed check that passes is reported as fixed.
set -u
LOGS=$(mktemp -d)
trap 'rm -rf "$LOGS"' EXIT
. tests/known-failures.sh
n=0
check() { # name got expected
    n=$((n + 1))
    if [ "$2" = "$3" ]; then
        echo "ok $n - $1"
    else
        echo "not ok $n - $1: expected '$3'; got '$2'"
    fi
}
cat > "$LOGS/list.txt" <<'LIST'
# a comment
csr: listed and failing
csr: listed and passing

LIST
cat > "$LOGS/run.log" <<'LOG'
ok csr: listed and passing
not ok csr: listed and failing: [hstatus_vtsr_op] expected 1; got 2
not ok csr: not listed: expected 1; got 2
ok csr: unrelated
LOG
check "an unlisted failure is reported" "$(known_failure_check "$LOGS/run.log" "$LOGS/list.txt")" \
    "csr: not listed"
check "a listed check that passes is reported as fixed" \
    "$(fixed_check "$LOGS/run.log" "$LOGS/list.txt")" \
    "fixed: csr: listed and passing — remove it from $LOGS/list.txt"
check "no list: every failure is unexpected" \
    "$(known_failure_check "$LOGS/run.log" "$LOGS/none.txt" | tr '\n' ' ')" \
    "csr: listed and failing csr: not listed "
check "no list: nothing is fixed" "$(fixed_check "$LOGS/run.log" "$LOGS/none.txt")" ""
