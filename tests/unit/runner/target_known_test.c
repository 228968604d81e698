/* Image targets' known-failure lists (runner/target_known.c): parsing, and which failed
 * checklist items of a log they explain, by the rule tests/known_failures.sh applies. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <string.h>

#include "target_known.h"

static const char list_text[] =
        "# Image targets that fail on model X.\n"
        "# TARGET PLATFORM ITEM because SUITE-CHECK\n"
        "\n"
        "hyp sail fp_context because fp-dirty: fmv.d.x in VU, vsstatus.FS Dirty\r\n"
        "hyp sail fp_signal_frame because fp-dirty: fmv.d.x in VU, vsstatus.FS Dirty\n"
        "hyp sail futex because csr: a check the suite does not list\n"
        "hyp sail pipe with no reason\n"
        "linux sail mounts because fp-dirty: fmv.d.x in VU, vsstatus.FS Dirty";

static const char suite_text[] = "# fp-dirty group\n"
                                 "fp-dirty: fmv.d.x in VU, vsstatus.FS Dirty\n";

static struct target_known list;
static struct known_failures suite;

static int setup(void **state)
{
    (void)state;
    assert_int_equal(target_known_parse(list_text, &list), 0);
    assert_int_equal(known_failures_parse(suite_text, &suite), 0);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    target_known_free(&list);
    known_failures_free(&suite);
    return 0;
}

static void parses_entries(void **state)
{
    (void)state;
    assert_int_equal(list.n, 4); /* the line without "because" is not an entry */
    assert_string_equal(list.v[0].target, "hyp");
    assert_string_equal(list.v[0].platform, "sail");
    assert_string_equal(list.v[0].item, "fp_context");
    assert_string_equal(list.v[0].check, "fp-dirty: fmv.d.x in VU, vsstatus.FS Dirty");
    assert_string_equal(list.v[3].target, "linux");
    assert_string_equal(list.v[3].check, "fp-dirty: fmv.d.x in VU, vsstatus.FS Dirty");
}

static void explains_listed_items(void **state)
{
    int unexplained = -1;
    (void)state;
    const char *log = "[guest0] ok files\n"
                      "[guest0] not ok fp_context: worker 1: f0 changed across sched_yield\n"
                      "[guest0] not ok fp_signal_frame: signal frame f0 = 0\n"
                      "[guest0] not ok fp_context: reported twice, counted once\n"
                      "[hext] hext-verdict: FAIL guest0 powered off (guest: 16 passed, 2 failed)\n";
    assert_int_equal(target_known_judge(&list, &suite, "hyp", "sail", log, &unexplained), 2);
    assert_int_equal(unexplained, 0);
    /* Natively the same lines have no prefix. */
    assert_int_equal(target_known_judge(&list, &suite, "hyp", "sail",
                                        "not ok fp_context: f0 changed\n", &unexplained),
                     1);
    assert_int_equal(unexplained, 0);
}

static void leaves_others_unexplained(void **state)
{
    int unexplained = -1;
    (void)state;
    const char *log = "[guest0] not ok fp_context: f0 changed\n"
                      "[guest0] not ok pipe: short read\n";
    /* pipe: no entry; the other platform or target: not these entries. */
    assert_int_equal(target_known_judge(&list, &suite, "hyp", "sail", log, &unexplained), 2);
    assert_int_equal(unexplained, 1);
    assert_int_equal(target_known_judge(&list, &suite, "hyp", "spike", log, &unexplained), 2);
    assert_int_equal(unexplained, 2);
    assert_int_equal(target_known_judge(&list, &suite, "linux", "sail", log, &unexplained), 2);
    assert_int_equal(unexplained, 2);
    /* futex's entry names a check the suite's list does not hold: no explanation. */
    assert_int_equal(target_known_judge(&list, &suite, "hyp", "sail",
                                        "[guest0] not ok futex: hang\n", &unexplained),
                     1);
    assert_int_equal(unexplained, 1);
}

static void counts_only_item_lines(void **state)
{
    int unexplained = -1;
    (void)state;
    const char *log = "not ok\n"
                      "not ok : empty item\n"
                      "not ok item without colon\n"
                      "[guest0 not ok fp_context: unclosed prefix\n"
                      "hext-verdict: FAIL no items\n";
    assert_int_equal(target_known_judge(&list, &suite, "hyp", "sail", log, &unexplained), 0);
    assert_int_equal(unexplained, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
            cmocka_unit_test(parses_entries),
            cmocka_unit_test(explains_listed_items),
            cmocka_unit_test(leaves_others_unexplained),
            cmocka_unit_test(counts_only_item_lines),
    };
    return cmocka_run_group_tests_name("runner target_known", tests, setup, teardown);
}
