/* Emulator description files (platforms/emulators/README.md): one `keyword words...` per line,
 * `#` comment lines, `flavour NAME` starting a command-line dialect. Strict, like manifests: a
 * misspelt keyword must not silently drop a flag. */
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emulators.h"

struct parser {
    struct emulator *e;
    struct emu_flavour *fl; /* the flavour being described, NULL before the first */
    const char *path;
    int line;
    char *err;
    size_t errlen;
};

static int fail(struct parser *p, const char *fmt, const char *arg)
{
    /* Line 0: about the file as a whole. */
    int n = p->line ? snprintf(p->err, p->errlen, "%s:%d: ", p->path, p->line)
                    : snprintf(p->err, p->errlen, "%s: ", p->path);
    if (n >= 0 && (size_t)n < p->errlen)
        snprintf(p->err + n, p->errlen - (size_t)n, fmt, arg);
    return -1;
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

static char *skip_space(char *s)
{
    while (is_space(*s))
        s++;
    return s;
}

/* Cuts s into words in place; returns how many, or -1 when there are more than max. */
static int split(char *s, const char **words, int max)
{
    int n = 0;
    for (s = skip_space(s); *s; s = skip_space(s)) {
        if (n == max)
            return -1;
        words[n++] = s;
        while (*s && !is_space(*s))
            s++;
        if (*s)
            *s++ = '\0';
    }
    return n;
}

static char *trim_end(char *s)
{
    size_t n = strlen(s);
    while (n && is_space(s[n - 1]))
        s[--n] = '\0';
    return s;
}

/* A regex that extracts a value must say which part: its first (group). */
static int valid_regex(struct parser *p, const char *re, int needs_group)
{
    regex_t r;
    if (!re[0] || regcomp(&r, re, REG_EXTENDED) != 0)
        return fail(p, "not an extended regular expression: '%s'", re);
    int groups = (int)r.re_nsub;
    regfree(&r);
    return groups >= needs_group ? 0 : fail(p, "'%s' needs a (group) around the value", re);
}

static int parse_seconds(struct parser *p, const char *s, double *out)
{
    char *end;
    double v = strtod(s, &end);
    if (end == s || *end || v <= 0 || v > 1e6)
        return fail(p, "'%s' is not a number of seconds", s);
    *out = v;
    return 0;
}

static int words_into(struct parser *p, char *rest, const char **out, int max)
{
    char most[16];
    int n = split(rest, out, max);
    snprintf(most, sizeof(most), "%d", max);
    if (n < 0)
        return fail(p, "more than %s words", most);
    return n < 1 ? fail(p, "%s", "needs a value") : 0;
}

static int in_flavour(struct parser *p, const char *kw)
{
    return p->fl ? 0 : fail(p, "'%s' belongs to a flavour: put 'flavour NAME' first", kw);
}

static int key_line(struct parser *p, char *rest)
{
    const char *w[EMU_MAX_WORDS + 1];
    int n = split(rest, w, EMU_MAX_WORDS + 1);
    if (n < 2)
        return fail(p, "%s", "'key' needs a manifest key and its words");
    for (int k = 0; k < KEY_COUNT; k++) {
        if (strcmp(manifest_key_name(k), w[0]) != 0)
            continue;
        for (int i = 0; i < p->fl->n_flags; i++) {
            if (p->fl->flags[i].key == (enum manifest_key)k)
                return fail(p, "key '%s' given twice in this flavour", w[0]);
        }
        struct key_flag *kf = &p->fl->flags[p->fl->n_flags++];
        kf->key = k;
        memcpy(kf->words, w + 1, (size_t)(n - 1) * sizeof(w[0]));
        return 0;
    }
    return fail(p,
                "unknown manifest key '%s' (firmware, kernel, initrd, append, dtb, ram_mb, harts)",
                w[0]);
}

static int flavour_line(struct parser *p, const char *kw, char *rest)
{
    struct emu_flavour *f = p->fl;
    if (strcmp(kw, "detect") == 0) {
        f->detect = trim_end(skip_space(rest));
        return valid_regex(p, f->detect, 0);
    }
    if (strcmp(kw, "version") == 0) {
        const char *w[2];
        if (split(rest, w, 2) != 1)
            return fail(p, "%s", "'version' takes one word");
        f->version = w[0];
        return 0;
    }
    if (strcmp(kw, "note") == 0)
        return *(f->note = trim_end(skip_space(rest))) ? 0 : fail(p, "%s", "'note' needs text");
    if (strcmp(kw, "fixed") == 0)
        return words_into(p, rest, f->fixed, EMU_MAX_FIXED);
    if (strcmp(kw, "firmware-is-program") == 0)
        return *skip_space(rest) ? fail(p, "%s", "'firmware-is-program' takes no value")
                                 : (f->firmware_is_program = 1, 0);
    if (strcmp(kw, "key") == 0)
        return key_line(p, rest);
    if (strcmp(kw, "count-args") == 0)
        return words_into(p, rest, f->count_args, EMU_MAX_WORDS);
    if (strcmp(kw, "count-intrusive") == 0) {
        f->count_intrusive = 1;
        return *skip_space(rest) ? fail(p, "%s", "'count-intrusive' takes no value") : 0;
    }
    if (strcmp(kw, "needs") == 0) {
        const char *w[EMU_MAX_WORDS + 1] = {0};
        int n = split(rest, w, EMU_MAX_WORDS + 1);
        if (n < 2)
            return fail(p, "%s", "'needs' takes a variable and the words it becomes");
        f->env_store.var = w[0];
        memcpy(f->env_store.words, w + 1, (size_t)(n - 1) * sizeof(w[0]));
        f->env = &f->env_store;
        return 0;
    }
    if (strcmp(kw, "needs-hint") == 0)
        return *(f->env_store.hint = trim_end(skip_space(rest)))
                       ? 0
                       : fail(p, "%s", "'needs-hint' needs text");
    return 1;
}

static int flavour_start(struct parser *p, char *rest)
{
    const char *w[2];
    struct emulator *e = p->e;
    if (split(rest, w, 1) != 1)
        return fail(p, "%s", "'flavour' takes one name");
    if (e->n_flavours == EMU_MAX_FLAVOURS)
        return fail(p, "%s", "more than 4 flavours");
    for (size_t i = 0; i < e->n_flavours; i++) {
        if (strcmp(e->flavours[i].name, w[0]) == 0)
            return fail(p, "flavour '%s' given twice", w[0]);
    }
    p->fl = &e->flavours[e->n_flavours++];
    p->fl->name = w[0];
    return 0;
}

static int instructions_line(struct parser *p, char *rest)
{
    struct emulator *e = p->e;
    rest = trim_end(skip_space(rest));
    if (strcmp(rest, "guest-clock") == 0) {
        e->instr = INSTR_GUEST_CLOCK;
        return 0;
    }
    if (strncmp(rest, "line", 4) == 0 && is_space(rest[4])) {
        e->instr = INSTR_LOG_LINE;
        e->instr_regex = skip_space(rest + 4);
        return valid_regex(p, e->instr_regex, 1);
    }
    return fail(p, "%s", "'instructions' is 'guest-clock' or 'line REGEX'");
}

/* initrd-loading named | ram-top BYTES | elf-only BYTES (emulators.h). */
static int initrd_line(struct parser *p, char *rest)
{
    struct emulator *e = p->e;
    const char *w[2];
    int n = split(rest, w, 2);
    if (n == 1 && strcmp(w[0], "named") == 0) {
        e->initrd = INITRD_NAMED;
        return 0;
    }
    enum initrd_loading how = n != 2                          ? INITRD_NONE
                              : strcmp(w[0], "ram-top") == 0  ? INITRD_RAM_TOP
                              : strcmp(w[0], "elf-only") == 0 ? INITRD_ELF_ONLY
                                                              : INITRD_NONE;
    if (how != INITRD_NONE && w[1][0] >= '0' && w[1][0] <= '9') {
        char *end;
        e->initrd_gap = strtoul(w[1], &end, 0);
        if (!*end) {
            e->initrd = how;
            return 0;
        }
    }
    return fail(p, "%s",
                "'initrd-loading' is 'named', 'ram-top BYTES' or 'elf-only BYTES' (the gap "
                "below the end of RAM)");
}

static int text_field(struct parser *p, const char **field, char *rest, const char *kw)
{
    *field = trim_end(skip_space(rest));
    return **field ? 0 : fail(p, "'%s' needs text", kw);
}

static int emulator_line(struct parser *p, const char *kw, char *rest)
{
    struct emulator *e = p->e;
    const char *w[EMU_MAX_WORDS];
    if (strcmp(kw, "name") == 0) {
        if (split(rest, w, 1) != 1)
            return fail(p, "%s", "'name' takes one word");
        e->name = w[0];
        return 0;
    }
    if (strcmp(kw, "binary") == 0) {
        if (split(rest, w, 2) != 2)
            return fail(p, "%s", "'binary' takes a variable and a default program (QEMU qemu)");
        e->program_var = w[0];
        e->default_program = w[1];
        return 0;
    }
    if (strcmp(kw, "platforms") == 0)
        return words_into(p, rest, e->platforms, EMU_MAX_PLATFORMS);
    if (strcmp(kw, "timeout") == 0 || strcmp(kw, "grace") == 0) {
        if (split(rest, w, 1) != 1)
            return fail(p, "'%s' takes one number of seconds", kw);
        return parse_seconds(p, w[0], kw[0] == 't' ? &e->timeout_s : &e->grace_s);
    }
    if (strcmp(kw, "version-probe") == 0) {
        char *s = skip_space(rest);
        e->version_probe = s;
        while (*s && !is_space(*s))
            s++;
        if (!*s)
            return fail(p, "%s", "'version-probe' takes an argument and a regex");
        *s++ = '\0';
        e->version_regex = trim_end(skip_space(s));
        return valid_regex(p, e->version_regex, 1);
    }
    if (strcmp(kw, "version-from-name") == 0) {
        e->version_from_name = 1;
        return *skip_space(rest) ? fail(p, "%s", "'version-from-name' takes no value") : 0;
    }
    if (strcmp(kw, "version-var") == 0) {
        if (split(rest, w, 1) != 1)
            return fail(p, "%s", "'version-var' takes one variable name");
        e->version_var = w[0];
        return 0;
    }
    if (strcmp(kw, "help-probe") == 0) {
        if (split(rest, w, 1) != 1)
            return fail(p, "%s", "'help-probe' takes one argument");
        e->help_probe = w[0];
        return 0;
    }
    if (strcmp(kw, "flavour-var") == 0) {
        if (split(rest, w, 1) != 1)
            return fail(p, "%s", "'flavour-var' takes one variable name");
        e->flavour_var = w[0];
        return 0;
    }
    if (strcmp(kw, "instructions") == 0)
        return instructions_line(p, rest);
    if (strcmp(kw, "initrd-loading") == 0)
        return initrd_line(p, rest);
    if (strcmp(kw, "platform-dtb") == 0)
        return text_field(p, &e->platform_dtb, rest, kw);
    if (strcmp(kw, "platform-console") == 0)
        return text_field(p, &e->platform_console, rest, kw);
    if (strcmp(kw, "platform-exit") == 0)
        return text_field(p, &e->platform_exit, rest, kw);
    if (strcmp(kw, "flavour") == 0)
        return flavour_start(p, rest);
    return 1;
}

static const char *const flavour_keywords[] = {
        "detect", "note",       "fixed",      "firmware-is-program", "key",
        "needs",  "needs-hint", "count-args", "count-intrusive",     "version",
};

static int parse_line(struct parser *p, char *s)
{
    s = skip_space(s);
    if (!*s || *s == '#' || !*trim_end(s))
        return 0;
    char *kw = s;
    while (*s && !is_space(*s))
        s++;
    if (*s)
        *s++ = '\0';
    int rc = emulator_line(p, kw, s);
    if (rc <= 0)
        return rc;
    for (size_t i = 0; i < sizeof(flavour_keywords) / sizeof(flavour_keywords[0]); i++) {
        if (strcmp(kw, flavour_keywords[i]) == 0)
            return in_flavour(p, kw) ? -1 : flavour_line(p, kw, s);
    }
    return fail(p, "unknown keyword '%s'", kw);
}

static int check_complete(struct parser *p)
{
    struct emulator *e = p->e;
    static const char *const required[] = {"name", "binary", "platforms", "timeout", "grace"};
    const void *given[] = {e->name, e->program_var, e->platforms[0], e->timeout_s > 0 ? e : NULL,
                           e->grace_s > 0 ? e : NULL};
    for (size_t i = 0; i < sizeof(required) / sizeof(required[0]); i++) {
        if (!given[i])
            return fail(p, "no '%s' line", required[i]);
    }
    if (!e->n_flavours)
        return fail(p, "%s", "no 'flavour' (every emulator has at least one command line)");
    if (!e->version_probe && !e->version_from_name)
        return fail(p, "%s", "no 'version-probe' or 'version-from-name' line");
    for (size_t i = 0; i < e->n_flavours; i++) {
        const struct emu_flavour *f = &e->flavours[i];
        int has_firmware = 0;
        for (int k = 0; k < f->n_flags; k++)
            has_firmware |= f->flags[k].key == KEY_FIRMWARE;
        if (!has_firmware)
            return fail(p, "flavour '%s' has no 'key firmware' line", f->name);
        if (f->env && !f->env->hint)
            return fail(p, "flavour '%s' has 'needs' without 'needs-hint'", f->name);
    }
    return 0;
}

int emulator_parse(const char *text, const char *path, struct emulator *e, char *err, size_t errlen)
{
    memset(e, 0, sizeof(*e));
    e->text = strdup(text);
    e->file = strdup(path);
    if (!e->text || !e->file) {
        free(e->text);
        free(e->file);
        snprintf(err, errlen, "%s: out of memory", path);
        return -1;
    }
    struct parser p = {.e = e, .path = path, .err = err, .errlen = errlen};
    char *s = e->text;
    for (p.line = 1; s; p.line++) {
        char *nl = strchr(s, '\n');
        if (nl)
            *nl = '\0';
        if (parse_line(&p, s)) {
            emulator_free(e);
            return -1;
        }
        s = nl ? nl + 1 : NULL;
    }
    p.line = 0;
    if (check_complete(&p)) {
        emulator_free(e);
        return -1;
    }
    return 0;
}

void emulator_free(struct emulator *e)
{
    free(e->text);
    free(e->file);
    memset(e, 0, sizeof(*e));
}
