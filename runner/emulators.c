/* Emulator command lines. Facts behind each row are in docs: QEMU 7.2 `-cpu rv64` accepts
 * h=true,sstc=true; Spike takes the kernel through --kernel and the firmware as its program;
 * Sail loads every ELF given and starts at the first one's entry (PLATFORMS.md). */
#include "emulators.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct emu_flavour qemu_flavours[] = {
        {
                .name = "7.2",
                /* Console on stdout and no monitor, so no escape key can steal the run. */
                .fixed = {"-M", "virt", "-cpu", "rv64,h=true,sstc=true", "-nographic", "-no-reboot",
                          "-monitor", "none", "-serial", "stdio"},
                .flags =
                        {
                                {KEY_HARTS, {"-smp", "%s"}},
                                {KEY_RAM_MB, {"-m", "%sM"}},
                                {KEY_FIRMWARE, {"-bios", "%s"}},
                                {KEY_KERNEL, {"-kernel", "%s"}},
                                {KEY_INITRD, {"-initrd", "%s"}},
                                {KEY_APPEND, {"-append", "%s"}},
                                {KEY_DTB, {"-dtb", "%s"}},
                        },
        },
};

static const struct emu_flavour spike_flavours[] = {
        {
                .name = "1.1",
                .fixed = {"--isa=rv64gch_zicntr_zihpm_sstc"},
                .firmware_is_program = 1,
                .flags =
                        {
                                {KEY_HARTS, {"-p%s"}},
                                {KEY_RAM_MB, {"-m%s"}},
                                {KEY_DTB, {"--dtb=%s"}},
                                {KEY_KERNEL, {"--kernel=%s"}},
                                {KEY_INITRD, {"--initrd=%s"}},
                                {KEY_APPEND, {"--bootargs=%s"}},
                                /* The program comes last: words after it go to the target. */
                                {KEY_FIRMWARE, {"%s"}},
                        },
        },
};

static const struct env_flag sail_json_config = {
        .var = "SAIL_CONFIG",
        .words = {"--config", "%s"},
        .hint = "a JSON configuration with extensions.H.supported = true and 256 MiB of RAM",
};

/* Sail model versions differ in how H is switched on (PLATFORMS.md). No Sail flavour passes a
 * command line: the payload's bootargs live in the DTB. */
static const struct emu_flavour sail_flavours[] = {
        {
                .name = "2024",
                /* Tracing is on by default in this version and would swamp the console. The
                 * '=' form means the same to its getopt parser and to later CLI11 ones. */
                .fixed = {"--enable-hext", "--no-trace=all"},
                .firmware_is_program = 1,
                .flags =
                        {
                                {KEY_RAM_MB, {"--ram-size", "%s"}},
                                {KEY_DTB, {"--device-tree-blob", "%s"}},
                                {KEY_FIRMWARE, {"%s"}},
                                /* Further ELF files are loaded, not run: the payload. */
                                {KEY_KERNEL, {"%s"}},
                        },
        },
        {
                .name = "json",
                .env = &sail_json_config,
                .firmware_is_program = 1,
                .flags =
                        {
                                {KEY_DTB, {"--device-tree-blob", "%s"}},
                                {KEY_INITRD, {"--initramfs", "%s"}},
                                {KEY_FIRMWARE, {"%s"}},
                                {KEY_KERNEL, {"%s"}},
                        },
        },
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const struct emulator emulators[] = {
        {"qemu",
         "QEMU",
         "qemu-system-riscv64",
         120,
         3,
         {"qemu"},
         NULL,
         qemu_flavours,
         COUNT(qemu_flavours)},
        {"spike",
         "SPIKE",
         "spike",
         300,
         5,
         {"spike", "sail"},
         NULL,
         spike_flavours,
         COUNT(spike_flavours)},
        {"sail",
         "SAIL",
         "sail_riscv_sim",
         1800,
         /* Linux's power-off path after its verdict is ~4 M instructions: up to ~20 s here. */
         60,
         {"sail"},
         "SAIL_FLAVOUR",
         sail_flavours,
         COUNT(sail_flavours)},
};

const struct emulator *emulator_find(const char *name)
{
    for (size_t i = 0; i < COUNT(emulators); i++) {
        if (strcmp(emulators[i].name, name) == 0)
            return &emulators[i];
    }
    return NULL;
}

const char *emulator_names(void)
{
    static char names[128];
    if (!names[0]) {
        for (size_t i = 0; i < COUNT(emulators); i++) {
            strcat(names, i ? ", " : "");
            strcat(names, emulators[i].name);
        }
    }
    return names;
}

int emulator_allows_platform(const struct emulator *e, const char *platform)
{
    for (size_t i = 0; i < COUNT(e->platforms) && e->platforms[i]; i++) {
        if (strcmp(e->platforms[i], platform) == 0)
            return 1;
    }
    return 0;
}

const struct emu_flavour *emulator_flavour(const struct emulator *e, const char *name)
{
    if (!name || !name[0])
        return &e->flavours[0];
    for (size_t i = 0; i < e->n_flavours; i++) {
        if (strcmp(e->flavours[i].name, name) == 0)
            return &e->flavours[i];
    }
    return NULL;
}

static char *substitute(const char *word, const char *value)
{
    const char *at = strstr(word, "%s");
    if (!at)
        return strdup(word);
    size_t pre = (size_t)(at - word), vlen = strlen(value), post = strlen(at + 2);
    char *out = malloc(pre + vlen + post + 1);
    if (out) {
        memcpy(out, word, pre);
        memcpy(out + pre, value, vlen);
        memcpy(out + pre + vlen, at + 2, post + 1);
    }
    return out;
}

static int push(struct command *c, const char *word, const char *value, char *err, size_t errlen)
{
    if (c->argc >= EMU_MAX_ARGS) {
        snprintf(err, errlen, "emulator command line longer than %d words", EMU_MAX_ARGS);
        return -1;
    }
    char *w = substitute(word, value ? value : "");
    if (!w) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    c->argv[c->argc++] = w;
    c->argv[c->argc] = NULL;
    return 0;
}

static int push_words(struct command *c, const char *const words[EMU_MAX_WORDS], const char *value,
                      char *err, size_t errlen)
{
    for (int i = 0; i < EMU_MAX_WORDS && words[i]; i++) {
        if (push(c, words[i], value, err, errlen))
            return -1;
    }
    return 0;
}

static const struct key_flag *flag_for(const struct emu_flavour *f, enum manifest_key key)
{
    for (int i = 0; i < KEY_COUNT; i++) {
        if (f->flags[i].words[0] && f->flags[i].key == key)
            return &f->flags[i];
    }
    return NULL;
}

static int check_keys(const struct emulator *e, const struct emu_flavour *f,
                      const char *const value[KEY_COUNT], int harts_overridden, char *err,
                      size_t errlen)
{
    for (int k = 0; k < KEY_COUNT; k++) {
        if (!value[k] || flag_for(f, k))
            continue;
        if ((k == KEY_RAM_MB && atoi(value[k]) == MANIFEST_DEFAULT_RAM_MB) ||
            (k == KEY_HARTS && atoi(value[k]) == MANIFEST_DEFAULT_HARTS))
            continue;
        if (k == KEY_HARTS && harts_overridden) {
            snprintf(err, errlen, "%s (%s) cannot take '--harts %s'", e->name, f->name, value[k]);
            return -1;
        }
        snprintf(err, errlen, "%s (%s) cannot take '%s = %s'%s", e->name, f->name,
                 manifest_key_name(k), value[k],
                 k == KEY_APPEND ? ": give the image a dtb, whose /chosen/bootargs hext extends"
                                 : "");
        return -1;
    }
    return 0;
}

static int push_overrides(struct command *c, const struct emu_overrides *over, char *err,
                          size_t errlen)
{
    for (size_t i = 0; over && i < over->n_words; i++) {
        /* Verbatim: a '%s' typed by the user is not ours to substitute. */
        if (push(c, "%s", over->words[i], err, errlen))
            return -1;
    }
    return 0;
}

int emulator_build(const struct emulator *e, const struct emu_flavour *f, const char *program,
                   const char *const value_in[KEY_COUNT], const struct emu_overrides *over,
                   env_lookup env, struct command *out, char *err, size_t errlen)
{
    const char *value[KEY_COUNT];
    char harts[16];
    memcpy(value, value_in, sizeof(value));
    if (over && over->harts) {
        snprintf(harts, sizeof(harts), "%u", over->harts);
        value[KEY_HARTS] = harts;
    }
    memset(out, 0, sizeof(*out));
    if (check_keys(e, f, value, over && over->harts, err, errlen))
        return -1;
    if (push(out, program, NULL, err, errlen))
        goto fail;
    for (int i = 0; i < EMU_MAX_FIXED && f->fixed[i]; i++) {
        if (push(out, f->fixed[i], NULL, err, errlen))
            goto fail;
    }
    if (f->env) {
        const char *v = env ? env(f->env->var) : NULL;
        if (!v || !v[0]) {
            snprintf(err, errlen, "%s (%s) needs %s=/path: %s", e->name, f->name, f->env->var,
                     f->env->hint);
            goto fail;
        }
        if (push_words(out, f->env->words, v, err, errlen))
            goto fail;
    }
    int overrides_placed = 0;
    for (int i = 0; i < KEY_COUNT; i++) {
        const struct key_flag *kf = &f->flags[i];
        if (!kf->words[0] || !value[kf->key])
            continue;
        if (kf->key == KEY_FIRMWARE && f->firmware_is_program) {
            if (push_overrides(out, over, err, errlen))
                goto fail;
            overrides_placed = 1;
        }
        if (push_words(out, kf->words, value[kf->key], err, errlen))
            goto fail;
    }
    if (!overrides_placed && push_overrides(out, over, err, errlen))
        goto fail;
    return 0;
fail:
    command_free(out);
    return -1;
}

void command_free(struct command *c)
{
    for (int i = 0; i < c->argc; i++)
        free(c->argv[i]);
    c->argc = 0;
    c->argv[0] = NULL;
}
