/* The suite's report lines (suite/core/report.c) and its known-failure lists
 * (suite/known-failures/<emulator>-<version>.txt). Pure. A report line is
 *   ok <area>: <check>  |  not ok <area>: <check>: <expected ...; got ...>  |  skip <area>: ...
 * optionally numbered TAP-style (`ok 12 - <area>: <check>`). */
#ifndef HEXT_RUNNER_SUITE_CHECKS_H
#define HEXT_RUNNER_SUITE_CHECKS_H

#include <stddef.h>

enum check_result { CHECK_OK, CHECK_FAIL, CHECK_SKIP };

struct check {
    char *name;   /* "<area>: <check>" */
    char *detail; /* expected/got text (fail) or reason (skip), "" for ok */
    enum check_result result;
    int known;        /* a failure listed in the known-failure list */
    const char *rule; /* the list's rule for it, or NULL */
};

struct suite_checks {
    struct check *v;
    size_t n;
    int summary_failed; /* the `N passed, N failed, N skipped` line's failures, -1 if none */
};

struct known_failures {
    char **names;
    char **rules; /* per name: the [rule tags] of the comment above its group, or NULL */
    size_t n;
};

int suite_checks_parse(const char *log_text, struct suite_checks *out);
void suite_checks_free(struct suite_checks *c);
int suite_checks_failed(const struct suite_checks *c);

int known_failures_parse(const char *text, struct known_failures *out);
void known_failures_free(struct known_failures *k);
/* Marks each failed check listed in k; returns how many failed checks are not listed. */
int suite_checks_apply_known(struct suite_checks *c, const struct known_failures *k);

#endif
