#!/bin/sh
# The known-failure list logic of tests/targets.sh on made-up logs: an unlisted failure is
# reported, a listed failure is not, and a listed check that passed in some run and failed in
# none is reported as fixed.
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
list="$LOGS/list.txt"
cat > "$list" <<'LIST'
# a comment
csr: listed and failing
csr: listed and passing
csr: fails in the second run only

LIST
cat > "$LOGS/run1.log" <<'LOG'
ok csr: listed and passing
not ok csr: listed and failing: [hstatus_vtsr_op] expected 1; got 2
not ok csr: not listed: expected 1; got 2
ok csr: fails in the second run only
LOG
cat > "$LOGS/run2.log" <<'LOG'
ok csr: listed and passing
not ok csr: listed and failing: expected 1; got 2
not ok csr: fails in the second run only: expected 1; got 2
LOG
check "an unlisted failure is reported" "$(known_failure_check "$LOGS/run1.log" "$list")" \
    "csr: not listed"
known_record "$LOGS/run1.log" "$list"
check "after one run, the checks it passed are fixed" "$(known_fixed "$list" | tr '\n' ' ')" \
    "fixed: csr: fails in the second run only — remove it from $list fixed: csr: listed and passing — remove it from $list "
known_record "$LOGS/run2.log" "$list"
check "a check that fails in any run is not fixed" "$(known_fixed "$list")" \
    "fixed: csr: listed and passing — remove it from $list"
check "the list is recorded once" "$(known_lists_used)" "$list"
check "no list: every failure is unexpected" \
    "$(known_failure_check "$LOGS/run1.log" "$LOGS/none.txt" | tr '\n' ' ')" \
    "csr: listed and failing csr: not listed "
known_reset
check "reset forgets the runs" "$(known_lists_used)" ""
