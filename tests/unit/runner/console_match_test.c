/* --expect / --fail verdicts from console text: whole lines, partial lines (prompts), "\r\n",
 * several patterns, FAIL winning over PASS, and bad patterns. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <string.h>

#include "console_match.h"

static char err[256];

static void init(struct console_match *m, const char *e1, const char *e2, const char *f1)
{
    const char *expect[2] = {e1, e2}, *fail[1] = {f1};
    assert_int_equal(console_match_init(m, expect, e2 ? 2 : (e1 ? 1 : 0), fail, f1 ? 1 : 0, err,
                                        sizeof(err)),
                     0);
}

static bool feed(struct console_match *m, const char *s)
{
    return console_match_feed(m, s, strlen(s));
}

static void prompt_without_newline(void **state)
{
    (void)state;
    struct console_match m;
    init(&m, "^=> $", NULL, NULL);
    assert_false(feed(&m, "U-Boot 2023.01\r\n=> ver"));
    assert_false(m.verdict.seen);
    assert_false(feed(&m, "sion\r\n"));
    assert_true(feed(&m, "=> "));
    assert_true(m.verdict.seen);
    assert_true(m.verdict.pass);
    assert_string_equal(m.verdict.details, "console matched --expect '^=> $'");
    console_match_free(&m);
}

static void split_across_chunks_and_cr(void **state)
{
    (void)state;
    struct console_match m;
    init(&m, "^boot ok$", NULL, NULL);
    assert_false(feed(&m, "boo"));
    assert_false(feed(&m, "t o"));
    assert_true(feed(&m, "k\r\n"));
    assert_true(m.verdict.pass);
    console_match_free(&m);
}

static void every_expect_must_match(void **state)
{
    (void)state;
    struct console_match m;
    init(&m, "GNU ld", "powered off", NULL);
    assert_false(feed(&m, "GNU ld (GNU Binutils) 2.40\n"));
    assert_false(m.verdict.seen);
    assert_true(feed(&m, "[hext] guest0 powered off\n"));
    assert_true(m.verdict.pass);
    assert_non_null(strstr(m.verdict.details, "powered off"));
    /* Later matches change nothing. */
    assert_false(feed(&m, "GNU ld again\n"));
    console_match_free(&m);
}

static void fail_wins_and_stays(void **state)
{
    (void)state;
    struct console_match m;
    init(&m, "=> ", NULL, "Unknown command|panic");
    assert_true(feed(&m, "=> "));
    assert_true(m.verdict.pass);
    assert_true(feed(&m, "foo\nUnknown command 'foo'\n"));
    assert_false(m.verdict.pass);
    assert_string_equal(m.verdict.details, "console matched --fail 'Unknown command|panic'");
    assert_false(feed(&m, "=> \n"));
    assert_false(m.verdict.pass);
    console_match_free(&m);
}

/* --fail alone leaves the verdict to `hext-verdict:` lines until it matches. */
static void fail_only(void **state)
{
    (void)state;
    struct console_match m;
    struct verdict line_pass = {.seen = true, .pass = true}, r;
    init(&m, NULL, NULL, "Kernel panic");
    assert_false(feed(&m, "all fine\nhext-verdict: PASS 1 passed\n"));
    assert_false(m.verdict.seen);
    assert_true(console_match_lines_count(&m));
    r = console_match_result(&m, &line_pass);
    assert_true(r.seen && r.pass);
    assert_true(feed(&m, "Kernel panic - not syncing\n"));
    assert_false(console_match_lines_count(&m));
    r = console_match_result(&m, &line_pass);
    assert_true(r.seen);
    assert_false(r.pass);
    console_match_free(&m);
}

/* With --expect, `hext-verdict:` lines do not count, whatever they say. */
static void expect_overrules_verdict_lines(void **state)
{
    (void)state;
    struct console_match m;
    struct verdict line_fail = {.seen = true, .pass = false}, r;
    init(&m, "=> ", NULL, NULL);
    assert_false(console_match_lines_count(&m));
    r = console_match_result(&m, &line_fail);
    assert_false(r.seen);
    assert_true(feed(&m, "=> "));
    r = console_match_result(&m, &line_fail);
    assert_true(r.seen && r.pass);
    console_match_free(&m);
}

static void long_lines_are_split(void **state)
{
    (void)state;
    struct console_match m;
    init(&m, "^x+$", NULL, NULL);
    char big[VERDICT_LINE_MAX + 10];
    memset(big, 'y', sizeof(big));
    assert_false(console_match_feed(&m, big, sizeof(big)));
    assert_true(feed(&m, "\nxxx\n"));
    console_match_free(&m);
}

static void bad_pattern(void **state)
{
    (void)state;
    struct console_match m;
    const char *expect[] = {"ok", "(unclosed"};
    assert_int_equal(console_match_init(&m, expect, 2, NULL, 0, err, sizeof(err)), -1);
    assert_non_null(strstr(err, "--expect '(unclosed': "));
    const char *fail[] = {"[z-a]"};
    assert_int_equal(console_match_init(&m, expect, 1, fail, 1, err, sizeof(err)), -1);
    assert_non_null(strstr(err, "--fail '[z-a]': "));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
            cmocka_unit_test(prompt_without_newline),
            cmocka_unit_test(split_across_chunks_and_cr),
            cmocka_unit_test(every_expect_must_match),
            cmocka_unit_test(fail_wins_and_stays),
            cmocka_unit_test(fail_only),
            cmocka_unit_test(expect_overrules_verdict_lines),
            cmocka_unit_test(long_lines_are_split),
            cmocka_unit_test(bad_pattern),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
