/* `--expect REGEX` / `--fail REGEX`: a verdict from console text, for guests that print no
 * `hext-verdict:` line. PASS once every --expect pattern has matched a line, FAIL as soon as a
 * --fail pattern matches one (and FAIL stays). Patterns are POSIX extended regular expressions
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
/* Returns true when this chunk changed the verdict. */
bool console_match_feed(struct console_match *m, const char *buf, size_t n);
void console_match_free(struct console_match *m);

#endif
