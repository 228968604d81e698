/* The emulators hext drives, as data: one description file per emulator
 * (platforms/emulators/<name>.emu, read at run time by emulator_desc.c) says which program,
 * which platforms, and how each manifest key becomes command-line words. */
#ifndef HEXT_RUNNER_EMULATORS_H
#define HEXT_RUNNER_EMULATORS_H

#include <stddef.h>

#include "manifest.h"

#define EMU_MAX_WORDS     8
#define EMU_MAX_FIXED     16
#define EMU_MAX_ARGS      96
#define EMU_MAX_PLATFORMS 4
#define EMU_MAX_FLAVOURS  4
#define EMU_MAX_LOADED    16

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
    const char *detect;  /* extended regex on the help probe's output; NULL: never detected */
    const char *note;    /* what a user must know about this version, or NULL */
    const char *version; /* the version this flavour stands for, when the binary prints none */
    const char *fixed[EMU_MAX_FIXED];
    struct env_flag env_store;
    const struct env_flag *env; /* NULL or &env_store: one required variable */
    /* The firmware is the emulator's program argument, after which words belong to the target:
     * extra words (--emu-arg) go before it instead of at the end. */
    int firmware_is_program;
    /* In command-line order. A key with no entry cannot be passed to this flavour. */
    struct key_flag flags[KEY_COUNT];
    int n_flags;
    const char *count_args[EMU_MAX_WORDS]; /* words that make it count instructions */
    int count_intrusive; /* counting changes the run: only on request (hext matrix --count) */
};

/* Where an instruction count comes from, if anywhere. */
enum instr_source {
    INSTR_NONE,
    INSTR_GUEST_CLOCK, /* the verdict's guest clock, 1 ns per instruction (with count_args) */
    INSTR_LOG_LINE,    /* group 1 of instr_regex on the last matching console line */
};

/* How `hext run --guest` hands the emulator its bundle, as the host's initrd
 * (guest_delivery.c). */
enum initrd_loading {
    INITRD_NONE,     /* not described: --guest is a set-up error */
    INITRD_NAMED,    /* loads `key initrd` and names it in the DTB it makes */
    INITRD_RAM_TOP,  /* loads `key initrd` ending initrd_gap bytes below the end of RAM */
    INITRD_ELF_ONLY, /* loads ELF files only: the bundle goes in an ELF, in the `kernel` slot,
                        ending initrd_gap bytes below the end of RAM */
};

struct emulator {
    char *file; /* the description it came from */
    const char *name;
    const char *program_var;                  /* environment variable naming the binary */
    const char *default_program;              /* looked up on PATH */
    double timeout_s;                         /* default --timeout */
    double grace_s;                           /* wait for exit after a verdict before killing */
    const char *platforms[EMU_MAX_PLATFORMS]; /* allowed platforms; the first is its own */
    const char *flavour_var;                  /* NULL: no override variable */
    const char *help_probe;    /* argument that prints the options, for flavour detection */
    const char *version_probe; /* argument that prints the version ... */
    const char *version_regex; /* ... as group 1 of this extended regex */
    int version_from_name;     /* no version output: the binary's file name stands for it */
    const char *version_var;   /* environment variable that names the version, or NULL */
    enum instr_source instr;
    const char *instr_regex;
    const char *platform_dtb, *platform_console, *platform_exit; /* facts, for `hext emulator` */
    enum initrd_loading initrd;
    unsigned long initrd_gap;
    struct emu_flavour flavours[EMU_MAX_FLAVOURS];
    size_t n_flavours; /* the first is the default */
    char *text;        /* owns every string above */
};

/* Parses one description; `path` names it in messages (`path:line: message`). */
int emulator_parse(const char *text, const char *path, struct emulator *e, char *err,
                   size_t errlen);
void emulator_free(struct emulator *e);

/* Loads every *.emu file of dir (sorted by name) as the known emulators. */
int emulators_load(const char *dir, char *err, size_t errlen);
/* $HEXT_EMULATORS, else the checkout's platforms/emulators. */
const char *emulators_dir(void);
size_t emulator_count(void);
const struct emulator *emulator_at(size_t i);
const struct emulator *emulator_find(const char *name);
/* "qemu, sail, spike": for messages and help. */
const char *emulator_names(void);
int emulator_allows_platform(const struct emulator *e, const char *platform);
/* name NULL or empty: the default flavour. Returns NULL for unknown names. */
const struct emu_flavour *emulator_flavour(const struct emulator *e, const char *name);
/* The first flavour whose `detect` matches the help text, else the default. */
const struct emu_flavour *emulator_detect_flavour(const struct emulator *e, const char *help);
/* The version: $version_var's value (var_value) when set, else from the version probe's output
 * (or the program's file name), else flavour f's `version` (f may be NULL); "" if none. */
void emulator_version(const struct emulator *e, const struct emu_flavour *f, const char *var_value,
                      const char *program, const char *probe_output, char *out, size_t len);
/* The instruction count of a finished run, or -1: from the console log text or the guest
 * clock (seconds, as printed; NULL if none). */
long long emulator_instructions(const struct emulator *e, const char *log_text,
                                const char *guest_clock);

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
/* The command as one line a POSIX shell reads back into the same words (quoted as needed);
 * cut short when longer than len. */
void command_format(const struct command *c, char *out, size_t len);

#endif
