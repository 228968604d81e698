/* What the framework needs from a machine: a console, an exit, a timer for the watchdog. */
#ifndef SUITE_PLATFORM_H
#define SUITE_PLATFORM_H

#include <stdbool.h>
#include <stdint.h>

struct platform {
    const char *name;
    void (*putc)(char c);
    void (*exit)(unsigned code) __attribute__((noreturn)); /* code 0: pass */
    uintptr_t clint;                                       /* CLINT base (mtime, mtimecmp) */
    uint64_t watchdog_ticks;                               /* mtime ticks a run may last */
    /*
     * Some models crash when a translation mode they do not fully support is written
     * (PLATFORMS.md: the 2024 Sail model and Sv57). There the supported modes are data here
     * and never probed.
     */
    bool probe_modes;
    /* Some models stop instead of raising an illegal-instruction exception when a CSR they do
     * not implement is accessed (the 2024 Sail model: "Read from CSR that does not exist"):
     * there the checks that access CSRs which need not exist are skipped. */
    bool absent_csrs_trap;
    /* Hart 0's supervisor-level IMSIC interrupt file (AIA), guest file g at + g * 4 KiB; 0 when
     * the platform has none the suite knows of. Used only where GEILEN > 0 and Ssaia exist. */
    uintptr_t imsic_s;
    uint32_t assumed_hgatp_modes;
    uint32_t assumed_satp_modes;
};

/* Defined once per ELF (platform/qemu.c or platform/htif.c). */
const struct platform *platform_detect(void);

#endif
