#!/bin/sh
# Runs every row of tests/targets.txt through the runner and prints TAP, then the results
# table. A row whose emulator is not installed is skipped with the reason. Failures listed for
# the emulator's version (spec-justified emulator bugs, tests/known_failures.sh says where) are
# tolerated; anything else fails. A list must stay true: a listed suite check that passed in some
# row and failed in none is reported `fixed: ...` and fails the test.
set -u
. tests/emulators.sh
. tests/known_failures.sh
HEXT=${HEXT:-build/runner/hext}
LOGS=${LOGS:-build/test-logs}
mkdir -p "$LOGS"
table="$LOGS/table.txt"
: > "$table"
known_reset
n=0

grep -v '^#' tests/targets.txt | sed '/^[[:space:]]*$/d' | {
    while IFS=';' read -r run pattern; do
        read -r target emu platform words <<ROW
$run
ROW
        # Words starting with -- are runner options (--harts=N, --emu-arg=X); the rest are
        # switches appended to the payload's command line.
        opts= switches=
        for w in $words; do
            case $w in
            --*) opts="$opts $w" ;;
            *) switches="${switches:+$switches }$w" ;;
            esac
        done
        opts=${opts# }
        pattern=$(echo "$pattern" | sed 's/^ *//; s/ *$//')
        n=$((n + 1))
        name="$target on $emu (platform $platform)${opts:+ $opts}${switches:+ [$switches]}"
        # An optional image not built (e.g. xvisor without XVISOR_SRC) says why in its folder.
        unavailable=${IMAGES:-build/images}/$target/unavailable.txt
        if [ -f "$unavailable" ] && why=$(head -n 1 "$unavailable") || why=$(emu_missing "$emu"); then
            echo "ok $n - $name # SKIP $why"
            printf '%-12s %-6s %-6s %-34s %-11s\n' "$target" "$emu" "$platform" "$words" skipped >> "$table"
            continue
        fi
        # Blanks and '/' become '_', '=' and ',' '-' (\055: a bare '-' in tr's set is a range).
        log="$LOGS/$target-$emu-$platform$(echo $opts $switches | tr -s ' /=,' '__\055\055').log"
        # shellcheck disable=SC2086 # opts are whole words, split on purpose
        set -- run --quiet --emu "$emu" --platform "$platform" --log "$log" $opts
        [ -n "$switches" ] && set -- "$@" --append "$switches"
        "$HEXT" "$@" "$target" > "$LOGS/.out" 2>&1
        rc=$?
        last=$(tail -n 1 "$LOGS/.out")
        status=$(printf '%s\n' "$last" | runner_field verdict)
        result=fail
        [ "$target" = suite ] && [ "$rc" -le 1 ] && known_record "$log" "$(known_list "$emu")"
        if [ "$rc" -eq 0 ] && [ -n "$pattern" ] && ! grep -Eq "$pattern" "$log"; then
            last="$last; the log lacks /$pattern/"
        elif [ "$rc" -eq 0 ]; then
            result=pass
        elif [ "$target" = suite ] && [ "$rc" -eq 1 ]; then
            unexpected=$(suite_unexplained "$log" "$(emu_version "$emu")")
            # A run that crashed may have failed only known checks before it stopped: it must
            # also have finished, with a summary that counts exactly its `not ok` lines.
            counted=$(sed -n 's/^[0-9]* passed, \([0-9]*\) failed, [0-9]* skipped.*/\1/p' "$log" | tail -n 1)
            if [ "${counted:--1}" -ne "$(grep -c '^not ok ' "$log")" ]; then
                last="$last; the suite did not finish (no summary, or it disagrees with the not-ok lines)"
            elif [ -n "$unexpected" ]; then
                last="$last; new failures: $(echo "$unexpected" | head -n 3 | tr '\n' ';')"
            elif [ -n "$pattern" ] && ! grep -Eq "$pattern" "$log"; then
                last="$last; the log lacks /$pattern/"
            else
                result="pass (known emulator bugs)"
            fi
        elif [ "$rc" -eq 1 ]; then
            unexpected=$(target_unexplained "$log" "$(emu_version "$emu")" "$target" "$platform")
            if [ -n "$unexpected" ]; then
                last="$last; not explained: $(echo "$unexpected" | head -n 3 | tr '\n' ';')"
            elif [ -n "$pattern" ] && ! grep -Eq "$pattern" "$log"; then
                last="$last; the log lacks /$pattern/"
            else
                result="pass (known emulator bugs)"
            fi
        fi
        case $result in
        pass*) echo "ok $n - $name" ;;
        *) echo "not ok $n - $name: exit $rc: $last (log: $log)" ;;
        esac
        [ "$result" = "pass (known emulator bugs)" ] && status="FAIL(known)"
        clock=$(printf '%s\n' "$last" | runner_field clock)
        printf '%-12s %-6s %-6s %-34s %-11s %8s s  %s\n' "$target" "$emu" "$platform" \
            "$words" "${status:-ERROR}" "$(printf '%s\n' "$last" | runner_field wall)" \
            "${clock:+$clock s}" >> "$table"
    done
    # Each list must stay true over all the rows that used it: a listed check that passed
    # somewhere and failed nowhere is fixed.
    for list in $(known_lists_used); do
        n=$((n + 1))
        fixed=$(known_fixed "$list")
        if [ -z "$fixed" ]; then
            echo "ok $n - $list: every listed check still fails somewhere"
        else
            echo "not ok $n - $list: $(echo "$fixed" | head -n 5 | tr '\n' ';')"
        fi
    done
}
