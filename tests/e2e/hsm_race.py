# gdb script (gdb-multiarch -batch -x) for hsm_race.sh: makes OpenSBI < 1.3's hart_start race
# happen on QEMU, every time. The firmware publishes START_PENDING (a compare-and-swap: the first
# successful sc after the boot hart's hart_start ecall) before it stores the start address, so
# the boot hart is held there while only the secondary hart runs, until it reaches the payload's
# entry (`_start`, the stale address) or a timeout. Then every hart runs to the verdict.
# Environment: HSM_RACE_SOCK (QEMU's -gdb socket), HSM_RACE_FW (the firmware binary, loaded at
# 0x80000000), HSM_RACE_RESULT (a file: "reproduced" or "not-reproduced: <why>").
import os
import re
import signal
import subprocess
import threading

import gdb

LOAD = 0x80000000
HSM_EXT, HSM_HART_START = 0x48534D, 0


def result(text):
    with open(os.environ["HSM_RACE_RESULT"], "w") as f:
        f.write(text + "\n")


def reg(name):
    return int(gdb.parse_and_eval("$" + name)) & (2**64 - 1)


def continue_for(seconds):
    """Continues the threads gdb lets run; interrupts them after `seconds`."""
    timer = threading.Timer(seconds, lambda: os.kill(os.getpid(), signal.SIGINT))
    timer.start()
    gdb.execute("continue")
    timer.cancel()


def sc_sites():
    """The instruction after every sc.w/sc.d in the firmware, with the sc's rd (0: it stored)."""
    dis = subprocess.run(["riscv64-unknown-elf-objdump", "-D", "-b", "binary", "-m", "riscv:rv64",
                          "--adjust-vma=0x%x" % LOAD, os.environ["HSM_RACE_FW"]],
                         capture_output=True, text=True, check=True).stdout
    return {int(m.group(1), 16) + 4: m.group(2)
            for m in re.finditer(r"^\s*([0-9a-f]+):\s+[0-9a-f]{8}\s+sc\.[wd]\S*\s+(\w+),",
                                 dis, re.M)}


def race(sites):
    """Holds the boot hart after the firmware's compare-and-swap; returns the outcome."""
    start = gdb.Breakpoint("host_sbi_call")
    start.condition = "$a0 == %d && $a1 == %d" % (HSM_EXT, HSM_HART_START)
    gdb.execute("continue")
    boot = gdb.selected_thread().num
    start.delete()
    gdb.execute("set scheduler-locking on")
    stops = [gdb.Breakpoint("*0x%x" % a) for a in sites]
    while True:
        continue_for(10)
        pc = reg("pc")
        if pc not in sites:
            return "not-reproduced: the boot hart stopped at 0x%x, after no successful sc" % pc
        if reg(sites[pc]) == 0:
            break
    for b in stops:
        b.delete()
    secondary = next(t.num for t in gdb.selected_inferior().threads() if t.num != boot)
    gdb.execute("thread %d" % secondary)
    entry = gdb.Breakpoint("_start")
    continue_for(10)
    pc = reg("pc")
    entry.delete()
    if pc == int(gdb.parse_and_eval("(unsigned long)&_start")):
        return "reproduced"
    return ("not-reproduced: the secondary hart did not reach the payload's entry (pc 0x%x): "
            "the firmware stores the start address first (OpenSBI >= 1.3)" % pc)


def main():
    sites = sc_sites()
    gdb.execute("set pagination off")
    gdb.execute("set confirm off")
    gdb.execute("target remote %s" % os.environ["HSM_RACE_SOCK"])
    result(race(sites) if sites else
           "not-reproduced: the firmware has no sc instruction to stop after")
    # Whatever the outcome, every hart runs on to the verdict (the run ends and QEMU with it).
    gdb.execute("delete")
    gdb.execute("set scheduler-locking off")
    gdb.execute("continue")


try:
    main()
except gdb.error as e:
    if not os.path.exists(os.environ["HSM_RACE_RESULT"]):
        result("error: %s" % e)
