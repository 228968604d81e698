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
    assert_int_equal(a.harts, 0);
    assert_int_equal(a.n_emu_args, 0);
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

static void harts(void **state)
{
    (void)state;
    struct hext_args a;
    assert_int_equal(PARSE(&a, "run", "--harts", "4", "linux"), 0);
    assert_int_equal(a.harts, 4);
    assert_int_equal(PARSE(&a, "run", "--harts=1", "linux"), 0);
    assert_int_equal(a.harts, 1);
    assert_int_equal(PARSE(&a, "run", "linux", "--harts", "64"), 0);
    assert_int_equal(a.harts, 64);
    const char *bad[] = {"0",   "65",  "-1",  "+2", " 2",  "2 ",
                         "0x2", "2.0", "two", "",   "1e1", "99999999999999999999"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        char *argv[] = {"hext", "run", "--harts", (char *)bad[i], "linux"};
        err[0] = '\0';
        assert_int_equal(args_parse(5, argv, &a, err, sizeof(err)), -1);
        assert_non_null(strstr(err, "--harts needs a whole number from 1 to 64"));
    }
    assert_int_equal(PARSE(&a, "run", "--harts", "2", "--harts", "2", "linux"), -1);
    assert_non_null(strstr(err, "--harts given twice"));
    assert_int_equal(PARSE(&a, "run", "linux", "--harts"), -1);
    assert_non_null(strstr(err, "--harts needs a value"));
    assert_int_equal(PARSE(&a, "list", "--harts", "2"), -1);
}

static void emu_args_repeat_in_order(void **state)
{
    (void)state;
    struct hext_args a;
    /* Values that look like options (or like --help) are the emulator's, not ours. */
    assert_int_equal(PARSE(&a, "run", "--emu-arg", "-icount", "linux",
                           "--emu-arg=shift=0,sleep=off", "--emu", "qemu", "--emu-arg", "--help",
                           "--emu-arg=-d"),
                     0);
    assert_int_equal(a.command, CMD_RUN);
    assert_string_equal(a.target, "linux");
    assert_string_equal(a.emu, "qemu"); /* --emu is not a prefix match of --emu-arg */
    assert_int_equal(a.n_emu_args, 4);
    assert_string_equal(a.emu_args[0], "-icount");
    assert_string_equal(a.emu_args[1], "shift=0,sleep=off");
    assert_string_equal(a.emu_args[2], "--help");
    assert_string_equal(a.emu_args[3], "-d");
    assert_int_equal(PARSE(&a, "run", "linux", "--emu-arg"), -1);
    assert_non_null(strstr(err, "--emu-arg needs a value"));
    assert_int_equal(PARSE(&a, "run", "linux", "--emu-arg="), -1);
    assert_non_null(strstr(err, "non-empty"));
    assert_int_equal(PARSE(&a, "run", "--emu-args", "-s", "linux"), -1);
    assert_non_null(strstr(err, "unknown option '--emu-args'"));
    assert_int_equal(PARSE(&a, "list", "--emu-arg", "-s"), -1);
}

static void emu_args_limit(void **state)
{
    (void)state;
    struct hext_args a;
    char *argv[3 + 2 * (ARGS_MAX_EMU_ARGS + 1)];
    int n = 0;
    argv[n++] = "hext";
    argv[n++] = "run";
    argv[n++] = "linux";
    for (int i = 0; i < ARGS_MAX_EMU_ARGS; i++) {
        argv[n++] = "--emu-arg";
        argv[n++] = "-s";
    }
    assert_int_equal(args_parse(n, argv, &a, err, sizeof(err)), 0);
    assert_int_equal(a.n_emu_args, ARGS_MAX_EMU_ARGS);
    argv[n++] = "--emu-arg";
    argv[n++] = "-s";
    assert_int_equal(args_parse(n, argv, &a, err, sizeof(err)), -1);
    assert_non_null(strstr(err, "at most 32 --emu-arg words"));
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

static void guest_and_console_options(void **state)
{
    (void)state;
    struct hext_args a;
    assert_int_equal(PARSE(&a, "run", "hyp", "--guest", "u-boot.bin", "--guest-initrd=r.cpio",
                           "--guest-append", "", "--expect", "=> $", "--expect=GNU ld", "--fail",
                           "Unknown command", "--input", "in.txt"),
                     0);
    assert_int_equal(a.n_guests, 1);
    assert_string_equal(a.guests[0].image, "u-boot.bin");
    assert_string_equal(a.guests[0].initrd, "r.cpio");
    assert_string_equal(a.guests[0].cmdline, "");
    assert_int_equal(a.n_expect, 2);
    assert_string_equal(a.expect[0], "=> $");
    assert_string_equal(a.expect[1], "GNU ld");
    assert_int_equal(a.n_fail, 1);
    assert_string_equal(a.fail[0], "Unknown command");
    assert_string_equal(a.input, "in.txt");
    assert_false(a.interactive);
    assert_int_equal(PARSE(&a, "run", "--interactive", "hyp"), 0);
    assert_true(a.interactive);
    assert_int_equal(a.n_guests, 0);
    assert_int_equal(a.n_expect, 0);

    assert_int_equal(PARSE(&a, "run", "hyp", "--guest-initrd", "r.cpio"), -1);
    assert_string_equal(err, "--guest-initrd belongs to a --guest IMAGE given before it");
    assert_int_equal(PARSE(&a, "run", "hyp", "--guest-append", "x", "--guest", "a"), -1);
    assert_string_equal(err, "--guest-append belongs to a --guest IMAGE given before it");
    assert_int_equal(PARSE(&a, "run", "hyp", "--input", "f", "--interactive"), -1);
    assert_string_equal(err, "--input and --interactive both want the console's input");
    /* One bundle per --guest; the options after a --guest are that guest's. */
    assert_int_equal(PARSE(&a, "run", "hyp", "--guest", "a", "--guest-append", "x", "--guest", "b",
                           "--guest-initrd", "b.cpio", "--guest", "c"),
                     0);
    assert_int_equal(a.n_guests, 3);
    assert_string_equal(a.guests[0].image, "a");
    assert_string_equal(a.guests[0].cmdline, "x");
    assert_null(a.guests[0].initrd);
    assert_string_equal(a.guests[1].image, "b");
    assert_string_equal(a.guests[1].initrd, "b.cpio");
    assert_null(a.guests[1].cmdline);
    assert_string_equal(a.guests[2].image, "c");
    assert_null(a.guests[2].initrd);
    assert_int_equal(
            PARSE(&a, "run", "hyp", "--guest", "a", "--guest-initrd", "1", "--guest-initrd", "2"),
            -1);
    assert_string_equal(err, "--guest-initrd given twice for guest 0 (--guest a)");
    assert_int_equal(PARSE(&a, "run", "hyp", "--guest", "a", "--guest", "b", "--guest", "c",
                           "--guest", "d", "--guest", "e"),
                     -1);
    assert_string_equal(err, "at most 4 --guest images (the hypervisor runs 4 guests)");
    assert_int_equal(PARSE(&a, "run", "hyp", "--guest="), -1);
    assert_int_equal(PARSE(&a, "run", "hyp", "--interactive=yes"), -1);
    assert_int_equal(PARSE(&a, "run", "hyp", "--fail", "1", "--fail", "2", "--fail", "3", "--fail",
                           "4", "--fail", "5", "--fail", "6", "--fail", "7", "--fail", "8",
                           "--fail", "9"),
                     -1);
    assert_string_equal(err, "at most 8 --fail patterns");
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

static void matrix_options(void **state)
{
    (void)state;
    struct hext_args a;
    assert_int_equal(PARSE(&a, "matrix", "--emu", "qemu,spike", "--target=suite", "--jobs", "3",
                           "--baseline", "old.json", "--fail-on", "regressions", "--json", "j",
                           "--junit", "x", "--markdown", "m", "--rows", "r.txt", "--logs", "l",
                           "--count", "--timeout", "9", "--images", "i"),
                     0);
    assert_int_equal(a.command, CMD_MATRIX);
    assert_string_equal(a.emus, "qemu,spike");
    assert_null(a.emu);
    assert_string_equal(a.targets, "suite");
    assert_int_equal(a.jobs, 3);
    assert_string_equal(a.baseline, "old.json");
    assert_int_equal(a.fail_on, FAIL_ON_REGRESSIONS);
    assert_string_equal(a.json, "j");
    assert_string_equal(a.junit, "x");
    assert_string_equal(a.markdown, "m");
    assert_string_equal(a.rows, "r.txt");
    assert_string_equal(a.logs, "l");
    assert_true(a.count && a.timeout_s == 9);
    assert_string_equal(a.images, "i");
    assert_int_equal(PARSE(&a, "matrix"), 0);
    assert_int_equal(a.fail_on, FAIL_ON_ANY);
    assert_int_equal(a.jobs, 0);
}

static void matrix_mistakes(void **state)
{
    (void)state;
    struct hext_args a;
    assert_int_equal(PARSE(&a, "matrix", "--jobs", "0"), -1);
    assert_string_equal(err, "--jobs needs a whole number from 1 to 256, not '0'");
    assert_int_equal(PARSE(&a, "matrix", "--fail-on", "some"), -1);
    assert_string_equal(err, "--fail-on takes 'any' or 'regressions', not 'some'");
    assert_int_equal(PARSE(&a, "matrix", "suite"), -1);
    assert_string_equal(err, "unexpected argument 'suite'");
    assert_int_equal(PARSE(&a, "matrix", "--platform", "sail"), -1);
    assert_string_equal(err, "unknown option '--platform' for 'hext matrix' (try 'hext --help')");
    assert_int_equal(PARSE(&a, "run", "--jobs", "2", "linux"), -1);
    assert_string_equal(err, "unknown option '--jobs' for 'hext run' (try 'hext --help')");
    assert_int_equal(PARSE(&a, "emulators", "qemu"), 0);
    assert_int_equal(a.command, CMD_EMULATORS);
    assert_string_equal(a.target, "qemu");
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
            cmocka_unit_test(harts),
            cmocka_unit_test(emu_args_repeat_in_order),
            cmocka_unit_test(emu_args_limit),
            cmocka_unit_test(target_rules),
            cmocka_unit_test(guest_and_console_options),
            cmocka_unit_test(commands),
            cmocka_unit_test(matrix_options),
            cmocka_unit_test(matrix_mistakes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
