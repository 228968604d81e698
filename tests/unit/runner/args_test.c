/* hext argument parsing: every option, both spellings, and each way to get it wrong. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <string.h>

#include "args.h"

static char err[256];

#define PARSE(out, ...)                                                                            \
    ({                                                                                             \
        char *argv_[] = {"hext", __VA_ARGS__};                                                     \
        err[0] = '\0';                                                                             \
        args_parse((int)(sizeof(argv_) / sizeof(argv_[0])), argv_, (out), err, sizeof(err));       \
    })

static void every_option(void **state)
{
    (void)state;
    struct hext_args a;
    assert_int_equal(PARSE(&a, "run", "--emu", "spike", "--platform", "sail", "--timeout", "2.5",
                           "--log", "out.log", "--quiet", "--append", "no4lvl", "--images", "imgs",
                           "hyp"),
                     0);
    assert_int_equal(a.command, CMD_RUN);
    assert_string_equal(a.emu, "spike");
    assert_string_equal(a.platform, "sail");
    assert_true(a.timeout_s == 2.5);
    assert_string_equal(a.log_path, "out.log");
    assert_true(a.quiet);
    assert_string_equal(a.append, "no4lvl");
    assert_string_equal(a.images, "imgs");
    assert_string_equal(a.target, "hyp");
}

static void defaults(void **state)
{
    (void)state;
    struct hext_args a;
    assert_int_equal(PARSE(&a, "run", "linux"), 0);
    assert_null(a.emu);
    assert_null(a.platform);
    assert_true(a.timeout_s == 0);
    assert_null(a.log_path);
    assert_false(a.quiet);
    assert_null(a.append);
    assert_null(a.images);
    assert_string_equal(a.target, "linux");
}

static void equals_form_and_target_first(void **state)
{
    (void)state;
    struct hext_args a;
    assert_int_equal(PARSE(&a, "run", "suite", "--emu=sail", "--timeout=7", "--append=a b=c"), 0);
    assert_string_equal(a.target, "suite");
    assert_string_equal(a.emu, "sail");
    assert_true(a.timeout_s == 7);
    assert_string_equal(a.append, "a b=c");
}

static void double_dash_ends_options(void **state)
{
    (void)state;
    struct hext_args a;
    assert_int_equal(PARSE(&a, "run", "--", "-odd.conf"), 0);
    assert_string_equal(a.target, "-odd.conf");
}

static void unknown_option(void **state)
{
    (void)state;
    struct hext_args a;
    assert_int_equal(PARSE(&a, "run", "--fast", "linux"), -1);
    assert_non_null(strstr(err, "unknown option '--fast'"));
    /* A prefix of a real option is not that option. */
    assert_int_equal(PARSE(&a, "run", "--em", "qemu", "linux"), -1);
    assert_int_equal(PARSE(&a, "run", "--emulator=qemu", "linux"), -1);
}

static void missing_value(void **state)
{
    (void)state;
    struct hext_args a;
    assert_int_equal(PARSE(&a, "run", "linux", "--timeout"), -1);
    assert_non_null(strstr(err, "--timeout needs a value"));
    assert_int_equal(PARSE(&a, "run", "linux", "--emu="), -1);
    assert_non_null(strstr(err, "non-empty"));
}

static void bad_number(void **state)
{
    (void)state;
    struct hext_args a;
    const char *bad[] = {"abc", "5s", "0", "-3", "", "nan", "inf", "1e9"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        char *argv[] = {"hext", "run", "--timeout", (char *)bad[i], "linux"};
        assert_int_equal(args_parse(5, argv, &a, err, sizeof(err)), -1);
        assert_non_null(strstr(err, "--timeout needs a positive number"));
    }
}

static void flag_with_value_and_repeats(void **state)
{
    (void)state;
    struct hext_args a;
    assert_int_equal(PARSE(&a, "run", "--quiet=yes", "linux"), -1);
    assert_non_null(strstr(err, "takes no value"));
    assert_int_equal(PARSE(&a, "run", "--emu", "qemu", "--emu", "spike", "linux"), -1);
    assert_non_null(strstr(err, "given twice"));
}

static void target_rules(void **state)
{
    (void)state;
    struct hext_args a;
    assert_int_equal(PARSE(&a, "run"), -1);
    assert_non_null(strstr(err, "needs a TARGET"));
    assert_int_equal(PARSE(&a, "run", "linux", "hyp"), -1);
    assert_non_null(strstr(err, "unexpected argument 'hyp'"));
}

static void commands(void **state)
{
    (void)state;
    struct hext_args a;
    assert_int_equal(PARSE(&a, "--help"), 0);
    assert_int_equal(a.command, CMD_HELP);
    assert_int_equal(PARSE(&a, "help"), 0);
    assert_int_equal(a.command, CMD_HELP);
    assert_int_equal(PARSE(&a, "run", "linux", "--help"), 0);
    assert_int_equal(a.command, CMD_HELP);
    assert_int_equal(PARSE(&a, "list", "--images", "x"), 0);
    assert_int_equal(a.command, CMD_LIST);
    assert_string_equal(a.images, "x");
    assert_int_equal(PARSE(&a, "list", "--emu", "qemu"), -1);
    assert_int_equal(PARSE(&a, "list", "linux"), -1);
    assert_int_equal(PARSE(&a, "launch", "linux"), -1);
    assert_non_null(strstr(err, "unknown command 'launch'"));
    char *argv[] = {"hext"};
    assert_int_equal(args_parse(1, argv, &a, err, sizeof(err)), -1);
    assert_int_equal(a.command, CMD_NONE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
            cmocka_unit_test(every_option),
            cmocka_unit_test(defaults),
            cmocka_unit_test(equals_form_and_target_first),
            cmocka_unit_test(double_dash_ends_options),
            cmocka_unit_test(unknown_option),
            cmocka_unit_test(missing_value),
            cmocka_unit_test(bad_number),
            cmocka_unit_test(flag_with_value_and_repeats),
            cmocka_unit_test(target_rules),
            cmocka_unit_test(commands),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
