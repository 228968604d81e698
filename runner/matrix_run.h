/* Running the matrix's cells, `jobs` at a time, each as its own `hext run` (so a cell behaves
 * exactly as the documented command does), with a live progress display. */
#ifndef HEXT_RUNNER_MATRIX_RUN_H
#define HEXT_RUNNER_MATRIX_RUN_H

#include "matrix.h"

struct matrix_run_opts {
    const char *hext;   /* this program */
    const char *images; /* passed to each run */
    double timeout_s;   /* 0: each emulator's default */
    unsigned jobs;
    int count; /* also counting modes that change the run (count-intrusive) */
    int tty;   /* live status lines instead of plain ones */
};

/* One cell being run. */
struct running {
    struct cell *cell;
    int pid;
    int out_fd;
    char out[8192]; /* hext run's own output (stdout and stderr; --quiet) */
    size_t out_len;
    double started, timeout_s;
    int reported; /* minutes of run time already reported (plain progress) */
};

/* Runs every cell not already decided (SKIP); fills its exit status, wall time and command,
 * and calls finish(m, cell, output) when it ends. Returns 1 when interrupted. */
int matrix_run(struct matrix *m, const struct matrix_run_opts *o,
               void (*finish)(const struct matrix *m, struct cell *c, const char *output));

/* The live display: one status line per running cell, redrawn in place on a terminal; a
 * plain line per finished cell (and a periodic one for long runs) otherwise. */
void progress_tick(struct running *r, size_t n, int tty, double now);
void progress_done(const struct cell *c, size_t done, size_t total);
void progress_clear(int tty);

#endif
