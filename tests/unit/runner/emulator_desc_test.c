/* Emulator description parsing (platforms/emulators/README.md): a good file gives the data the
 * runner uses; every kind of bad file is one error naming file:line. Also what is read from an
 * emulator's output: flavour from its help text, version, instruction count. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "emulators.h"

static const char good[] = "# a comment\n"
                           "name   bochs\n"
                           "binary BOCHS bochs-riscv\n"
                           "version-probe --version ^Bochs ([0-9.]+)\n"
                           "platforms bochs sail\n"
                           "timeout 90\n"
                           "grace 2.5\n"
                           "help-probe --help\n"
                           "flavour-var BOCHS_FLAVOUR\n"
                           "platform-console HTIF\n"
                           "instructions line ^insns: ([0-9]+)\n"
                           "\n"
                           "flavour old\n"
                           "detect --riscv-old\n"
                           "fixed --riscv --quiet\n"
                           "key ram_mb --mem=%sM\n"
                           "key firmware %s\n"
                           "flavour new\n"
                           "detect    --config\n"
                           "note   H is a stub here\n"
                           "needs BOCHS_CONFIG --config %s\n"
                           "needs-hint a configuration file\n"
                           "firmware-is-program\n"
                           "key firmware %s\n"
                           "count-args -c\n"
                           "initrd-loading ram-top 0x1000\n";

static void parses_good(void **state)
{
    (void)state;
    struct emulator e;
    char err[256];
    assert_int_equal(emulator_parse(good, "bochs.emu", &e, err, sizeof(err)), 0);
    assert_string_equal(e.name, "bochs");
    assert_string_equal(e.program_var, "BOCHS");
    assert_string_equal(e.default_program, "bochs-riscv");
    assert_string_equal(e.platforms[0], "bochs");
    assert_string_equal(e.platforms[1], "sail");
    assert_true(e.timeout_s == 90 && e.grace_s == 2.5);
    assert_int_equal(e.n_flavours, 2);
    assert_string_equal(e.flavours[0].fixed[1], "--quiet");
    assert_int_equal(e.flavours[0].n_flags, 2);
    assert_int_equal(e.flavours[0].flags[0].key, KEY_RAM_MB);
    assert_string_equal(e.flavours[0].flags[0].words[0], "--mem=%sM");
    assert_null(e.flavours[0].env);
    assert_string_equal(e.flavours[1].env->var, "BOCHS_CONFIG");
    assert_string_equal(e.flavours[1].env->hint, "a configuration file");
    assert_string_equal(e.flavours[1].note, "H is a stub here");
    assert_true(e.flavours[1].firmware_is_program);
    assert_string_equal(e.file, "bochs.emu");
    assert_string_equal(e.platform_console, "HTIF");
    assert_string_equal(e.flavours[1].count_args[0], "-c");
    assert_null(e.flavours[0].count_args[0]);
    assert_int_equal(e.initrd, INITRD_RAM_TOP);
    assert_int_equal(e.initrd_gap, 4096);
    emulator_free(&e);
}

static void reads_emulator_output(void **state)
{
    (void)state;
    struct emulator e;
    char err[256], v[64];
    assert_int_equal(emulator_parse(good, "bochs.emu", &e, err, sizeof(err)), 0);
    assert_string_equal(emulator_detect_flavour(&e, "usage:\n--config FILE\n")->name, "new");
    assert_string_equal(emulator_detect_flavour(&e, "  --riscv-old\n  --config\n")->name, "old");
    assert_string_equal(emulator_detect_flavour(&e, "nothing known")->name, "old");
    assert_string_equal(emulator_detect_flavour(&e, NULL)->name, "old");
    emulator_version(&e, NULL, NULL, "/opt/bochs", "banner\nBochs 2.8.1 (c)\n", v, sizeof(v));
    assert_string_equal(v, "2.8.1");
    emulator_version(&e, NULL, NULL, "/opt/bochs", "no version here\n", v, sizeof(v));
    assert_string_equal(v, "");
    /* The last matching line counts; '^' only at line starts. */
    assert_int_equal(emulator_instructions(&e, "insns: 5\nx insns: 9\ninsns: 1234\nend\n", NULL),
                     1234);
    assert_int_equal(emulator_instructions(&e, "nothing\n", "0.5"), -1);
    e.instr = INSTR_GUEST_CLOCK;
    assert_int_equal(emulator_instructions(&e, "", "0.056123"), 56123000);
    assert_int_equal(emulator_instructions(&e, "", NULL), -1);
    e.version_from_name = 1;
    emulator_version(&e, NULL, NULL, "/opt/sail/riscv_sim_RV64", NULL, v, sizeof(v));
    assert_string_equal(v, "riscv_sim_RV64");
    /* The variable when set (and described), else the probe, else the flavour's version. */
    e.version_from_name = 0;
    struct emu_flavour with = {.name = "2024", .version = "2024-hext"};
    emulator_version(&e, &with, "mine", "/opt/x", "Bochs 2.8.1\n", v, sizeof(v));
    assert_string_equal(v, "2.8.1"); /* no version-var in this description */
    e.version_var = "SAIL_VERSION";
    emulator_version(&e, &with, "mine", "/opt/x", "Bochs 2.8.1\n", v, sizeof(v));
    assert_string_equal(v, "mine");
    emulator_version(&e, &with, "", "/opt/x", "Bochs 2.8.1\n", v, sizeof(v));
    assert_string_equal(v, "2.8.1");
    emulator_version(&e, &with, NULL, "/opt/x", "usage: no version\n", v, sizeof(v));
    assert_string_equal(v, "2024-hext");
    emulator_version(&e, NULL, NULL, "/opt/x", "usage: no version\n", v, sizeof(v));
    assert_string_equal(v, "");
    emulator_free(&e);
}

/* Replaces line `line` (1-based) of the good file with `text` and expects `want` in the error. */
static void expect_error(int line, const char *text, const char *want)
{
    char buf[4096] = "", err[256];
    const char *s = good;
    for (int n = 1; *s; n++) {
        const char *nl = strchr(s, '\n');
        if (n == line)
            snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), "%s\n", text);
        else
            snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), "%.*s\n", (int)(nl - s), s);
        s = nl + 1;
    }
    struct emulator e;
    assert_int_equal(emulator_parse(buf, "bad.emu", &e, err, sizeof(err)), -1);
    if (!strstr(err, want))
        fail_msg("expected '%s' in '%s'", want, err);
    assert_null(strchr(err, '\n'));
    assert_null(e.text);
}

static void bad_files_name_file_and_line(void **state)
{
    (void)state;
    expect_error(2, "nmae bochs", "bad.emu:2: unknown keyword 'nmae'");
    expect_error(6, "timeout soon", "bad.emu:6: 'soon' is not a number of seconds");
    expect_error(6, "timeout -1", "bad.emu:6: '-1' is not a number");
    expect_error(4, "version-probe --version ^Bochs [0-9.]+",
                 "bad.emu:4: '^Bochs [0-9.]+' needs a (group)");
    expect_error(11, "instructions line ([0-9]+", "bad.emu:11: not an extended regular expression");
    expect_error(11, "instructions sometimes", "bad.emu:11: 'instructions' is 'guest-clock'");
    expect_error(10, "key ram_mb -m %s", "bad.emu:10: 'key' belongs to a flavour");
    expect_error(10, "count-args -p", "bad.emu:10: 'count-args' belongs to a flavour");
    expect_error(16, "key ramsize --mem=%sM", "bad.emu:16: unknown manifest key 'ramsize'");
    expect_error(16, "key firmware %s", "bad.emu:17: key 'firmware' given twice");
    expect_error(18, "flavour old", "bad.emu:18: flavour 'old' given twice");
    expect_error(22, "# no hint", "bad.emu: flavour 'new' has 'needs' without 'needs-hint'");
    expect_error(2, "# no name", "bad.emu: no 'name' line");
    expect_error(24, "# no firmware", "bad.emu: flavour 'new' has no 'key firmware' line");
    expect_error(23, "firmware-is-program yes", "bad.emu:23: 'firmware-is-program' takes no value");
    expect_error(3, "binary BOCHS", "bad.emu:3: 'binary' takes a variable and a default program");
    expect_error(26, "initrd-loading somewhere", "bad.emu:26: 'initrd-loading' is 'named'");
    expect_error(26, "initrd-loading ram-top", "bad.emu:26: 'initrd-loading' is 'named'");
    expect_error(26, "initrd-loading elf-only -4", "bad.emu:26: 'initrd-loading' is 'named'");
    expect_error(26, "initrd-loading named 4096", "bad.emu:26: 'initrd-loading' is 'named'");
}

static void loads_directory(void **state)
{
    (void)state;
    char err[512];
    /* The real descriptions load; a directory without any is an error naming it. */
    assert_int_equal(emulators_load("platforms/emulators", err, sizeof(err)), 0);
    assert_non_null(emulator_find("qemu"));
    assert_string_equal(emulator_find("sail")->flavours[1].name, "json");
    assert_non_null(emulator_find("sail")->flavours[1].note); /* its H is a stub: said so */
    assert_int_equal(emulators_load("tests/unit/runner", err, sizeof(err)), -1);
    assert_non_null(strstr(err, "no emulator descriptions (*.emu) in tests/unit/runner"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
            cmocka_unit_test(parses_good),
            cmocka_unit_test(reads_emulator_output),
            cmocka_unit_test(bad_files_name_file_and_line),
            cmocka_unit_test(loads_directory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
