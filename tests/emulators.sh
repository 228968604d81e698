# Shared by the test and benchmark scripts: which emulator binary, whether it is installed,
# and its version (for the suite's known-failure lists). Source it; it defines functions only.
# The answers come from hext itself (`hext emulators NAME`), which reads the emulator
# descriptions in platforms/emulators/, so the scripts and the runner cannot disagree.

# emu_field EMU FIELD: one `key=value` field of `hext emulators EMU`.
emu_field() {
    "${HEXT:-build/runner/hext}" emulators "$1" 2>/dev/null | sed -n "s/^$2=//p"
}

emu_bin() {
    emu_field "$1" binary
}

# Prints why the emulator cannot run (and fails), or nothing (and succeeds).
emu_missing() {
    [ "$(emu_field "$1" installed)" = yes ] && return 1
    why=$(emu_field "$1" missing)
    echo "${why:-no description platforms/emulators/$1.emu}"
}

# A short version tag, e.g. qemu-7.2 or spike-1.1.1-dev.
emu_version() {
    emu_field "$1" tag
}

# Field of the runner's last line "hext: T on E (platform P): VERDICT in W s[, guest clock C s]".
runner_field() {
    case $1 in
    verdict) sed -n 's/^hext: .*): \([A-Z]*\).*/\1/p' ;;
    wall) sed -n 's/^hext: .* in \([0-9.]*\) s.*/\1/p' ;;
    clock) sed -n 's/^hext: .*guest clock \([0-9.]*\) s.*/\1/p' ;;
    esac | tail -n 1
}
