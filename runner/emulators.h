/* The emulators hext drives, as data: which program, which platforms, and how each manifest
 * key becomes command-line words. Adding an emulator is one row in emulators.c. */
#ifndef HEXT_RUNNER_EMULATORS_H
#define HEXT_RUNNER_EMULATORS_H

#include <stddef.h>

#include "manifest.h"

#define EMU_MAX_WORDS 4
#define EMU_MAX_FIXED 16
#define EMU_MAX_ARGS  96

/* Words for one manifest key; "%s" inside a word is replaced by the key's value. */
struct key_flag {
    enum manifest_key key;
    const char *words[EMU_MAX_WORDS];
};

/* Words taken from an environment variable (e.g. Sail's JSON configuration file). */
struct env_flag {
    const char *var;
    const char *words[EMU_MAX_WORDS];
    const char *hint; /* why it is needed, for the error when it is unset */
};

/* One command-line dialect. Emulators whose options changed between versions have several. */
struct emu_flavour {
    const char *name;
    const char *fixed[EMU_MAX_FIXED];
    const struct env_flag *env; /* NULL or one required variable */
    /* The firmware is the emulator's program argument, after which words belong to the target:
     * extra words (--emu-arg) go before it instead of at the end. */
    int firmware_is_program;
    /* In command-line order. A key with no entry cannot be passed to this flavour. */
    struct key_flag flags[KEY_COUNT];
};

struct emulator {
    const char *name;
    const char *program_var;     /* environment variable naming the binary */
    const char *default_program; /* looked up on PATH */
    double timeout_s;            /* default --timeout */
    double grace_s;              /* wait for exit after a verdict before killing */
    const char *platforms[4];    /* allowed platforms; the first is the emulator's own */
    const char *flavour_var;     /* NULL: one flavour only */
    const struct emu_flavour *flavours;
    size_t n_flavours; /* the first is the default */
};

const struct emulator *emulator_find(const char *name);
/* "qemu, spike, sail": for messages and help. */
const char *emulator_names(void);
int emulator_allows_platform(const struct emulator *e, const char *platform);
/* name NULL or empty: the default flavour. Returns NULL for unknown names. */
const struct emu_flavour *emulator_flavour(const struct emulator *e, const char *name);

struct command {
    int argc;
    char *argv[EMU_MAX_ARGS + 1]; /* NULL-terminated, each malloc'd */
};

typedef char *(*env_lookup)(const char *var);

/* What `hext run` changes for one run, over the image's manifest. */
struct emu_overrides {
    unsigned harts;           /* --harts; 0: the manifest's */
    const char *const *words; /* --emu-arg words, verbatim and in order */
    size_t n_words;
};

/* Builds program + fixed words + one group per present key + the override words. value[k] NULL =
 * absent; ram_mb and harts are given as decimal text. A present key the flavour cannot take is
 * an error, except ram_mb/harts at their defaults (the platform fixes them). over may be NULL. */
int emulator_build(const struct emulator *e, const struct emu_flavour *f, const char *program,
                   const char *const value[KEY_COUNT], const struct emu_overrides *over,
                   env_lookup env, struct command *out, char *err, size_t errlen);
void command_free(struct command *c);

#endif
