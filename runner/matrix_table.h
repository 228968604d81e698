/* The matrix as text: rows are targets (with their configuration), columns emulators. Pure:
 * the same layout feeds the terminal table and the Markdown report. */
#ifndef HEXT_RUNNER_MATRIX_TABLE_H
#define HEXT_RUNNER_MATRIX_TABLE_H

#include <stdio.h>

#include "matrix.h"

/* The distinct row labels in first-seen order; returns how many (at most max). */
size_t matrix_labels(const struct matrix *m, const char **labels, size_t max);
/* The cell of a label and emulator, or NULL when the target list has none. */
const struct cell *matrix_cell_at(const struct matrix *m, const char *label, const char *emu);

/* Aligned plain-text table, then the failed cells' logs and the baseline changes. */
void matrix_table_print(FILE *out, const struct matrix *m);
/* Lines "<label> on <emu>: <summary> (log: <path>)" for cells that failed. */
void matrix_failed_logs_print(FILE *out, const struct matrix *m, const char *prefix);
void matrix_changes_print(FILE *out, const struct matrix *m, const char *prefix);

#endif
