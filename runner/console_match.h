/* `--expect REGEX` / `--fail REGEX`: a verdict from console text, for guests that print no
 * `hext-verdict:` line. FAIL as soon as a --fail pattern matches a line (and FAIL stays); else,
 * with --expect, PASS once every --expect pattern has matched, and `hext-verdict:` lines no
 * longer count; with --fail alone they still do. Patterns are POSIX extended regular expressions
 * (regcomp REG_EXTENDED), matched against each line without its "\r\n" and also against the
 * line still being printed, so that a prompt with no newline (U-Boot's "=> ") counts. */
#ifndef HEXT_RUNNER_CONSOLE_MATCH_H
#define HEXT_RUNNER_CONSOLE_MATCH_H

#include <regex.h>
#include <stdbool.h>
#include <stddef.h>

#include "args.h"
#include "verdict.h"

struct console_match {
    regex_t expect[ARGS_MAX_PATTERNS], fail[ARGS_MAX_PATTERNS];
    const char *expect_text[ARGS_MAX_PATTERNS], *fail_text[ARGS_MAX_PATTERNS];
    bool expect_seen[ARGS_MAX_PATTERNS];
    size_t n_expect, n_fail;
    char line[VERDICT_LINE_MAX];
    size_t len;
    struct verdict verdict; /* seen once decided */
};

/* Compiles the patterns; returns 0, or -1 with the pattern and regerror's text in err. */
int console_match_init(struct console_match *m, const char *const *expect, size_t n_expect,
                       const char *const *fail, size_t n_fail, char *err, size_t errlen);
/* Returns true when this chunk changed the patterns' verdict. */
bool console_match_feed(struct console_match *m, const char *buf, size_t n);
/* Whether `hext-verdict:` lines still decide (no --expect, no --fail match yet). */
bool console_match_lines_count(const struct console_match *m);
/* The run's verdict, given the last `hext-verdict:` line's (rules above). */
struct verdict console_match_result(const struct console_match *m, const struct verdict *line);
void console_match_free(struct console_match *m);

#endif
