/* The target list (tests/targets.txt): one run per line,
 *   target emulator platform [--runner-option=value ...] [payload switches ...] [; pattern]
 * `#` comment lines. Pure: text in, rows out. */
#ifndef HEXT_RUNNER_MATRIX_ROWS_H
#define HEXT_RUNNER_MATRIX_ROWS_H

#include <stddef.h>

#define ROW_MAX_OPTIONS 16

struct matrix_row {
    int line;
    char *target, *emu, *platform;
    char *options[ROW_MAX_OPTIONS]; /* words starting with -- */
    int n_options;
    char *switches; /* the other words, space-separated; "" if none */
    char *pattern;  /* extended regex the log must contain, "" if none */
    /* "<target>" or "<target> platform=<p> <options> <switches>": names the table row. */
    char *label;
    /* The configuration part of label ("" for the default): names the log and JSON cell. */
    char *config;
};

struct matrix_rows {
    struct matrix_row *rows;
    size_t n;
};

/* own_platform(emu) gives an emulator's own platform (omitted from labels), or NULL. */
typedef const char *(*own_platform_fn)(const char *emu);

int matrix_rows_parse(const char *text, const char *path, own_platform_fn own,
                      struct matrix_rows *out, char *err, size_t errlen);
void matrix_rows_free(struct matrix_rows *r);

/* True when the comma-separated list (NULL: everything) names word. */
int name_listed(const char *list, const char *word);

/* <target>-<emu>-<config or "default">.log with anything but [A-Za-z0-9.+-] made '_'. */
void matrix_log_name(const struct matrix_row *row, char *out, size_t len);

#endif
