/* Verdict recognition: the grammar of COMMON.md, fed the way a console delivers it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <string.h>

#include "verdict.h"

static bool parse(const char *line, struct verdict *v)
{
    memset(v, 0, sizeof(*v));
    return verdict_parse_line(line, strlen(line), v);
}

static void plain_pass_and_fail(void **state)
{
    (void)state;
    struct verdict v;
    assert_true(parse("hext-verdict: PASS all 12 checks", &v));
    assert_true(v.pass);
    assert_string_equal(v.details, "all 12 checks");
    assert_false(v.has_clock);
    assert_true(parse("hext-verdict: FAIL hgatp: expected 8, got 0", &v));
    assert_false(v.pass);
    assert_string_equal(v.details, "hgatp: expected 8, got 0");
    assert_true(parse("hext-verdict: PASS", &v));
    assert_string_equal(v.details, "");
}

static void prefixed(void **state)
{
    (void)state;
    struct verdict v;
    assert_true(parse("[guest0] hext-verdict: PASS booted", &v));
    assert_true(v.pass);
    assert_true(parse("[    0.412000] init: hext-verdict: FAIL x", &v));
    assert_false(v.pass);
    assert_true(parse("\thext-verdict:\tPASS", &v));
}

static void crlf(void **state)
{
    (void)state;
    struct verdict v;
    assert_true(parse("hext-verdict: PASS ok, clock 0.5 s\r", &v));
    assert_string_equal(v.details, "ok, clock 0.5 s");
    assert_string_equal(v.clock, "0.5");
    assert_true(parse("hext-verdict: FAIL\r\n", &v));
    assert_false(v.pass);
}

static void clock(void **state)
{
    (void)state;
    struct verdict v;
    assert_true(parse("hext-verdict: PASS 3 checks, clock 0.4123 s", &v));
    assert_true(v.has_clock);
    assert_string_equal(v.clock, "0.4123");
    assert_true(parse("hext-verdict: PASS clock 12 s.", &v));
    assert_string_equal(v.clock, "12");
    assert_true(parse("hext-verdict: PASS clock  7.0  s", &v));
    assert_string_equal(v.clock, "7.0");
}

static void clock_near_misses(void **state)
{
    (void)state;
    struct verdict v;
    const char *lines[] = {
            "hext-verdict: PASS clock 0.4 ms", "hext-verdict: PASS clock 0.4 sec",
            "hext-verdict: PASS clock 0.4s",   "hext-verdict: PASS clock abc s",
            "hext-verdict: PASS clock .5 s",   "hext-verdict: PASS clock 5. s",
            "hext-verdict: PASS clocks 5 s",   "hext-verdict: PASS wallclock 5 s",
            "hext-verdict: PASS clock: 5 s",   "hext-verdict: PASS clock 5",
    };
    for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
        assert_true(parse(lines[i], &v));
        assert_false(v.has_clock);
    }
}

static void near_misses(void **state)
{
    (void)state;
    struct verdict v;
    const char *lines[] = {
            "hext-verdict: PASSED",   "hext-verdict: pass",  "hext-verdict PASS",
            "hext-verdict:PASS",      "hext-verdict: MAYBE", "xhext-verdict: PASS",
            "my-hext-verdict: PASS",  "hext_verdict: PASS",  "hext-verdict: FAILURE",
            "hext-verdict: ",         "hext-verdict:",       "verdict: PASS",
            "hext-verdict: FAIL-ish", "HEXT-VERDICT: PASS",
    };
    for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
        assert_false(parse(lines[i], &v));
}

static void last_on_a_line_wins(void **state)
{
    (void)state;
    struct verdict v;
    assert_true(parse("hext-verdict: PASS then hext-verdict: FAIL late", &v));
    assert_false(v.pass);
    assert_string_equal(v.details, "late");
}

static void scanner_last_wins_across_lines(void **state)
{
    (void)state;
    struct verdict_scanner s;
    verdict_scanner_init(&s, NULL);
    const char *out = "boot\r\nhext-verdict: FAIL first\r\nmore\nhext-verdict: PASS second, "
                      "clock 1.5 s\r\nshutdown\r\n";
    assert_true(verdict_scanner_feed(&s, out, strlen(out)));
    verdict_scanner_finish(&s);
    assert_true(s.last.seen);
    assert_true(s.last.pass);
    assert_string_equal(s.last.details, "second, clock 1.5 s");
    assert_string_equal(s.last.clock, "1.5");
}

static void scanner_split_chunks(void **state)
{
    (void)state;
    struct verdict_scanner s;
    verdict_scanner_init(&s, NULL);
    const char *out = "[guest0] hext-verdict: FAIL split\r\n";
    /* One byte at a time: a pipe may cut a line anywhere. */
    for (size_t i = 0; i < strlen(out); i++)
        verdict_scanner_feed(&s, out + i, 1);
    assert_true(s.last.seen);
    assert_false(s.last.pass);
    assert_string_equal(s.last.details, "split");
}

/* Several guests under the hypervisor (manifest verdict_from = [hext]): a guest's verdict
 * neither ends the run nor stands for the machine's; the hypervisor's does. */
static void scanner_only_from_prefix(void **state)
{
    (void)state;
    struct verdict_scanner s;
    verdict_scanner_init(&s, "[hext]");
    const char *guest = "[guest1] hext-verdict: PASS 10000 operations\r\n";
    assert_false(verdict_scanner_feed(&s, guest, strlen(guest)));
    assert_false(s.last.seen);
    const char *hyp = "[hext] hext-verdict: FAIL guest0 hung, clock 3.0 s\r\n";
    assert_true(verdict_scanner_feed(&s, hyp, strlen(hyp)));
    assert_false(s.last.pass);
    assert_string_equal(s.last.clock, "3.0");
}

/* Without verdict_from (Linux, Xvisor) a guest's line is the verdict. */
static void scanner_every_line_without_prefix(void **state)
{
    (void)state;
    struct verdict_scanner s;
    verdict_scanner_init(&s, NULL);
    const char *line = "[guest0/uart0] hext-verdict: PASS 17 passed\r\n";
    assert_true(verdict_scanner_feed(&s, line, strlen(line)));
    assert_true(s.last.pass);
}

static void scanner_unterminated_last_line(void **state)
{
    (void)state;
    struct verdict_scanner s;
    verdict_scanner_init(&s, NULL);
    const char *out = "x\nhext-verdict: PASS no newline";
    assert_false(verdict_scanner_feed(&s, out, strlen(out)));
    assert_false(s.last.seen);
    verdict_scanner_finish(&s);
    assert_true(s.last.seen);
    assert_string_equal(s.last.details, "no newline");
}

static void scanner_long_lines(void **state)
{
    (void)state;
    struct verdict_scanner s;
    verdict_scanner_init(&s, NULL);
    static char noise[3 * VERDICT_LINE_MAX];
    memset(noise, 'x', sizeof(noise));
    verdict_scanner_feed(&s, noise, sizeof(noise));
    const char *out = "\nhext-verdict: PASS after noise\n";
    verdict_scanner_feed(&s, out, strlen(out));
    assert_true(s.last.pass);
    assert_string_equal(s.last.details, "after noise");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
            cmocka_unit_test(plain_pass_and_fail),
            cmocka_unit_test(prefixed),
            cmocka_unit_test(crlf),
            cmocka_unit_test(clock),
            cmocka_unit_test(clock_near_misses),
            cmocka_unit_test(near_misses),
            cmocka_unit_test(last_on_a_line_wins),
            cmocka_unit_test(scanner_last_wins_across_lines),
            cmocka_unit_test(scanner_split_chunks),
            cmocka_unit_test(scanner_only_from_prefix),
            cmocka_unit_test(scanner_every_line_without_prefix),
            cmocka_unit_test(scanner_unterminated_last_line),
            cmocka_unit_test(scanner_long_lines),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
