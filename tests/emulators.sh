# Shared by the test and benchmark scripts: which emulator binary, whether it is installed,
# and its version (for the suite's known-failure lists). Source it; it defines functions only.

emu_bin() {
    case $1 in
    qemu) echo "${QEMU:-qemu-system-riscv64}" ;;
    spike) echo "${SPIKE:-spike}" ;;
    sail) echo "${SAIL:-sail_riscv_sim}" ;;
    esac
}

# Prints why the emulator cannot run (and fails), or nothing (and succeeds).
emu_missing() {
    command -v "$(emu_bin "$1")" >/dev/null 2>&1 && return 1
    var=$(echo "$1" | tr a-z A-Z)
    echo "$(emu_bin "$1") is not installed (put it on PATH or set $var=)"
}

# A short version tag, e.g. qemu-7.2 or spike-1.1.1-dev.
emu_version() {
    case $1 in
    qemu) "$(emu_bin qemu)" --version | sed -n 's/.*version \([0-9]*\.[0-9]*\).*/qemu-\1/p' | head -n 1 ;;
    spike) "$(emu_bin spike)" --help 2>&1 | sed -n 's/^Spike RISC-V ISA Simulator \([^ ]*\).*/spike-\1/p' | head -n 1 ;;
    sail) sail_version ;;
    esac
}

# The Sail model's version, which names its known-failure lists: SAIL_VERSION when set (the
# user names the model), else what the binary says. Later models print a release with
# --version; the 2024 H models (riscv/sail-riscv pull request 612) have no version option, and
# the option that switches H on in their --help names that dialect.
sail_version() {
    bin=$(emu_bin sail)
    if [ -n "${SAIL_VERSION:-}" ]; then
        echo "sail-$SAIL_VERSION"
    elif out=$("$bin" --version 2>/dev/null) && [ -n "$out" ]; then
        echo "sail-$(echo "$out" | head -n 1 | tr -c 'A-Za-z0-9.\n' -)"
    elif "$bin" --help 2>/dev/null | grep -q -e '--enable-hext'; then
        echo sail-2024-hext
    else
        echo sail-unknown
    fi
}

# Field of the runner's last line "hext: T on E (platform P): VERDICT in W s[, guest clock C s]".
runner_field() {
    case $1 in
    verdict) sed -n 's/^hext: .*): \([A-Z]*\).*/\1/p' ;;
    wall) sed -n 's/^hext: .* in \([0-9.]*\) s.*/\1/p' ;;
    clock) sed -n 's/^hext: .*guest clock \([0-9.]*\) s.*/\1/p' ;;
    esac | tail -n 1
}
