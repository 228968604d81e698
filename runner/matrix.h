/* `hext matrix`: every row of the target list on every chosen emulator, one table, reports.
 * The cells and their results are plain data, shared by the runner (matrix_run.c), the
 * checks reader (suite_checks.c), the baseline comparison and the writers. */
#ifndef HEXT_RUNNER_MATRIX_H
#define HEXT_RUNNER_MATRIX_H

#include <stddef.h>

#include "args.h"
#include "emulators.h"
#include "matrix_rows.h"
#include "suite_checks.h"
#include "target_known.h"

enum cell_verdict {
    V_PASS,
    V_KNOWN, /* a run whose failures are all listed known emulator deviations: suite checks,
              * or an image target's checklist items (tests/known-failures/) */
    V_FAIL,
    V_TIMEOUT,
    V_CRASH,
    V_SETUP,
    V_SKIP,
    V_COUNT
};

/* What changed against a baseline. */
enum cell_change { CHANGE_NONE, CHANGE_REGRESSION, CHANGE_FIX };

struct cell {
    const struct matrix_row *row;
    const char *emu; /* the row's emulator */
    /* Filled by the run. */
    enum cell_verdict verdict;
    char detail[512];  /* the runner's verdict text, or why it failed/skipped */
    char problem[400]; /* the runner's `hext: ` problem line (timeouts, crashes, set-up) */
    int exit_status;   /* hext run's, -1 if not run */
    double wall_s;
    long long instructions; /* -1: unknown */
    int counting;           /* the run had the emulator's count-args */
    char clock[32];         /* guest clock (s) as printed, "" if none */
    char log[4096];
    char command[4096]; /* the emulator command line */
    const char *emu_version, *emu_binary;
    const struct emu_flavour *flavour; /* the dialect its binary speaks */
    int n_failed; /* failed checks (suite) or failed guest checks (from the verdict) */
    int n_known;  /* of which listed as known deviations */
    struct suite_checks checks;
    /* Filled by the baseline comparison. */
    enum cell_change change;
    char was[96]; /* the baseline's verdict text when changed */
};

struct matrix {
    struct cell *cells;
    size_t n_cells;
    const char *emus[16]; /* table columns, in order */
    size_t n_emus;
    const char *skip_reason[16]; /* per column: why it did not run, or NULL */
    const char *tag[16];         /* per column: <emu>-<version>, naming its known failures */
    struct known_failures known[16];
    struct target_known target_known[16]; /* per column: the image targets' list */
    const char *baseline_path;            /* NULL: no comparison */
    struct change_list *changes;          /* NULL without a baseline */
};

const char *cell_verdict_name(enum cell_verdict v);
int cell_verdict_passes(enum cell_verdict v);
/* "PASS", "FAIL (3 failed)", "PASS (81 known)", "SKIP (not installed)", "TIMEOUT" ... */
void cell_summary(const struct cell *c, char *out, size_t len);
/* "PASS 0.82 s 56.2M" : the summary with wall time and instructions. */
void cell_text(const struct cell *c, char *out, size_t len);

int matrix_main(const struct hext_args *args);

#endif
