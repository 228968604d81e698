/* Reads /proc/cpuinfo text; pure, so the host unit tests run it on captured files. */
#ifndef HEXT_GUEST_CPUINFO_H
#define HEXT_GUEST_CPUINFO_H

#include <stdio.h>

struct cpuinfo {
    int harts;     /* "processor" lines */
    char isa[160]; /* the first hart's "isa" value, "" if none */
    char mmu[16];  /* the first hart's "mmu" value, "none" if none (no MMU or not RISC-V) */
};

void cpuinfo_parse(FILE *f, struct cpuinfo *info);

#endif
