#!/bin/sh
# Prints the normative-rule anchors (`norm:NAME`) of one chapter of the RISC-V ISA manual, in
# order of first appearance, one per line: how anchors.txt and other-anchors.txt were made.
#   suite/rules/extract-anchors.sh GIT_DIR COMMIT PATH   (e.g. ... HEAD src/priv/hypervisor.adoc)
set -eu
[ $# -eq 3 ] || { echo "usage: $0 GIT_DIR COMMIT PATH" >&2; exit 2; }
git --git-dir="$1" show "$2:$3" | grep -oE 'norm:[A-Za-z0-9_.-]+' | sed 's/^norm://' | awk '!seen[$0]++'
