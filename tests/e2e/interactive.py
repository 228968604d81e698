#!/usr/bin/env python3
"""hext run --interactive through a pseudo-terminal: U-Boot under the hext hypervisor is typed
into (its answers checked), the run is ended by Ctrl-A x, by the guest powering off and by
SIGTERM, and each time the terminal must have been raw during the run and be back in its
original mode afterwards. TAP output. Run from the repository root (tests/e2e/interactive.sh)."""
import os
import pty
import re
import select
import shlex
import signal
import sys
import termios
import time

HEXT = os.environ.get("HEXT", "build/runner/hext")
IMAGES = os.environ.get("IMAGES", "build/images")
UBOOT = os.environ.get("UBOOT", "/usr/lib/u-boot/qemu-riscv64_smode/u-boot.bin")
n = 0


def tap(ok, name):
    global n
    n += 1
    print(("ok %d - %s" if ok else "not ok %d - %s") % (n, name), flush=True)


class Session:
    """sh in a fresh pty: it prints the mode, runs hext in the background on the terminal
    (fd 3: a non-interactive shell gives background jobs /dev/null), prints its pid, its status
    and the mode again. It waits for a line before hext and after, so that the mode can be
    read from the master side at both points without a race."""

    def __init__(self, hext_args):
        words = [HEXT, "run", "--interactive", "--images", IMAGES] + hext_args + ["hyp"]
        cmd = " ".join(shlex.quote(a) for a in words)
        script = ('exec 3<&0; echo "<<mode $(stty -g)>>"; read go; %s <&3 & echo "<<pid $!>>"; '
                  'wait $!; echo "<<rc $?>>"; echo "<<mode $(stty -g)>>"; read x' % cmd)
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.execvp("sh", ["sh", "-c", script])
        self.out = b""
        self.pos = 0
        self.mode_before = None

    def expect(self, pattern, timeout=60):
        """Reads until pattern appears after the last match; returns the match or None."""
        rx = re.compile(pattern.encode())
        end = time.monotonic() + timeout
        while True:
            m = rx.search(self.out, self.pos)
            if m:
                self.pos = m.end()
                return m
            left = end - time.monotonic()
            if left <= 0 or not self.read(left):
                return None

    def read(self, timeout):
        r, _, _ = select.select([self.fd], [], [], timeout)
        if not r:
            return True
        try:
            data = os.read(self.fd, 4096)
        except OSError:
            return False
        self.out += data
        return bool(data)

    def send(self, data):
        os.write(self.fd, data)

    def attrs(self):
        # On Linux the master reports the slave's termios: the mode hext set or restored.
        return termios.tcgetattr(self.fd)

    def finish(self):
        """Status, both `stty -g` lines and the mode after hext (the shell waits for a line)."""
        rc = self.expect(r"<<rc (\d+)>>")
        self.expect(r"<<mode [^>]*>>")
        after = self.attrs()
        self.send(b"\n")
        self.read_rest()
        os.waitpid(self.pid, 0)
        modes = re.findall(rb"<<mode ([^>]*)>>", self.out)
        return (int(rc.group(1)) if rc else None), modes, after

    def read_rest(self):
        end = time.monotonic() + 20
        while time.monotonic() < end and self.read(1):
            pass


def run_case(name, hext_args, steps, want_rc):
    s = Session(hext_args)
    # The shell waits for a line before it starts hext, so that this is the mode before.
    s.expect(r"<<mode [^>]*>>")
    before = s.attrs()
    s.send(b"\n")
    if not s.expect(r"<<pid (\d+)>>"):
        tap(False, name + ": hext did not start")
        return
    hext_pid = int(re.search(rb"<<pid (\d+)>>", s.out).group(1))
    raw_seen = None
    for pattern, action in steps:
        if not s.expect(pattern):
            tap(False, "%s: never saw /%s/; output ends %r" % (name, pattern, s.out[-300:]))
            try:
                os.kill(hext_pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            s.read_rest()
            return None
        if raw_seen is None:
            lflag = s.attrs()[3]
            raw_seen = not (lflag & (termios.ICANON | termios.ECHO | termios.ISIG))
        if action == "SIGTERM":
            os.kill(hext_pid, signal.SIGTERM)
        elif action:
            s.send(action)
    rc, modes, after = s.finish()
    tap(rc == want_rc, "%s: exit %s (want %d)" % (name, rc, want_rc))
    tap(bool(raw_seen), "%s: the terminal was raw during the run" % name)
    tap(after == before and len(modes) == 2 and modes[0] == modes[1],
        "%s: terminal mode restored (stty -g %s)" % (name, b" -> ".join(modes).decode()))
    return s


def main():
    if not (os.access(HEXT, os.X_OK) and os.path.exists(IMAGES + "/hyp/qemu.conf")
            and os.path.exists(UBOOT)):
        print("1..0 # SKIP needs %s, %s/hyp and %s (u-boot-qemu)" % (HEXT, IMAGES, UBOOT))
        return
    guest = ["--guest", UBOOT, "--timeout", "60"]
    boot = [(r"Hit any key to stop autoboot", b"\r"), (r"=> ", None)]
    s = run_case("Ctrl-A x", guest, boot + [(r"", b"version\r"), (r"GNU ld", b"\x01x")], 130)
    if s:
        tap(re.search(rb"U-Boot 20\d\d\.\d\d.*\r?\n.*\r?\n.*riscv64-linux-gnu-gcc", s.out)
            is not None, "Ctrl-A x: U-Boot answered version")
    run_case("guest powers off", guest + ["--expect", r"poweroff \.\.\."],
             boot + [(r"", b"poweroff\r")], 0)
    run_case("SIGTERM", guest, boot + [(r"", "SIGTERM")], 128 + signal.SIGTERM)
    print("1..%d" % n)


main()
