/* Comparing a matrix run with a baseline (a previous run's --json): which cells and which
 * suite checks changed. New failures are regressions, unless the check is a listed known
 * emulator deviation; passes that used to fail are fixes. Skipped cells compare as nothing. */
#ifndef HEXT_RUNNER_BASELINE_H
#define HEXT_RUNNER_BASELINE_H

#include <stddef.h>

#include "matrix.h"

struct change {
    int regression; /* 1: a new failure, 0: a fix */
    int known;      /* a check listed as a known deviation: reported, never a regression */
    const struct cell *cell;
    const char *check; /* NULL: the cell's verdict changed */
    char before[96], after[96];
    size_t seq; /* order found */
};

struct change_list {
    struct change *v;
    size_t n;
    size_t n_regressions; /* not counting known ones */
};

/* Parses the baseline text and compares; marks cell->change/was. -1 with err on bad JSON.
 * The list is sorted: regressions first, then fixes, each in cell order. */
int baseline_compare(const char *json_text, const char *path, struct matrix *m,
                     struct change_list *out, char *err, size_t errlen);
void change_list_free(struct change_list *c);

#endif
