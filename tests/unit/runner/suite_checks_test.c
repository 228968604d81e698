/* Reading the suite's report lines (suite/core/report.c's format) and known-failure lists
 * (suite/known-failures/<emu>-<version>.txt): each check, its detail, whether it is a listed
 * deviation and the rule tag of the comment above its group. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <string.h>

#include "suite_checks.h"

static const char log_text[] =
        "hext suite on qemu-virt\r\n"
        "profile: h = yes\n"
        "ok csr: hstatus reset\n"
        "not ok csr: satp read from VU: expected cause=22 at M; got cause=2 at M from VU\r\n"
        "ok 7 - traps: ecall from VS\n"
        "skip sstc: vstimecmp: no Sstc\n"
        "[guest0] ok files\n"
        "ok something without an area\n"
        "not ok 9 - hlv: hlv.b from U: expected 1; got 0\n"
        "2 passed, 2 failed, 1 skipped\n"
        "hext-verdict: FAIL 2 passed, 2 failed, 1 skipped\n";

static const char known_text[] = "# Known failures of X.\n"
                                 "# General words with [brackets] in the header.\n"
                                 "\n"
                                 "# VU accesses raise virtual instruction.\n"
                                 "# [H_virtinst_vu] and [H_other]\n"
                                 "csr: satp read from VU\n"
                                 "csr: satp write from VU\n"
                                 "\n"
                                 "# A group without tags.\n"
                                 "traps: ecall from VS\n";

static void parses_report_lines(void **state)
{
    (void)state;
    struct suite_checks c;
    assert_int_equal(suite_checks_parse(log_text, &c), 0);
    assert_int_equal(c.n, 5);
    assert_string_equal(c.v[0].name, "csr: hstatus reset");
    assert_int_equal(c.v[0].result, CHECK_OK);
    assert_string_equal(c.v[1].name, "csr: satp read from VU");
    assert_string_equal(c.v[1].detail, "expected cause=22 at M; got cause=2 at M from VU");
    assert_int_equal(c.v[1].result, CHECK_FAIL);
    assert_string_equal(c.v[2].name, "traps: ecall from VS");
    assert_string_equal(c.v[3].detail, "no Sstc");
    assert_int_equal(c.v[3].result, CHECK_SKIP);
    assert_string_equal(c.v[4].name, "hlv: hlv.b from U");
    assert_int_equal(c.summary_failed, 2);
    assert_int_equal(suite_checks_failed(&c), 2);
    suite_checks_free(&c);
}

static void known_failures_with_rules(void **state)
{
    (void)state;
    struct known_failures k;
    struct suite_checks c;
    assert_int_equal(known_failures_parse(known_text, &k), 0);
    assert_int_equal(k.n, 3);
    assert_string_equal(k.names[1], "csr: satp write from VU");
    assert_string_equal(k.rules[0], "[H_virtinst_vu] [H_other]");
    assert_null(k.rules[2]);
    assert_int_equal(suite_checks_parse(log_text, &c), 0);
    /* satp read is listed, hlv.b is not; a listed check that passed is no failure. */
    assert_int_equal(suite_checks_apply_known(&c, &k), 1);
    assert_true(c.v[1].known);
    assert_string_equal(c.v[1].rule, "[H_virtinst_vu] [H_other]");
    assert_false(c.v[2].known);
    assert_false(c.v[4].known);
    suite_checks_free(&c);
    known_failures_free(&k);
}

static void no_summary(void **state)
{
    (void)state;
    struct suite_checks c;
    assert_int_equal(suite_checks_parse("not ok a: b: x\n", &c), 0);
    assert_int_equal(c.summary_failed, -1);
    suite_checks_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
            cmocka_unit_test(parses_report_lines),
            cmocka_unit_test(known_failures_with_rules),
            cmocka_unit_test(no_summary),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
