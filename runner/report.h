/* Turning a run's end into hext's exit status and its fixed last line:
 *   hext: <target> on <emu> (platform <p>): <VERDICT> in <wall> s[, guest clock <c> s]
 * <VERDICT> starts with one word: PASS, FAIL, TIMEOUT, CRASH, SETUP-ERROR or INTERRUPTED. */
#ifndef HEXT_RUNNER_REPORT_H
#define HEXT_RUNNER_REPORT_H

#include <stddef.h>

#include "supervise.h"

enum hext_exit {
    EXIT_PASS = 0,
    EXIT_FAIL = 1,
    EXIT_TIMEOUT = 2,
    EXIT_SETUP = 3,
    EXIT_CRASH = 4,
    /* Interrupted runs exit with 128 + the signal, as a shell reports them. */
};

/* Fills `verdict` (the <VERDICT> text) and, for outcomes other than PASS/FAIL, `problem` (a
 * one-line reason for stderr, empty otherwise). Returns the exit status. */
int report_outcome(const struct run_result *r, const char *emu, double timeout_s, char *verdict,
                   size_t verdict_len, char *problem, size_t problem_len);

void report_last_line(char *out, size_t len, const char *target, const char *emu,
                      const char *platform, const char *verdict, double wall_s,
                      const char *guest_clock);

#endif
