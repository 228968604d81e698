/* Baseline comparison. */
#include "baseline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_read.h"

static const struct json *find_cell(const struct json *cells, const struct cell *c)
{
    for (size_t i = 0; cells && i < cells->n; i++) {
        const struct json *j = cells->items[i];
        const char *t = json_get_string(j, "target"), *e = json_get_string(j, "emulator"),
                   *cfg = json_get_string(j, "config");
        if (t && e && cfg && strcmp(t, c->row->target) == 0 && strcmp(e, c->emu) == 0 &&
            strcmp(cfg, c->row->config) == 0)
            return j;
    }
    return NULL;
}

static int verdict_from_name(const char *name)
{
    for (int v = 0; name && v < V_COUNT; v++) {
        if (strcmp(cell_verdict_name(v), name) == 0)
            return v;
    }
    return -1;
}

static int push(struct change_list *l, const struct change *c)
{
    struct change *grown = realloc(l->v, (l->n + 1) * sizeof(*grown));
    if (!grown)
        return -1;
    l->v = grown;
    l->v[l->n] = *c;
    l->v[l->n].seq = l->n;
    l->n++;
    l->n_regressions += c->regression && !c->known;
    return 0;
}

static const char *result_name(enum check_result r)
{
    return r == CHECK_OK ? "ok" : r == CHECK_FAIL ? "not ok" : "skip";
}

static int compare_checks(const struct json *old, const struct cell *c, struct change_list *l)
{
    const struct json *list = json_get(old, "checks");
    for (size_t i = 0; list && list->type == JSON_ARRAY && i < list->n; i++) {
        const char *name = json_get_string(list->items[i], "name");
        const char *was = json_get_string(list->items[i], "result");
        if (!name || !was)
            continue;
        for (size_t k = 0; k < c->checks.n; k++) {
            const struct check *ch = &c->checks.v[k];
            if (strcmp(ch->name, name) != 0)
                continue;
            int was_ok = strcmp(was, "ok") == 0, was_fail = strcmp(was, "not ok") == 0;
            int now_ok = ch->result == CHECK_OK, now_fail = ch->result == CHECK_FAIL;
            if ((was_ok && now_fail) || (was_fail && now_ok)) {
                struct change ch_ = {.regression = now_fail,
                                     .known = now_fail && ch->known,
                                     .cell = c,
                                     .check = ch->name};
                snprintf(ch_.before, sizeof(ch_.before), "%s", was);
                snprintf(ch_.after, sizeof(ch_.after), "%s", result_name(ch->result));
                if (push(l, &ch_))
                    return -1;
            }
            break;
        }
    }
    return 0;
}

static int compare_cell(const struct json *old, struct cell *c, struct change_list *l)
{
    int was = verdict_from_name(json_get_string(old, "verdict"));
    if (was < 0 || was == V_SKIP || c->verdict == V_SKIP)
        return 0;
    int was_ok = cell_verdict_passes(was), now_ok = cell_verdict_passes(c->verdict);
    if (was_ok != now_ok) {
        const char *summary = json_get_string(old, "summary");
        struct change ch = {.regression = !now_ok, .cell = c};
        snprintf(ch.before, sizeof(ch.before), "%s", summary ? summary : cell_verdict_name(was));
        cell_summary(c, ch.after, sizeof(ch.after));
        c->change = now_ok ? CHANGE_FIX : CHANGE_REGRESSION;
        snprintf(c->was, sizeof(c->was), "%s", ch.before);
        if (push(l, &ch))
            return -1;
    }
    return compare_checks(old, c, l);
}

static int by_kind(const void *a, const void *b)
{
    const struct change *x = a, *y = b;
    if (x->regression != y->regression)
        return y->regression - x->regression;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

int baseline_compare(const char *text, const char *path, struct matrix *m, struct change_list *out,
                     char *err, size_t errlen)
{
    char jerr[256];
    memset(out, 0, sizeof(*out));
    struct json *root = json_parse(text, jerr, sizeof(jerr));
    if (!root) {
        snprintf(err, errlen, "%s: not JSON (%s)", path, jerr);
        return -1;
    }
    const struct json *cells = json_get(root, "cells");
    if (!cells || cells->type != JSON_ARRAY) {
        json_free(root);
        snprintf(err, errlen, "%s: not a hext matrix report (no \"cells\" array)", path);
        return -1;
    }
    int rc = 0;
    for (size_t i = 0; !rc && i < m->n_cells; i++) {
        const struct json *old = find_cell(cells, &m->cells[i]);
        if (old)
            rc = compare_cell(old, &m->cells[i], out);
    }
    json_free(root);
    if (rc) {
        snprintf(err, errlen, "out of memory");
        change_list_free(out);
        return -1;
    }
    /* qsort is not stable: seq keeps the run's order within each kind. */
    qsort(out->v, out->n, sizeof(out->v[0]), by_kind);
    return 0;
}

void change_list_free(struct change_list *c)
{
    free(c->v);
    memset(c, 0, sizeof(*c));
}
