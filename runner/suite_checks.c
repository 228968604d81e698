/* Reading suite results out of a console log, and the known-failure lists. */
#include "suite_checks.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Past `ok ` / `not ok `: an optional TAP number and " - ". */
static const char *skip_number(const char *s)
{
    const char *p = s;
    while (*p >= '0' && *p <= '9')
        p++;
    if (p > s && strncmp(p, " - ", 3) == 0)
        return p + 3;
    return s;
}

/* Splits "<area>: <check>[: <detail>]" at its second ": " (names never hold ':'). */
static int add_check(struct suite_checks *c, enum check_result r, const char *s, size_t len)
{
    const char *first = memchr(s, ':', len);
    if (!first || first + 1 >= s + len || first[1] != ' ')
        return 0; /* not `<area>: <check>`: some other `ok` line */
    const char *second = memchr(first + 1, ':', len - (size_t)(first + 1 - s));
    size_t name_len = second ? (size_t)(second - s) : len;
    const char *detail = second ? second + 1 : s + len;
    while (detail < s + len && *detail == ' ')
        detail++;
    struct check *grown = realloc(c->v, (c->n + 1) * sizeof(*grown));
    if (!grown)
        return -1;
    c->v = grown;
    struct check *k = &c->v[c->n++];
    memset(k, 0, sizeof(*k));
    k->result = r;
    k->name = strndup(s, name_len);
    k->detail = strndup(detail, (size_t)(s + len - detail));
    return k->name && k->detail ? 0 : -1;
}

static int parse_line(struct suite_checks *c, const char *s, size_t len)
{
    while (len && (s[len - 1] == '\r' || s[len - 1] == ' '))
        len--;
    static const struct {
        const char *prefix;
        enum check_result r;
    } kinds[] = {{"not ok ", CHECK_FAIL}, {"ok ", CHECK_OK}, {"skip ", CHECK_SKIP}};
    for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
        size_t pl = strlen(kinds[i].prefix);
        if (len > pl && strncmp(s, kinds[i].prefix, pl) == 0) {
            const char *rest = skip_number(s + pl);
            return add_check(c, kinds[i].r, rest, len - (size_t)(rest - s));
        }
    }
    unsigned passed, failed, skipped;
    char tail;
    char line[128];
    if (len < sizeof(line)) {
        memcpy(line, s, len);
        line[len] = '\0';
        if (sscanf(line, "%u passed, %u failed, %u skipped%c", &passed, &failed, &skipped, &tail) >=
            3)
            c->summary_failed = (int)failed;
    }
    return 0;
}

int suite_checks_parse(const char *text, struct suite_checks *out)
{
    memset(out, 0, sizeof(*out));
    out->summary_failed = -1;
    for (const char *s = text; *s;) {
        const char *nl = strchr(s, '\n');
        size_t len = nl ? (size_t)(nl - s) : strlen(s);
        if (parse_line(out, s, len)) {
            suite_checks_free(out);
            return -1;
        }
        s += len + (nl ? 1 : 0);
    }
    return 0;
}

void suite_checks_free(struct suite_checks *c)
{
    for (size_t i = 0; i < c->n; i++) {
        free(c->v[i].name);
        free(c->v[i].detail);
    }
    free(c->v);
    memset(c, 0, sizeof(*c));
    c->summary_failed = -1;
}

int suite_checks_failed(const struct suite_checks *c)
{
    int n = 0;
    for (size_t i = 0; i < c->n; i++)
        n += c->v[i].result == CHECK_FAIL;
    return n;
}

/* The rule tags ("[H_...]") of a comment block, space-separated; NULL if it has none. */
static char *rule_tags(const char *block)
{
    char out[1024] = "";
    for (const char *s = strchr(block, '['); s; s = strchr(s + 1, '[')) {
        const char *e = strchr(s, ']');
        if (!e || memchr(s, '\n', (size_t)(e - s)) || e == s + 1)
            continue;
        size_t n = strlen(out);
        snprintf(out + n, sizeof(out) - n, "%s%.*s", n ? " " : "", (int)(e - s + 1), s);
    }
    return out[0] ? strdup(out) : NULL;
}

int known_failures_parse(const char *text, struct known_failures *out)
{
    memset(out, 0, sizeof(*out));
    char block[8192] = "";
    char *rule = NULL;
    int in_comment = 0;
    for (const char *s = text; *s;) {
        const char *nl = strchr(s, '\n');
        size_t len = nl ? (size_t)(nl - s) : strlen(s);
        while (len && (s[len - 1] == ' ' || s[len - 1] == '\r' || s[len - 1] == '\t'))
            len--;
        if (len && s[0] == '#') {
            if (!in_comment)
                block[0] = '\0'; /* a new comment block describes the group after it */
            in_comment = 1;
            size_t b = strlen(block);
            snprintf(block + b, sizeof(block) - b, "%.*s\n", (int)len, s);
        } else if (!len) {
            /* A comment block that a blank line ends (a file header) describes no group. */
            if (in_comment) {
                free(rule);
                rule = NULL;
            }
            in_comment = 0;
        } else {
            if (in_comment) {
                free(rule);
                rule = rule_tags(block);
            }
            in_comment = 0;
            char **n = realloc(out->names, (out->n + 1) * sizeof(*n));
            char **r = n ? realloc(out->rules, (out->n + 1) * sizeof(*r)) : NULL;
            if (n)
                out->names = n;
            if (!r) {
                free(rule);
                return -1;
            }
            out->rules = r;
            out->names[out->n] = strndup(s, len);
            out->rules[out->n] = rule ? strdup(rule) : NULL;
            out->n++;
        }
        s += (nl ? (size_t)(nl - s) + 1 : strlen(s));
    }
    free(rule);
    return 0;
}

void known_failures_free(struct known_failures *k)
{
    for (size_t i = 0; i < k->n; i++) {
        free(k->names[i]);
        free(k->rules[i]);
    }
    free(k->names);
    free(k->rules);
    memset(k, 0, sizeof(*k));
}

int suite_checks_apply_known(struct suite_checks *c, const struct known_failures *k)
{
    int unexpected = 0;
    for (size_t i = 0; i < c->n; i++) {
        struct check *ch = &c->v[i];
        if (ch->result != CHECK_FAIL)
            continue;
        for (size_t j = 0; j < k->n && !ch->known; j++) {
            if (strcmp(ch->name, k->names[j]) == 0) {
                ch->known = 1;
                ch->rule = k->rules[j];
            }
        }
        unexpected += !ch->known;
    }
    return unexpected;
}
