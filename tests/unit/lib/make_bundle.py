#!/usr/bin/env python3
"""Writes a hext guest bundle from the format description in lib/bundle/bundle.h, independently
of the C writer, as the oracle for the parser's and the runner's tests.

make_bundle.py OUT IMAGE [INITRD|-] [CMDLINE] [--no-nul]
--no-nul: the command line's last byte is not NUL (the checksum still matches)."""
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
    image = open(image_path, "rb").read()
    initrd = open(initrd_path, "rb").read() if initrd_path else b""
    body = pad8(image) + pad8(initrd) + pad8(cmdline)
    total = 64 + len(body)
    header = b"HEXTGST\0" + struct.pack("<IIQQQQ", 1, 64, len(image), len(initrd), len(cmdline), total)
    words = struct.unpack("<%dQ" % (total // 8), header + b"\0" * 16 + body)
    s = w = 0
    for i, word in enumerate(words):
        if i not in (6, 7):
            s = (s + word) & MASK
        w = (w + s) & MASK
    open(out, "wb").write(header + struct.pack("<QQ", s, w) + body)


main()
