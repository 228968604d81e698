/* Image targets' known-failure lists, and which of a log's failed checklist items they explain. */
#include "target_known.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void entry_free(struct target_known_entry *e)
{
    free(e->target);
    free(e->platform);
    free(e->item);
    free(e->check);
}

void target_known_free(struct target_known *k)
{
    for (size_t i = 0; i < k->n; i++)
        entry_free(&k->v[i]);
    free(k->v);
    memset(k, 0, sizeof(*k));
}

/* "TARGET PLATFORM ITEM because CHECK": 1 with e filled, 0 if the line is not one. */
static int parse_entry(const char *s, size_t len, struct target_known_entry *e)
{
    char target[64], platform[64], item[128], because[16];
    int check_at = 0;
    char line[1024];

    memset(e, 0, sizeof(*e));
    if (len >= sizeof(line))
        return 0;
    memcpy(line, s, len);
    line[len] = '\0';
    if (sscanf(line, "%63s %63s %127s %15s %n", target, platform, item, because, &check_at) < 4 ||
        strcmp(because, "because") != 0 || !check_at || !line[check_at])
        return 0;
    e->target = strdup(target);
    e->platform = strdup(platform);
    e->item = strdup(item);
    e->check = strdup(line + check_at);
    if (e->target && e->platform && e->item && e->check)
        return 1;
    entry_free(e);
    return -1;
}

int target_known_parse(const char *text, struct target_known *out)
{
    memset(out, 0, sizeof(*out));
    for (const char *s = text; *s;) {
        size_t len = strcspn(s, "\n");
        size_t end = len;
        while (end && (s[end - 1] == ' ' || s[end - 1] == '\r' || s[end - 1] == '\t'))
            end--;
        struct target_known_entry e;
        int got = s[0] == '#' ? 0 : parse_entry(s, end, &e);
        if (got > 0) {
            struct target_known_entry *grown = realloc(out->v, (out->n + 1) * sizeof(*grown));
            if (!grown)
                entry_free(&e);
            else
                out->v = grown;
            got = grown ? 1 : -1;
            if (grown)
                out->v[out->n++] = e;
        }
        if (got < 0) {
            target_known_free(out);
            return -1;
        }
        s += len + (s[len] == '\n');
    }
    return 0;
}

static int suite_lists(const struct known_failures *suite, const char *check)
{
    for (size_t i = 0; i < suite->n; i++)
        if (strcmp(suite->names[i], check) == 0)
            return 1;
    return 0;
}

static int explained(const struct target_known *k, const struct known_failures *suite,
                     const char *target, const char *platform, const char *item)
{
    for (size_t i = 0; i < k->n; i++) {
        const struct target_known_entry *e = &k->v[i];
        if (strcmp(e->target, target) == 0 && strcmp(e->platform, platform) == 0 &&
            strcmp(e->item, item) == 0 && suite_lists(suite, e->check))
            return 1;
    }
    return 0;
}

/* The ITEM of "[guestN] not ok ITEM: why" or "not ok ITEM: why" (len 0 if not such a line). */
static size_t failed_item(const char *s, size_t len, const char **item)
{
    if (len && s[0] == '[') {
        const char *close = memchr(s, ']', len);
        if (!close || (size_t)(close - s) + 2 > len || close[1] != ' ')
            return 0;
        len -= (size_t)(close + 2 - s);
        s = close + 2;
    }
    if (len < 8 || strncmp(s, "not ok ", 7) != 0)
        return 0;
    s += 7;
    len -= 7;
    size_t n = 0;
    while (n < len && s[n] != ':' && s[n] != ' ')
        n++;
    if (n == 0 || n == len || s[n] != ':')
        return 0;
    *item = s;
    return n;
}

/* Whether an earlier line of the log already failed this item. */
static int seen_before(const char *log, const char *upto, const char *item, size_t n)
{
    for (const char *s = log; s < upto; s += strcspn(s, "\n") + 1) {
        const char *other;
        if (failed_item(s, strcspn(s, "\n"), &other) == n && memcmp(other, item, n) == 0)
            return 1;
    }
    return 0;
}

int target_known_judge(const struct target_known *k, const struct known_failures *suite,
                       const char *target, const char *platform, const char *log, int *unexplained)
{
    int failed = 0;
    char name[128];

    *unexplained = 0;
    for (const char *s = log; *s; s += strcspn(s, "\n") + (s[strcspn(s, "\n")] ? 1 : 0)) {
        const char *item;
        size_t n = failed_item(s, strcspn(s, "\n"), &item);
        if (!n || seen_before(log, s, item, n))
            continue;
        failed++;
        snprintf(name, sizeof(name), "%.*s", (int)n, item);
        if (n >= sizeof(name) || !explained(k, suite, target, platform, name))
            ++*unexplained;
    }
    return failed;
}
