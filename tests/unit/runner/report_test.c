/* Exit statuses and the fixed last line that `make test` and `make bench` parse. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <string.h>

#include "report.h"

static char verdict[256], problem[256];

static int outcome(enum run_end end, int status, int seen, int pass)
{
    struct run_result r;
    memset(&r, 0, sizeof(r));
    r.end = end;
    r.status = status;
    r.verdict.seen = seen;
    r.verdict.pass = pass;
    return report_outcome(&r, "qemu", 120, verdict, sizeof(verdict), problem, sizeof(problem));
}

static void pass_and_fail(void **state)
{
    (void)state;
    assert_int_equal(outcome(RUN_EXITED, 0, 1, 1), 0);
    assert_string_equal(verdict, "PASS");
    assert_string_equal(problem, "");
    assert_int_equal(outcome(RUN_EXITED, 0, 1, 0), 1);
    assert_string_equal(verdict, "FAIL");
    /* A FAIL verdict stays a failure whatever the exit status. */
    assert_int_equal(outcome(RUN_EXITED, 3, 1, 0), 1);
    /* Killed by us after the grace period: the verdict stands (machines that cannot power off). */
    assert_int_equal(outcome(RUN_KILLED_AFTER_VERDICT, 0, 1, 1), 0);
    assert_int_equal(outcome(RUN_KILLED_AFTER_VERDICT, 0, 1, 0), 1);
}

static void timeout(void **state)
{
    (void)state;
    assert_int_equal(outcome(RUN_TIMEOUT, 0, 0, 0), 2);
    assert_string_equal(verdict, "TIMEOUT after 120 s");
    assert_string_equal(problem, "no verdict within 120 s; qemu stopped");
}

static void crashes(void **state)
{
    (void)state;
    assert_int_equal(outcome(RUN_EXITED, 1, 0, 0), 4);
    assert_string_equal(verdict, "CRASH: qemu exited with status 1 without a verdict");
    assert_int_equal(outcome(RUN_EXITED, 0, 0, 0), 4);
    assert_int_equal(outcome(RUN_EXITED, 2, 1, 1), 4);
    assert_string_equal(verdict, "CRASH: qemu exited with status 2 after a PASS verdict");
    assert_int_equal(outcome(RUN_SIGNALED, 11, 0, 0), 4);
    assert_string_equal(verdict, "CRASH: qemu killed by signal 11 without a verdict");
    assert_int_equal(outcome(RUN_SIGNALED, 6, 1, 1), 4);
    assert_string_equal(problem, "qemu killed by signal 6 after a verdict");
}

static void interrupted(void **state)
{
    (void)state;
    assert_int_equal(outcome(RUN_INTERRUPTED, 2, 0, 0), 130);
    assert_string_equal(verdict, "INTERRUPTED by signal 2");
}

static void last_line(void **state)
{
    (void)state;
    char line[256];
    report_last_line(line, sizeof(line), "linux", "qemu", "qemu", "PASS", 1.234, "0.41");
    assert_string_equal(line, "hext: linux on qemu (platform qemu): PASS in 1.23 s, guest clock "
                              "0.41 s");
    report_last_line(line, sizeof(line), "hyp", "spike", "sail", "TIMEOUT after 300 s", 300.004,
                     "");
    assert_string_equal(line,
                        "hext: hyp on spike (platform sail): TIMEOUT after 300 s in 300.00 s");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
            cmocka_unit_test(pass_and_fail), cmocka_unit_test(timeout),   cmocka_unit_test(crashes),
            cmocka_unit_test(interrupted),   cmocka_unit_test(last_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
