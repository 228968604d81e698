#include "console_match.h"

#include <stdio.h>
#include <string.h>

static int compile(regex_t *re, const char *text, const char *opt, char *err, size_t errlen)
{
    int rc = regcomp(re, text, REG_EXTENDED | REG_NOSUB);
    if (rc) {
        char why[160];
        regerror(rc, re, why, sizeof(why));
        snprintf(err, errlen, "%s '%s': %s", opt, text, why);
        return -1;
    }
    return 0;
}

int console_match_init(struct console_match *m, const char *const *expect, size_t n_expect,
                       const char *const *fail, size_t n_fail, char *err, size_t errlen)
{
    memset(m, 0, sizeof(*m));
    for (; m->n_expect < n_expect; m->n_expect++) {
        if (compile(&m->expect[m->n_expect], expect[m->n_expect], "--expect", err, errlen))
            goto undo;
        m->expect_text[m->n_expect] = expect[m->n_expect];
    }
    for (; m->n_fail < n_fail; m->n_fail++) {
        if (compile(&m->fail[m->n_fail], fail[m->n_fail], "--fail", err, errlen))
            goto undo;
        m->fail_text[m->n_fail] = fail[m->n_fail];
    }
    return 0;
undo:
    console_match_free(m);
    return -1;
}

static void decide(struct console_match *m, bool pass, const char *opt, const char *pattern)
{
    m->verdict = (struct verdict){.seen = true, .pass = pass};
    snprintf(m->verdict.details, sizeof(m->verdict.details), "console matched %s '%s'", opt,
             pattern);
}

/* Checks the text gathered so far; returns true when the verdict changed. */
static bool check(struct console_match *m)
{
    if (m->verdict.seen && !m->verdict.pass)
        return false;
    m->line[m->len] = '\0';
    for (size_t i = 0; i < m->n_fail; i++)
        if (regexec(&m->fail[i], m->line, 0, NULL, 0) == 0) {
            decide(m, false, "--fail", m->fail_text[i]);
            return true;
        }
    if (m->verdict.seen)
        return false;
    size_t left = 0, last = 0;
    for (size_t i = 0; i < m->n_expect; i++) {
        if (!m->expect_seen[i] && regexec(&m->expect[i], m->line, 0, NULL, 0) == 0) {
            m->expect_seen[i] = true;
            last = i;
        }
        left += !m->expect_seen[i];
    }
    if (m->n_expect == 0 || left)
        return false;
    decide(m, true, "--expect", m->expect_text[last]);
    return true;
}

bool console_match_feed(struct console_match *m, const char *buf, size_t n)
{
    bool changed = false;
    for (size_t i = 0; i < n; i++) {
        char c = buf[i];
        if (c == '\r')
            continue;
        if (c == '\n' || m->len == sizeof(m->line) - 1) {
            changed |= check(m);
            m->len = 0;
            if (c == '\n')
                continue;
        }
        m->line[m->len++] = c;
    }
    if (m->len)
        changed |= check(m);
    return changed;
}

bool console_match_lines_count(const struct console_match *m)
{
    return m->n_expect == 0 && !m->verdict.seen;
}

struct verdict console_match_result(const struct console_match *m, const struct verdict *line)
{
    return console_match_lines_count(m) ? *line : m->verdict;
}

void console_match_free(struct console_match *m)
{
    for (size_t i = 0; i < m->n_expect; i++)
        regfree(&m->expect[i]);
    for (size_t i = 0; i < m->n_fail; i++)
        regfree(&m->fail[i]);
    m->n_expect = m->n_fail = 0;
}
