/* Manifest parsing. Strict on purpose: a typo in a key must not silently boot the wrong image. */
#include "manifest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text_file.h"

static const char *const key_names[KEY_COUNT] = {
        [KEY_FIRMWARE] = "firmware", [KEY_KERNEL] = "kernel",
        [KEY_INITRD] = "initrd",     [KEY_APPEND] = "append",
        [KEY_DTB] = "dtb",           [KEY_RAM_MB] = "ram_mb",
        [KEY_HARTS] = "harts",       [KEY_VERDICT_FROM] = "verdict_from",
};

const char *manifest_key_name(enum manifest_key key)
{
    return key < KEY_COUNT ? key_names[key] : "?";
}

int manifest_key_is_file(enum manifest_key key)
{
    return key == KEY_FIRMWARE || key == KEY_KERNEL || key == KEY_INITRD || key == KEY_DTB;
}

int manifest_key_is_runners(enum manifest_key key)
{
    return key == KEY_VERDICT_FROM;
}

static int key_lookup(const char *name, size_t len)
{
    for (int k = 0; k < KEY_COUNT; k++) {
        if (strlen(key_names[k]) == len && memcmp(key_names[k], name, len) == 0)
            return k;
    }
    return -1;
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

static char *join_dir(const char *manifest_path, const char *rel, size_t rel_len)
{
    const char *slash = strrchr(manifest_path, '/');
    size_t dir_len = (rel[0] == '/' || !slash) ? 0 : (size_t)(slash - manifest_path) + 1;
    char *out = malloc(dir_len + rel_len + 1);
    if (!out)
        return NULL;
    memcpy(out, manifest_path, dir_len);
    memcpy(out + dir_len, rel, rel_len);
    out[dir_len + rel_len] = '\0';
    return out;
}

static int parse_count(const char *s, size_t len, unsigned max, unsigned *out)
{
    unsigned long v = 0;
    if (len == 0 || len > 9)
        return -1;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (unsigned long)(s[i] - '0');
    }
    if (v == 0 || v > max)
        return -1;
    *out = (unsigned)v;
    return 0;
}

static int set_key(struct manifest *m, const char *path, int lineno, int key, const char *val,
                   size_t val_len, char *err, size_t errlen)
{
    if (m->line[key]) {
        snprintf(err, errlen, "%s:%d: '%s' given twice (first on line %d)", path, lineno,
                 key_names[key], m->line[key]);
        return -1;
    }
    if (key == KEY_RAM_MB && parse_count(val, val_len, 1u << 20, &m->ram_mb)) {
        snprintf(err, errlen, "%s:%d: ram_mb must be a whole number of MiB, 1..1048576", path,
                 lineno);
        return -1;
    }
    if (key == KEY_HARTS && parse_count(val, val_len, 1024, &m->harts)) {
        snprintf(err, errlen, "%s:%d: harts must be a whole number, 1..1024", path, lineno);
        return -1;
    }
    if (manifest_key_is_file(key) && val_len == 0) {
        snprintf(err, errlen, "%s:%d: '%s' needs a path", path, lineno, key_names[key]);
        return -1;
    }
    m->value[key] =
            manifest_key_is_file(key) ? join_dir(path, val, val_len) : strndup(val, val_len);
    m->line[key] = lineno;
    if (!m->value[key]) {
        snprintf(err, errlen, "%s:%d: out of memory", path, lineno);
        return -1;
    }
    return 0;
}

static int parse_line(struct manifest *m, const char *path, int lineno, const char *s, size_t len,
                      char *err, size_t errlen)
{
    while (len && is_blank(*s))
        s++, len--;
    while (len && is_blank(s[len - 1]))
        len--;
    if (len == 0 || s[0] == '#')
        return 0;
    const char *eq = memchr(s, '=', len);
    if (!eq) {
        snprintf(err, errlen, "%s:%d: malformed line (expected 'key = value')", path, lineno);
        return -1;
    }
    size_t key_len = (size_t)(eq - s);
    while (key_len && is_blank(s[key_len - 1]))
        key_len--;
    const char *val = eq + 1;
    size_t val_len = len - (size_t)(val - s);
    while (val_len && is_blank(*val))
        val++, val_len--;
    if (key_len == 0) {
        snprintf(err, errlen, "%s:%d: malformed line (no key before '=')", path, lineno);
        return -1;
    }
    int key = key_lookup(s, key_len);
    if (key < 0) {
        snprintf(err, errlen, "%s:%d: unknown key '%.*s'", path, lineno, (int)key_len, s);
        return -1;
    }
    return set_key(m, path, lineno, key, val, val_len, err, errlen);
}

int manifest_parse(const char *text, const char *path, struct manifest *m, char *err, size_t errlen)
{
    memset(m, 0, sizeof(*m));
    m->ram_mb = MANIFEST_DEFAULT_RAM_MB;
    m->harts = MANIFEST_DEFAULT_HARTS;
    int lineno = 1;
    for (const char *s = text; *s; lineno++) {
        const char *nl = strchr(s, '\n');
        size_t len = nl ? (size_t)(nl - s) : strlen(s);
        if (parse_line(m, path, lineno, s, len, err, errlen)) {
            manifest_free(m);
            return -1;
        }
        s += len + (nl ? 1 : 0);
    }
    if (!m->value[KEY_FIRMWARE]) {
        snprintf(err, errlen, "%s: no 'firmware' line (every image starts with firmware)", path);
        manifest_free(m);
        return -1;
    }
    return 0;
}

int manifest_load(const char *path, struct manifest *m, char *err, size_t errlen)
{
    static char text[TEXT_FILE_MAX + 1];
    if (text_file_load(path, "manifest", text, err, errlen))
        return -1;
    return manifest_parse(text, path, m, err, errlen);
}

void manifest_free(struct manifest *m)
{
    for (int k = 0; k < KEY_COUNT; k++) {
        free(m->value[k]);
        m->value[k] = NULL;
    }
}
