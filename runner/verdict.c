/* Verdict recognition. The grammar is deliberately narrow so that log noise such as
 * `hext-verdict: PASSED` or `xhext-verdict: PASS` is never taken for a verdict. */
#include "verdict.h"

#include <ctype.h>
#include <string.h>

static const char marker[] = "hext-verdict:";

static bool is_word_char(char c)
{
    return isalnum((unsigned char)c) || c == '-' || c == '_';
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t';
}

/* `clock <digits>[.<digits>] s`, with `s` ending a word: "ms" or "sec" do not count. */
static bool find_clock(const char *d, size_t len, struct verdict *out)
{
    for (size_t i = 0; i + 6 <= len; i++) {
        if (memcmp(d + i, "clock", 5) != 0 || (i > 0 && is_word_char(d[i - 1])) ||
            !is_space(d[i + 5]))
            continue;
        size_t p = i + 5;
        while (p < len && is_space(d[p]))
            p++;
        size_t num = p;
        while (p < len && isdigit((unsigned char)d[p]))
            p++;
        if (p == num)
            continue;
        if (p < len && d[p] == '.') {
            size_t frac = ++p;
            while (p < len && isdigit((unsigned char)d[p]))
                p++;
            if (p == frac)
                continue;
        }
        size_t num_end = p;
        if (p >= len || !is_space(d[p]))
            continue;
        while (p < len && is_space(d[p]))
            p++;
        if (p >= len || d[p] != 's' || (p + 1 < len && is_word_char(d[p + 1])))
            continue;
        if (num_end - num >= sizeof(out->clock))
            continue;
        memcpy(out->clock, d + num, num_end - num);
        out->clock[num_end - num] = '\0';
        out->has_clock = true;
    }
    return out->has_clock;
}

/* Tries the marker at offset `at`; on success fills *out. */
static bool parse_at(const char *line, size_t len, size_t at, struct verdict *out)
{
    if (at > 0 && is_word_char(line[at - 1]))
        return false;
    size_t p = at + sizeof(marker) - 1;
    if (p >= len || !is_space(line[p]))
        return false;
    while (p < len && is_space(line[p]))
        p++;
    if (len - p < 4)
        return false;
    bool pass = memcmp(line + p, "PASS", 4) == 0;
    if (!pass && memcmp(line + p, "FAIL", 4) != 0)
        return false;
    p += 4;
    if (p < len && !is_space(line[p]))
        return false;
    while (p < len && is_space(line[p]))
        p++;
    size_t end = len;
    while (end > p && (is_space(line[end - 1]) || line[end - 1] == '\r'))
        end--;
    memset(out, 0, sizeof(*out));
    out->seen = true;
    out->pass = pass;
    size_t dlen = end - p < sizeof(out->details) ? end - p : sizeof(out->details) - 1;
    memcpy(out->details, line + p, dlen);
    find_clock(line + p, end - p, out);
    return true;
}

bool verdict_parse_line(const char *line, size_t len, struct verdict *out)
{
    while (len && (line[len - 1] == '\r' || line[len - 1] == '\n'))
        len--;
    bool found = false;
    /* Several markers on one line: the last valid one wins, as across lines. */
    for (size_t i = 0; i + sizeof(marker) - 1 <= len; i++) {
        if (memcmp(line + i, marker, sizeof(marker) - 1) == 0 && parse_at(line, len, i, out))
            found = true;
    }
    return found;
}

void verdict_scanner_init(struct verdict_scanner *s, const char *from)
{
    memset(s, 0, sizeof(*s));
    s->from = from && from[0] ? from : NULL;
}

static bool counts(const struct verdict_scanner *s)
{
    size_t n = s->from ? strlen(s->from) : 0;
    return !s->from || (s->len >= n && memcmp(s->line, s->from, n) == 0);
}

static bool scan_line(struct verdict_scanner *s)
{
    struct verdict v;
    bool found = counts(s) && verdict_parse_line(s->line, s->len, &v);
    if (found)
        s->last = v;
    s->len = 0;
    return found;
}

bool verdict_scanner_feed(struct verdict_scanner *s, const char *buf, size_t n)
{
    bool found = false;
    for (size_t i = 0; i < n; i++) {
        if (buf[i] == '\n') {
            found |= scan_line(s);
            continue;
        }
        /* An over-long line is judged in pieces; a verdict line is short. */
        if (s->len == sizeof(s->line))
            found |= scan_line(s);
        s->line[s->len++] = buf[i];
    }
    return found;
}

void verdict_scanner_finish(struct verdict_scanner *s)
{
    if (s->len)
        scan_line(s);
}
