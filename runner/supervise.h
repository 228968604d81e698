/* Running one emulator: own process group, console through a pipe, verdict scanning, time
 * limits, and never leaving a process behind. */
#ifndef HEXT_RUNNER_SUPERVISE_H
#define HEXT_RUNNER_SUPERVISE_H

#include <stdbool.h>
#include <stddef.h>

#include "console_input.h"
#include "console_match.h"
#include "verdict.h"

struct supervise_opts {
    char *const *argv; /* argv[0] is the resolved program path */
    double timeout_s;
    double grace_s; /* after a verdict, how long the emulator may take to exit */
    int console_fd; /* -1: no console copy (--quiet) */
    int log_fd;     /* -1: no log */
    int status_fd;  /* -1, or a terminal on which elapsed time against the timeout is shown
                     * while the console is quiet (supervise.c) */
    const char *verdict_from; /* see verdict_scanner_init; NULL: every line */
    int stdin_fd;             /* the emulator's stdin (--input, --interactive); -1: /dev/null */
    /* NULL, or the --expect/--fail patterns (console_match.h says how they combine with
     * `hext-verdict:` lines). */
    struct console_match *match;
    struct console_input *input; /* NULL, or the terminal to forward (--interactive) */
};

enum run_end {
    RUN_EXITED,   /* status = exit status */
    RUN_SIGNALED, /* status = signal that killed it (not sent by us) */
    RUN_TIMEOUT,  /* no verdict within timeout_s; killed */
    RUN_KILLED_AFTER_VERDICT /* verdict seen, did not exit within grace_s; killed */,
    RUN_INTERRUPTED, /* hext got SIGINT/SIGTERM/SIGHUP (status = that signal); killed */
};

struct run_result {
    enum run_end end;
    int status;
    double wall_s;
    struct verdict verdict;
    bool console_ends_line; /* the console copy ended with a newline (or was empty) */
};

/* Finds a program as execvp would: a name with '/' is taken as is, else searched on PATH.
 * Returns 0 and the path in out, or -1. */
int program_resolve(const char *name, char *out, size_t out_len);

/* Installs the handlers that turn SIGINT/SIGTERM/SIGHUP into RUN_INTERRUPTED. */
void supervise_install_signals(void);

int supervise(const struct supervise_opts *o, struct run_result *r, char *err, size_t errlen);

#endif
