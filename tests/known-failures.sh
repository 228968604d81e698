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

# A listed check that now passes keeps the list from rotting: it fails the row until removed.
fixed_check() { # log list -> prints "fixed: <check> — remove it from <list>" lines, if any
    list=$2
    [ -f "$list" ] || return 0
    grep -v '^#' "$list" | sed '/^[[:space:]]*$/d' | sort -u > "$LOGS/.known"
    grep '^ok ' "$1" | sed 's/^ok \([^:]*: [^:]*\).*/\1/' | sort -u |
        comm -12 - "$LOGS/.known" | sed "s|^|fixed: |; s|\$| — remove it from $list|"
}

