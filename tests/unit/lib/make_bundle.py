#!/usr/bin/env python3
"""Writes a hext guest bundle from the format description in lib/bundle/bundle.h, independently
of the C writer, as the oracle for the parser's and the runner's tests.

make_bundle.py OUT IMAGE [INITRD|-] [CMDLINE] [--no-nul] [--guest=K] [--count=N]
--no-nul: the command line's last byte is not NUL (the checksum still matches).
--guest, --count: the bundle's guest number (default 0) and the bundles in its file (default 1);
a file of several bundles is their concatenation."""
import struct
import sys

MASK = (1 << 64) - 1


def pad8(b):
    return b + b"\0" * (-len(b) % 8)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    out, image_path = args[0], args[1]
    initrd_path = args[2] if len(args) > 2 and args[2] != "-" else None
    cmdline = (args[3] if len(args) > 3 else "").encode() + b"\0"
    if "--no-nul" in sys.argv:
        cmdline = cmdline[:-1] + b"x"
    opts = dict(a[2:].split("=", 1) for a in sys.argv[1:] if a.startswith("--") and "=" in a)
    guest, count = int(opts.get("guest", 0)), int(opts.get("count", 1))
    image = open(image_path, "rb").read()
    initrd = open(initrd_path, "rb").read() if initrd_path else b""
    body = pad8(image) + pad8(initrd) + pad8(cmdline)
    total = 72 + len(body)
    header = b"HEXTGST\0" + struct.pack("<IIQQQQ", 2, 72, len(image), len(initrd), len(cmdline), total)
    tail = struct.pack("<II", guest, count)
    words = struct.unpack("<%dQ" % (total // 8), header + b"\0" * 16 + tail + body)
    s = w = 0
    for i, word in enumerate(words):
        if i not in (6, 7):
            s = (s + word) & MASK
        w = (w + s) & MASK
    open(out, "wb").write(header + struct.pack("<QQ", s, w) + tail + body)


main()
