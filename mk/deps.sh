#!/bin/sh
# Installs the Debian packages hext needs, or, when not root, prints the apt-get line and fails.
set -eu
packages="make gcc libc6-dev gcc-riscv64-linux-gnu binutils-riscv64-linux-gnu gcc-riscv64-unknown-elf
qemu-system-misc opensbi linux-source-6.12 device-tree-compiler libfdt-dev libcmocka-dev
cpio bc flex bison libssl-dev libelf-dev xz-utils file genext2fs u-boot-qemu gdb-multiarch
openssl"
missing=""
for p in $packages; do
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
    echo "hext: missing Debian packages; run: sudo apt-get update && sudo apt-get install -y$missing" >&2
    exit 1
fi
echo "hext: installing$missing"
apt-get update -q >/dev/null
DEBIAN_FRONTEND=noninteractive apt-get install -y -q$missing >/dev/null
