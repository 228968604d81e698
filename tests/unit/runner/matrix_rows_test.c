/* The target list as the matrix reads it: the same columns tests/targets.sh reads, labels that
 * name the configuration, log names, and errors naming file:line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "matrix_rows.h"

static const char *own(const char *emu)
{
    return strcmp(emu, "spike") == 0 ? "spike" : strcmp(emu, "qemu") == 0 ? "qemu" : NULL;
}

static void parses_rows(void **state)
{
    (void)state;
    const char text[] =
            "# comment\n"
            "\n"
            "linux   qemu   qemu\n"
            "linux   spike  sail\n"
            "hyp qemu qemu --harts=1 hext.timer=sbi --emu-arg=-d  hext.mmio=hlvx ; timer: sbi \n"
            "suite qemu qemu ;\n";
    struct matrix_rows r;
    char err[256];
    assert_int_equal(matrix_rows_parse(text, "t.txt", own, &r, err, sizeof(err)), 0);
    assert_int_equal(r.n, 4);
    assert_int_equal(r.rows[0].line, 3);
    assert_string_equal(r.rows[0].label, "linux");
    assert_string_equal(r.rows[0].config, "");
    assert_string_equal(r.rows[1].label, "linux platform=sail");
    const struct matrix_row *h = &r.rows[2];
    assert_int_equal(h->n_options, 2);
    assert_string_equal(h->options[0], "--harts=1");
    assert_string_equal(h->options[1], "--emu-arg=-d");
    assert_string_equal(h->switches, "hext.timer=sbi hext.mmio=hlvx");
    assert_string_equal(h->pattern, "timer: sbi");
    assert_string_equal(h->config, "--harts=1 hext.timer=sbi --emu-arg=-d hext.mmio=hlvx");
    assert_string_equal(r.rows[3].pattern, "");
    char name[256];
    matrix_log_name(h, name, sizeof(name));
    assert_string_equal(name, "hyp-qemu---harts_1_hext.timer_sbi_--emu-arg_-d_hext.mmio_hlvx.log");
    matrix_log_name(&r.rows[0], name, sizeof(name));
    assert_string_equal(name, "linux-qemu-default.log");
    matrix_rows_free(&r);
}

static void bad_row_names_line(void **state)
{
    (void)state;
    struct matrix_rows r;
    char err[256];
    assert_int_equal(matrix_rows_parse("linux qemu qemu\n# x\nhyp qemu\n", "t.txt", own, &r, err,
                                       sizeof(err)),
                     -1);
    assert_string_equal(err, "t.txt:3: expected 'target emulator platform [switches] [; pattern]'");
    assert_null(r.rows);
}

static void real_target_list_parses(void **state)
{
    (void)state;
    FILE *f = fopen("tests/targets.txt", "r");
    assert_non_null(f);
    static char text[65536];
    text[fread(text, 1, sizeof(text) - 1, f)] = '\0';
    fclose(f);
    struct matrix_rows r;
    char err[256];
    assert_int_equal(matrix_rows_parse(text, "tests/targets.txt", own, &r, err, sizeof(err)), 0);
    assert_true(r.n >= 4);
    /* Every cell has its own log: no two rows on one emulator share a label. */
    for (size_t i = 0; i < r.n; i++) {
        for (size_t j = i + 1; j < r.n; j++)
            assert_false(strcmp(r.rows[i].label, r.rows[j].label) == 0 &&
                         strcmp(r.rows[i].emu, r.rows[j].emu) == 0);
    }
    matrix_rows_free(&r);
}

static void lists(void **state)
{
    (void)state;
    assert_true(name_listed(NULL, "hyp"));
    assert_true(name_listed("linux,hyp", "hyp"));
    assert_false(name_listed("linux,hyp", "hy"));
    assert_false(name_listed("hyp-selftest", "hyp"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
            cmocka_unit_test(parses_rows),
            cmocka_unit_test(bad_row_names_line),
            cmocka_unit_test(real_target_list_parses),
            cmocka_unit_test(lists),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
