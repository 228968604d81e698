/* The known emulators (their descriptions, loaded at run time), what can be read from their
 * output, and the command-line builder. */
#include "emulators.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text_file.h"

/* The loaded descriptions; filled once by emulators_load, read-only afterwards. */
static struct emulator loaded[EMU_MAX_LOADED];
static size_t n_loaded;

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

static int is_description(const struct dirent *d)
{
    size_t n = strlen(d->d_name);
    return d->d_name[0] != '.' && n > 4 && strcmp(d->d_name + n - 4, ".emu") == 0;
}

static int load_one(const char *path, struct emulator *e, char *err, size_t errlen)
{
    static char text[TEXT_FILE_MAX + 1];
    if (text_file_load(path, "emulator description", text, err, errlen))
        return -1;
    return emulator_parse(text, path, e, err, errlen);
}

int emulators_load(const char *dir, char *err, size_t errlen)
{
    struct dirent **ents;
    int n = scandir(dir, &ents, is_description, by_name);
    if (n < 0) {
        snprintf(err, errlen, "cannot read emulator descriptions in %s: %s (set HEXT_EMULATORS)",
                 dir, strerror(errno));
        return -1;
    }
    int rc = n ? 0 : -1;
    if (!n)
        snprintf(err, errlen, "no emulator descriptions (*.emu) in %s", dir);
    for (int i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof(path), "%s/%s", dir, ents[i]->d_name);
        if (!rc && n_loaded == EMU_MAX_LOADED) {
            snprintf(err, errlen, "%s: more than %d emulator descriptions", dir, EMU_MAX_LOADED);
            rc = -1;
        }
        if (!rc && !(rc = load_one(path, &loaded[n_loaded], err, errlen))) {
            if (emulator_find(loaded[n_loaded].name)) {
                snprintf(err, errlen, "%s: emulator '%s' is described twice", path,
                         loaded[n_loaded].name);
                rc = -1;
            }
            n_loaded++;
        }
        free(ents[i]);
    }
    free(ents);
    return rc;
}

const char *emulators_dir(void)
{
    const char *env = getenv("HEXT_EMULATORS");
    return env && env[0] ? env : HEXT_SOURCE_ROOT "/platforms/emulators";
}

size_t emulator_count(void)
{
    return n_loaded;
}

const struct emulator *emulator_at(size_t i)
{
    return i < n_loaded ? &loaded[i] : NULL;
}

const struct emulator *emulator_find(const char *name)
{
    for (size_t i = 0; i < n_loaded; i++) {
        if (strcmp(loaded[i].name, name) == 0)
            return &loaded[i];
    }
    return NULL;
}

const char *emulator_names(void)
{
    static char names[256];
    names[0] = '\0';
    for (size_t i = 0; i < n_loaded; i++)
        snprintf(names + strlen(names), sizeof(names) - strlen(names), "%s%s", i ? ", " : "",
                 loaded[i].name);
    return names;
}

int emulator_allows_platform(const struct emulator *e, const char *platform)
{
    for (size_t i = 0; i < EMU_MAX_PLATFORMS && e->platforms[i]; i++) {
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

/* Group 1 of an extended regex on the first (or last) line of text that matches it. */
static int first_match(const char *re, const char *text, int last, char *out, size_t len)
{
    regex_t r;
    regmatch_t m[2];
    int found = 0;
    if (regcomp(&r, re, REG_EXTENDED | REG_NEWLINE) != 0)
        return 0;
    for (const char *s = text; *s;) {
        /* Later searches start mid-text: '^' must still mean a line start only. */
        int flags = s > text && s[-1] != '\n' ? REG_NOTBOL : 0;
        if (regexec(&r, s, 2, m, flags) != 0)
            break;
        int n = m[1].rm_so < 0 ? 0 : (int)(m[1].rm_eo - m[1].rm_so);
        snprintf(out, len, "%.*s", n, s + (m[1].rm_so < 0 ? 0 : m[1].rm_so));
        found = 1;
        if (!last)
            break;
        const char *nl = strchr(s + m[0].rm_so, '\n');
        if (!nl)
            break;
        s = nl + 1;
    }
    regfree(&r);
    return found;
}

const struct emu_flavour *emulator_detect_flavour(const struct emulator *e, const char *help)
{
    for (size_t i = 0; help && i < e->n_flavours; i++) {
        regex_t r;
        const char *re = e->flavours[i].detect;
        if (!re || regcomp(&r, re, REG_EXTENDED | REG_NOSUB | REG_NEWLINE) != 0)
            continue;
        int hit = regexec(&r, help, 0, NULL, 0) == 0;
        regfree(&r);
        if (hit)
            return &e->flavours[i];
    }
    return &e->flavours[0];
}

void emulator_version(const struct emulator *e, const struct emu_flavour *f, const char *var_value,
                      const char *program, const char *probe_output, char *out, size_t len)
{
    out[0] = '\0';
    if (e->version_var && var_value && var_value[0]) {
        snprintf(out, len, "%s", var_value);
    } else if (e->version_from_name) {
        const char *slash = strrchr(program, '/');
        snprintf(out, len, "%s", slash ? slash + 1 : program);
    } else if (probe_output && !first_match(e->version_regex, probe_output, 0, out, len)) {
        out[0] = '\0';
    }
    if (!out[0] && f && f->version)
        snprintf(out, len, "%s", f->version);
}

long long emulator_instructions(const struct emulator *e, const char *log_text,
                                const char *guest_clock)
{
    char num[32];
    if (e->instr == INSTR_GUEST_CLOCK && guest_clock && guest_clock[0])
        return llround(strtod(guest_clock, NULL) * 1e9);
    if (e->instr == INSTR_LOG_LINE && log_text &&
        first_match(e->instr_regex, log_text, 1, num, sizeof(num)) && num[0])
        return strtoll(num, NULL, 10);
    return -1;
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
    for (int i = 0; i < f->n_flags; i++) {
        if (f->flags[i].key == key)
            return &f->flags[i];
    }
    return NULL;
}

static int check_keys(const struct emulator *e, const struct emu_flavour *f,
                      const char *const value[KEY_COUNT], int harts_overridden, char *err,
                      size_t errlen)
{
    for (int k = 0; k < KEY_COUNT; k++) {
        if (!value[k] || flag_for(f, k) || manifest_key_is_runners(k))
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
    for (int i = 0; i < f->n_flags; i++) {
        const struct key_flag *kf = &f->flags[i];
        if (!value[kf->key])
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

/* Words a POSIX shell reads back unchanged without quotes. */
static int shell_safe(const char *w)
{
    if (!*w)
        return 0;
    for (; *w; w++) {
        if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./:=,+@%-", *w))
            return 0;
    }
    return 1;
}

void command_format(const struct command *c, char *out, size_t len)
{
    size_t n = 0;
    out[0] = '\0';
    for (int i = 0; i < c->argc && n + 1 < len; i++) {
        const char *w = c->argv[i];
        if (i)
            out[n++] = ' ';
        if (shell_safe(w)) {
            n += (size_t)snprintf(out + n, len - n, "%s", w);
            continue;
        }
        out[n++] = '\'';
        for (; *w && n + 5 < len; w++) {
            if (*w == '\'') {
                memcpy(out + n, "'\\''", 4);
                n += 4;
            } else {
                out[n++] = *w;
            }
        }
        if (n + 1 < len)
            out[n++] = '\'';
        out[n < len ? n : len - 1] = '\0';
    }
    if (n >= len)
        out[len - 1] = '\0';
}
