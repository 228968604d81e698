/* Baselines: the JSON reader on its own, then a run compared with a previous run's JSON (as
 * the JSON writer wrote it, then edited): changed cells and checks, new failures first,
 * known deviations reported but never counted as regressions, skipped cells not compared. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>

#include "baseline.h"
#include "json_read.h"
#include "matrix_fixture.h"
#include "matrix_reports.h"

static void json_reader(void **state)
{
    (void)state;
    char err[128];
    struct json *j = json_parse(
            " {\"a\": [1, -2.5e1, true, null], \"s\": \"x\\\"\\u00e9\\ud83d\\ude00\\n\"} ", err,
            sizeof(err));
    assert_non_null(j);
    const struct json *a = json_get(j, "a");
    assert_int_equal(a->n, 4);
    assert_true(a->items[1]->number == -25);
    assert_int_equal(a->items[2]->type, JSON_BOOL);
    assert_int_equal(a->items[3]->type, JSON_NULL);
    assert_string_equal(json_get_string(j, "s"), "x\"\xc3\xa9\xf0\x9f\x98\x80\n");
    assert_null(json_get_string(j, "a"));
    assert_null(json_get(j, "missing"));
    json_free(j);
    static const char *const bad[] = {"{\"a\": }", "[1, 2", "\"open",  "{\"a\" 1}",
                                      "[1] x",     "tru",   "\"\\q\"", "[\"a\nb\"]"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        err[0] = '\0';
        assert_null(json_parse(bad[i], err, sizeof(err)));
        assert_non_null(strstr(err, "at byte "));
    }
}

/* The fixture's JSON with one edit applied (from -> to, which must occur). */
static char *edited_baseline(struct matrix *m, const char *from, const char *to)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    report_json_write(f, m);
    fclose(f);
    char *at = from ? strstr(buf, from) : NULL;
    if (from && !at)
        fail_msg("'%s' not in the JSON", from);
    if (!at)
        return buf;
    char *out = malloc(len + strlen(to) + 1);
    sprintf(out, "%.*s%s%s", (int)(at - buf), buf, to, at + strlen(from));
    free(buf);
    return out;
}

static void compare(struct matrix *m, const char *from, const char *to, struct change_list *l)
{
    char err[256];
    char *text = edited_baseline(m, from, to);
    assert_int_equal(baseline_compare(text, "old.json", m, l, err, sizeof(err)), 0);
    free(text);
}

static void unchanged_run_has_no_changes(void **state)
{
    (void)state;
    struct matrix m;
    struct matrix_rows rows;
    struct change_list l;
    fixture_build(&m, &rows);
    compare(&m, NULL, NULL, &l);
    assert_int_equal(l.n, 0);
    assert_int_equal(m.cells[1].change, CHANGE_NONE);
    change_list_free(&l);
    fixture_free(&m, &rows);
}

static void cell_that_used_to_pass_is_a_regression(void **state)
{
    (void)state;
    struct matrix m;
    struct matrix_rows rows;
    struct change_list l;
    fixture_build(&m, &rows);
    /* The hyp cell's verdict and summary in the baseline said PASS. */
    compare(&m, "\"verdict\": \"FAIL\",\n      \"summary\": \"FAIL (2 failed)\"",
            "\"verdict\": \"PASS\",\n      \"summary\": \"PASS\"", &l);
    assert_int_equal(l.n, 1);
    assert_int_equal(l.n_regressions, 1);
    assert_ptr_equal(l.v[0].cell, &m.cells[1]);
    assert_null(l.v[0].check);
    assert_string_equal(l.v[0].before, "PASS");
    assert_string_equal(l.v[0].after, "FAIL (2 failed)");
    assert_int_equal(m.cells[1].change, CHANGE_REGRESSION);
    assert_string_equal(m.cells[1].was, "PASS");
    change_list_free(&l);
    fixture_free(&m, &rows);
}

static void checks_compared_regressions_first(void **state)
{
    (void)state;
    struct matrix m;
    struct matrix_rows rows;
    struct change_list l;
    fixture_build(&m, &rows);
    /* Now: hstatus reset ok, satp read not ok (known). Baseline: the reverse. */
    char *text = edited_baseline(&m, "\"name\": \"csr: hstatus reset\", \"result\": \"ok\"",
                                 "\"name\": \"csr: hstatus reset\", \"result\": \"not ok\"");
    char *two = strstr(text, "\"name\": \"csr: satp read from VU\", \"result\": \"not ok\"");
    assert_non_null(two);
    memcpy(strstr(two, "\"not ok\""), "\"ok\"    ", 8);
    char err[256];
    assert_int_equal(baseline_compare(text, "old.json", &m, &l, err, sizeof(err)), 0);
    free(text);
    assert_int_equal(l.n, 2);
    assert_int_equal(l.v[0].regression, 1); /* new failures first */
    assert_string_equal(l.v[0].check, "csr: satp read from VU");
    assert_true(l.v[0].known);
    assert_int_equal(l.n_regressions, 0); /* a listed deviation is no regression */
    assert_int_equal(l.v[1].regression, 0);
    assert_string_equal(l.v[1].check, "csr: hstatus reset");
    assert_string_equal(l.v[1].before, "not ok");
    assert_string_equal(l.v[1].after, "ok");
    change_list_free(&l);
    fixture_free(&m, &rows);
}

static void skipped_cells_and_bad_baselines(void **state)
{
    (void)state;
    struct matrix m;
    struct matrix_rows rows;
    struct change_list l;
    char err[256];
    fixture_build(&m, &rows);
    /* The spike cell passed then and is skipped now: not compared. */
    compare(&m, "\"verdict\": \"SKIP\"", "\"verdict\": \"PASS\"", &l);
    assert_int_equal(l.n, 0);
    change_list_free(&l);
    assert_int_equal(baseline_compare("[1, 2]", "old.json", &m, &l, err, sizeof(err)), -1);
    assert_string_equal(err, "old.json: not a hext matrix report (no \"cells\" array)");
    assert_int_equal(baseline_compare("{\"cells\": [", "old.json", &m, &l, err, sizeof(err)), -1);
    assert_non_null(strstr(err, "old.json: not JSON (at byte "));
    fixture_free(&m, &rows);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
            cmocka_unit_test(json_reader),
            cmocka_unit_test(unchanged_run_has_no_changes),
            cmocka_unit_test(cell_that_used_to_pass_is_a_regression),
            cmocka_unit_test(checks_compared_regressions_first),
            cmocka_unit_test(skipped_cells_and_bad_baselines),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
