/* Command-line parsing for `hext` (see `hext --help`). Pure: no I/O, no environment. */
#ifndef HEXT_RUNNER_ARGS_H
#define HEXT_RUNNER_ARGS_H

#include <stdbool.h>
#include <stddef.h>

#include "bundle/bundle.h"
#include "bundle_write.h"

#define ARGS_MAX_HARTS    64
#define ARGS_MAX_EMU_ARGS 32
#define ARGS_MAX_JOBS     256
#define ARGS_MAX_PATTERNS 8

enum hext_command { CMD_NONE, CMD_RUN, CMD_LIST, CMD_HELP, CMD_MATRIX, CMD_EMULATORS };

enum fail_on { FAIL_ON_ANY, FAIL_ON_REGRESSIONS };

struct hext_args {
    enum hext_command command;
    const char *emu;      /* NULL: qemu */
    const char *platform; /* NULL: the emulator's own platform */
    double timeout_s;     /* 0: the emulator's default */
    const char *log_path;
    bool quiet;
    const char *append;
    const char *images; /* NULL: $HEXT_IMAGES, else build/images */
    unsigned harts;     /* 0: the manifest's */
    /* --emu-arg words in the order given, passed verbatim to the emulator. */
    const char *emu_args[ARGS_MAX_EMU_ARGS];
    size_t n_emu_args;
    const char *target; /* run: the target; emulators: one emulator name or NULL */
    /* matrix only */
    const char *emus;    /* --emu: comma-separated names, NULL: every described emulator */
    const char *targets; /* --target: comma-separated target names, NULL: all */
    unsigned jobs;       /* 0: the number of CPUs */
    const char *baseline;
    enum fail_on fail_on;
    const char *junit, *json, *markdown;
    const char *rows; /* NULL: the checkout's tests/targets.txt */
    const char *logs; /* NULL: build/logs next to the images */
    bool count;       /* --count: also instruction counting that changes the run */
    /* run only. --guest (repeatable): guest k of the hypervisor target runs guests[k] instead of
     * its built-in image; --guest-initrd/--guest-append belong to the --guest before them. */
    struct bundle_spec guests[BUNDLE_MAX_GUESTS];
    unsigned n_guests;
    /* --expect / --fail: console regexes that decide the verdict (console_match.h). */
    const char *expect[ARGS_MAX_PATTERNS], *fail[ARGS_MAX_PATTERNS];
    size_t n_expect, n_fail;
    const char *input; /* --input FILE: the emulator's stdin */
    bool interactive;  /* --interactive: the terminal, raw, is the console (console_input.h) */
};

/* Returns 0, or -1 with a one-line message in err. Pointers point into argv. */
int args_parse(int argc, char *const argv[], struct hext_args *out, char *err, size_t errlen);

#endif
