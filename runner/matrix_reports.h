/* The matrix's machine-readable reports, each written by its own file: JSON (every cell and
 * every suite check; a later run's --baseline), JUnit XML (one testcase per cell and per
 * suite check) and Markdown (the table, for a CI summary page). Pure: they write to a FILE. */
#ifndef HEXT_RUNNER_MATRIX_REPORTS_H
#define HEXT_RUNNER_MATRIX_REPORTS_H

#include <stdio.h>

#include "matrix.h"

void report_json_write(FILE *out, const struct matrix *m);
void report_junit_write(FILE *out, const struct matrix *m);
void report_markdown_write(FILE *out, const struct matrix *m);

#endif
