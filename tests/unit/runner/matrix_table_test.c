/* The matrix table: rows are targets with their configuration, columns emulators, "-" where
 * the target list has no cell, failed cells' logs named below, baseline changes listed with
 * new failures first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>

#include "baseline.h"
#include "matrix_fixture.h"
#include "matrix_table.h"

static char *render(const struct matrix *m)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    matrix_table_print(f, m);
    fclose(f);
    return buf;
}

static void table_layout(void **state)
{
    (void)state;
    struct matrix m;
    struct matrix_rows rows;
    fixture_build(&m, &rows);
    char *out = render(&m);
    const char *want =
            "target                  qemu                        spike\n"
            "suite                   PASS (1 known) 3.1s         SKIP (spike not installed)\n"
            "hyp hext.gstage=sv48x4  FAIL (2 failed) 0.8s 56.2M  -\n"
            "spike: spike is not installed\n"
            "failed: hyp hext.gstage=sv48x4 on qemu: FAIL 11 passed, 2 failed "
            "(log: build/logs/x.log)\n";
    assert_string_equal(out, want);
    free(out);
    fixture_free(&m, &rows);
}

static void cell_texts(void **state)
{
    (void)state;
    struct cell c = {.verdict = V_TIMEOUT, .exit_status = 2, .wall_s = 120.04, .instructions = -1};
    char t[128];
    cell_text(&c, t, sizeof(t));
    assert_string_equal(t, "TIMEOUT 120.0s");
    c.verdict = V_FAIL;
    cell_text(&c, t, sizeof(t));
    assert_string_equal(t, "FAIL 120.0s"); /* no count known: no "(0 failed)" */
    c.verdict = V_PASS;
    c.instructions = 4242;
    cell_text(&c, t, sizeof(t));
    assert_string_equal(t, "PASS 120.0s 4.2k");
    c.instructions = 37812345;
    cell_text(&c, t, sizeof(t));
    assert_string_equal(t, "PASS 120.0s 37.8M");
    c.instructions = -1;
    c.verdict = V_CRASH;
    c.change = CHANGE_REGRESSION;
    snprintf(c.was, sizeof(c.was), "PASS");
    cell_text(&c, t, sizeof(t));
    assert_string_equal(t, "CRASH 120.0s !was PASS");
    assert_false(cell_verdict_passes(V_CRASH));
    assert_true(cell_verdict_passes(V_KNOWN));
    assert_true(cell_verdict_passes(V_SKIP));
}

static void changes_listed_regressions_first(void **state)
{
    (void)state;
    struct matrix m;
    struct matrix_rows rows;
    fixture_build(&m, &rows);
    struct change v[2] = {
            {.regression = 1, .cell = &m.cells[1], .before = "PASS", .after = "FAIL (2 failed)"},
            {.regression = 0,
             .cell = &m.cells[0],
             .check = "csr: hstatus reset",
             .before = "not ok",
             .after = "ok"},
    };
    struct change_list l = {.v = v, .n = 2, .n_regressions = 1};
    m.changes = &l;
    m.baseline_path = "old.json";
    char *out = render(&m);
    const char *at =
            strstr(out, "changes since old.json: 1 new failures, 1 fixes\n"
                        "  NEW FAILURE: hyp hext.gstage=sv48x4 on qemu: PASS -> FAIL (2 "
                        "failed)\n"
                        "  fixed: suite on qemu, check csr: hstatus reset: not ok -> ok\n");
    assert_non_null(at);
    free(out);
    fixture_free(&m, &rows);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
            cmocka_unit_test(table_layout),
            cmocka_unit_test(cell_texts),
            cmocka_unit_test(changes_listed_regressions_first),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
