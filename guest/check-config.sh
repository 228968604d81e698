#!/bin/sh
# Usage: check-config.sh FRAGMENT DOTCONFIG
# Kconfig silently drops an option whose dependencies are not met; this makes that an error by
# checking that every option the fragment sets made it into the final .config.
set -eu
[ $# -eq 2 ] || { echo "usage: check-config.sh FRAGMENT DOTCONFIG" >&2; exit 2; }
fragment=$1
dotconfig=$2
[ -r "$fragment" ] || { echo "check-config: cannot read $fragment" >&2; exit 2; }
[ -r "$dotconfig" ] || { echo "check-config: cannot read $dotconfig" >&2; exit 2; }

report() {
    echo "check-config: $1 (from $fragment) did not stick in $dotconfig: missing dependency?" >&2
}

failed=0
while IFS= read -r line; do
    case $line in
    CONFIG_*=*)
        grep -qxF -- "$line" "$dotconfig" || { report "$line"; failed=1; }
        ;;
    "# CONFIG_"*" is not set")
        # Unset is also satisfied when the symbol is absent (its dependencies are off).
        name=${line#\# }
        name=${name%% *}
        if grep -q "^$name=" "$dotconfig"; then
            report "$line"
            failed=1
        fi
        ;;
    esac
done <"$fragment"

exit $failed
