/* `hext emulators [NAME]`: what hext knows and finds about each described emulator. */
#ifndef HEXT_RUNNER_EMULATOR_INFO_H
#define HEXT_RUNNER_EMULATOR_INFO_H

#include <stdio.h>

/* What a run on this emulator would use; filled by emulator_info_find. */
struct emulator_info {
    const struct emulator *emu;
    int installed;
    char program[4096]; /* resolved path, or the name looked for */
    char version[64];   /* "" when unknown */
    char tag[96];       /* <name>-<version>: names its suite known-failure list */
    const struct emu_flavour *flavour;
    const char *flavour_override; /* the flavour variable's value, or NULL */
    char missing[256];            /* why it cannot run, when not installed */
};

/* Probes the binary (version, flavour). Never fails: a missing one is reported as such. */
void emulator_info_find(const struct emulator *e, struct emulator_info *out);

/* name NULL: one line per emulator; else `key=value` lines for scripts. -1: unknown name. */
int emulators_print(FILE *out, const char *name);

#endif
