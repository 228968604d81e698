/* Target-list parsing. The shell runner (tests/targets.sh) reads the same file with the same
 * rules: words starting with -- are runner options, the rest payload switches. */
#include "matrix_rows.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *dup_trimmed(const char *s, size_t n)
{
    while (n && (*s == ' ' || *s == '\t'))
        s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        n--;
    return strndup(s, n);
}

static void append(char *buf, size_t len, const char *word)
{
    size_t n = strlen(buf);
    snprintf(buf + n, len - n, "%s%s", n ? " " : "", word);
}

static int parse_row(struct matrix_row *r, char *line, const char *path, own_platform_fn own,
                     char *err, size_t errlen)
{
    char *semi = strchr(line, ';');
    r->pattern = dup_trimmed(semi ? semi + 1 : "", semi ? strlen(semi + 1) : 0);
    if (semi)
        *semi = '\0';
    char *words[3 + ROW_MAX_OPTIONS + 32], *save = NULL;
    int n = 0;
    for (char *w = strtok_r(line, " \t\r", &save); w; w = strtok_r(NULL, " \t\r", &save)) {
        if (n == (int)(sizeof(words) / sizeof(words[0]))) {
            snprintf(err, errlen, "%s:%d: too many words", path, r->line);
            return -1;
        }
        words[n++] = w;
    }
    if (n < 3) {
        snprintf(err, errlen, "%s:%d: expected 'target emulator platform [switches] [; pattern]'",
                 path, r->line);
        return -1;
    }
    r->target = strdup(words[0]);
    r->emu = strdup(words[1]);
    r->platform = strdup(words[2]);
    char switches[2048] = "", config[4096] = "";
    const char *mine = own ? own(words[1]) : NULL;
    if (!mine || strcmp(mine, words[2]) != 0)
        snprintf(config, sizeof(config), "platform=%s", words[2]);
    for (int i = 3; i < n; i++) {
        if (strncmp(words[i], "--", 2) == 0) {
            if (r->n_options == ROW_MAX_OPTIONS) {
                snprintf(err, errlen, "%s:%d: more than %d runner options", path, r->line,
                         ROW_MAX_OPTIONS);
                return -1;
            }
            r->options[r->n_options++] = strdup(words[i]);
        } else {
            append(switches, sizeof(switches), words[i]);
        }
        append(config, sizeof(config), words[i]);
    }
    r->switches = strdup(switches);
    r->config = strdup(config);
    size_t ll = strlen(r->target) + strlen(config) + 2;
    r->label = malloc(ll);
    if (r->label)
        snprintf(r->label, ll, "%s%s%s", r->target, config[0] ? " " : "", config);
    return 0;
}

int matrix_rows_parse(const char *text, const char *path, own_platform_fn own,
                      struct matrix_rows *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof(*out));
    int lineno = 0;
    for (const char *s = text; *s;) {
        const char *nl = strchr(s, '\n');
        size_t len = nl ? (size_t)(nl - s) : strlen(s);
        char *line = strndup(s, len);
        lineno++;
        s += len + (nl ? 1 : 0);
        const char *p = line;
        while (*p == ' ' || *p == '\t' || *p == '\r')
            p++;
        if (!*p || *p == '#') {
            free(line);
            continue;
        }
        struct matrix_row *grown = realloc(out->rows, (out->n + 1) * sizeof(*grown));
        if (!grown) {
            free(line);
            snprintf(err, errlen, "%s: out of memory", path);
            matrix_rows_free(out);
            return -1;
        }
        out->rows = grown;
        struct matrix_row *r = &out->rows[out->n++];
        memset(r, 0, sizeof(*r));
        r->line = lineno;
        int rc = parse_row(r, line, path, own, err, errlen);
        free(line);
        if (rc) {
            matrix_rows_free(out);
            return -1;
        }
    }
    return 0;
}

void matrix_rows_free(struct matrix_rows *rs)
{
    for (size_t i = 0; i < rs->n; i++) {
        struct matrix_row *r = &rs->rows[i];
        free(r->target);
        free(r->emu);
        free(r->platform);
        for (int o = 0; o < r->n_options; o++)
            free(r->options[o]);
        free(r->switches);
        free(r->pattern);
        free(r->label);
        free(r->config);
    }
    free(rs->rows);
    memset(rs, 0, sizeof(*rs));
}

int name_listed(const char *list, const char *word)
{
    if (!list)
        return 1;
    size_t n = strlen(word);
    for (const char *s = list; *s;) {
        const char *comma = strchr(s, ',');
        size_t len = comma ? (size_t)(comma - s) : strlen(s);
        if (len == n && strncmp(s, word, n) == 0)
            return 1;
        s += len + (comma ? 1 : 0);
    }
    return 0;
}

void matrix_log_name(const struct matrix_row *row, char *out, size_t len)
{
    snprintf(out, len, "%s-%s-%s.log", row->target, row->emu,
             row->config[0] ? row->config : "default");
    for (char *p = out; *p && p < out + strlen(out) - 4; p++) {
        int keep = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                   (*p >= '0' && *p <= '9') || *p == '.' || *p == '+' || *p == '-';
        if (!keep)
            *p = '_';
    }
}
