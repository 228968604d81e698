# Expected failures per emulator version, for tests/targets.sh. Source it after emulators.sh;
# it defines functions only. Each prints what is NOT explained (nothing: every failure is known).
#
# - The suite: suite/known-failures/<version>.txt lists checks ("area: check") that fail where
#   the emulator departs from the spec.
# - Image targets: tests/known-failures/<version>.txt lists checklist items that fail because of
#   such a deviation, one line each: "TARGET PLATFORM ITEM because SUITE-CHECK", where
#   SUITE-CHECK must itself be listed for the suite (else the explanation is not pinned down).
#   A target that failed with no failed item (a crash, a hypervisor verdict) is never explained.
# - Lists stay true: a listed suite check that passed in some row and failed in none is reported
#   `fixed: ...` (known_record after each suite row, known_fixed once at the end; LOGS must be
#   set).

KNOWN_SUITE_DIR=${KNOWN_SUITE_DIR:-suite/known-failures}
KNOWN_TARGET_DIR=${KNOWN_TARGET_DIR:-tests/known-failures}

# Non-comment, non-blank lines of a list, or nothing when it does not exist.
list_entries() {
    [ -f "$1" ] && grep -v '^#' "$1" | sed '/^[[:space:]]*$/d'
}

suite_unexplained() { # log version
    grep '^not ok ' "$1" | sed 's/^not ok \([^:]*: [^:]*\).*/\1/' | sort -u > "$1.failed"
    list_entries "$KNOWN_SUITE_DIR/$2.txt" | sort -u > "$1.known"
    comm -23 "$1.failed" "$1.known"
    rm -f "$1.failed" "$1.known"
}

target_unexplained() { # log version target platform
    list="$KNOWN_TARGET_DIR/$2.txt"
    # The checklist's "not ok ITEM: why", prefixed "[guest0] " when it runs under hext.
    sed -n 's/^\(\[[a-z0-9]*\] \)\{0,1\}not ok \([^: ]*\):.*/\2/p' "$1" | sort -u > "$1.failed"
    if [ ! -s "$1.failed" ]; then
        # The last verdict line says why (a hypervisor FAIL, a guest that never reported).
        verdict=$(grep -a 'hext-verdict:' "$1" | tail -n 1 | tr -d '\r' | sed 's/.*hext-verdict: //' |
            cut -c 1-240)
        echo "no checklist item failed, so no listed deviation explains the failure" \
            "(last verdict: ${verdict:-none})"
    fi
    list_entries "$list" | awk -v t="$3" -v p="$4" '$1 == t && $2 == p && $4 == "because"' \
        > "$1.entries"
    awk '{ print $3 }' "$1.entries" | sort -u > "$1.known"
    comm -23 "$1.failed" "$1.known"
    sed 's/^[^ ]* [^ ]* [^ ]* because //' "$1.entries" | sort -u | while IFS= read -r check; do
        list_entries "$KNOWN_SUITE_DIR/$2.txt" | grep -qxF "$check" ||
            echo "$list names '$check', which $KNOWN_SUITE_DIR/$2.txt does not list"
    done
    rm -f "$1.failed" "$1.known" "$1.entries"
}

# The suite's list for an emulator.
known_list() { # emu
    echo "$KNOWN_SUITE_DIR/$(emu_version "$1").txt"
}

# One list serves every row of an emulator version, and some checks fail only in some
# configurations (e.g. QEMU's interrupt priority changes with AIA): so a check is fixed when it
# passed in some row and failed in none.
known_slug() { # list -> file-name-safe tag
    echo "$1" | tr '/.' '__'
}

known_record() { # log list: remembers the listed checks the log passed and failed
    [ -f "$2" ] || return 0
    slug=$(known_slug "$2")
    echo "$2" >> "$LOGS/.kf-lists"
    grep '^ok ' "$1" | sed 's/^ok \([^:]*: [^:]*\).*/\1/' >> "$LOGS/.kf-pass-$slug"
    grep '^not ok ' "$1" | sed 's/^not ok \([^:]*: [^:]*\).*/\1/' >> "$LOGS/.kf-fail-$slug"
}

known_lists_used() {
    [ -f "$LOGS/.kf-lists" ] && sort -u "$LOGS/.kf-lists"
}

known_fixed() { # list -> "fixed: <check> — remove it from <list>" lines, if any
    slug=$(known_slug "$1")
    list_entries "$1" | sort -u > "$LOGS/.known"
    sort -u "$LOGS/.kf-fail-$slug" > "$LOGS/.kf-f"
    sort -u "$LOGS/.kf-pass-$slug" | comm -12 - "$LOGS/.known" | comm -23 - "$LOGS/.kf-f" |
        sed "s|^|fixed: |; s|\$| — remove it from $1|"
}

known_reset() { # forget what earlier runs recorded
    rm -f "$LOGS"/.kf-*
}
