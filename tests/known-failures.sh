# The suite's known-failure lists (suite/known-failures/<emulator-version>.txt): which `not ok`
# checks of a run are not listed, and which listed checks passed. Source it after
# tests/emulators.sh, with LOGS set; it defines functions only.

known_list() { # emu -> the suite's known-failure list for this emulator version
    echo "suite/known-failures/$(emu_version "$1").txt"
}

known_failure_check() { # log list -> prints unexpected failures, if any
    list=$2
    grep '^not ok ' "$1" | sed 's/^not ok \([^:]*: [^:]*\).*/\1/' | sort -u > "$LOGS/.failed"
    if [ -f "$list" ]; then
        grep -v '^#' "$list" | sed '/^[[:space:]]*$/d' | sort -u > "$LOGS/.known"
    else
        : > "$LOGS/.known"
    fi
    comm -23 "$LOGS/.failed" "$LOGS/.known"
}

# A listed check that now passes keeps the list from rotting. One list serves every row of an
# emulator version, and some checks fail only in some configurations (e.g. QEMU's interrupt
# priority changes with AIA): so a check is fixed when it passed in some row and failed in none.
# known_record LOG LIST after each suite row, then known_fixed LIST once at the end.
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
    grep -v '^#' "$1" | sed '/^[[:space:]]*$/d' | sort -u > "$LOGS/.known"
    sort -u "$LOGS/.kf-fail-$slug" > "$LOGS/.kf-f"
    sort -u "$LOGS/.kf-pass-$slug" | comm -12 - "$LOGS/.known" | comm -23 - "$LOGS/.kf-f" |
        sed "s|^|fixed: |; s|\$| — remove it from $1|"
}

known_reset() { # forget what earlier runs recorded
    rm -f "$LOGS"/.kf-*
}
