/* Emulator descriptions: each allowed emulator/platform pair builds the documented command line
 * (runner/README.md), and forbidden pairs and unpassable keys are refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emulators.h"

static char err[512];
static const char *sail_config;

/* The descriptions under test are the real ones, platforms/emulators/ (runner/README.md). */
static int load(void **state)
{
    (void)state;
    if (emulators_load(emulators_dir(), err, sizeof(err))) {
        fprintf(stderr, "%s\n", err);
        return -1;
    }
    return 0;
}

static char *fake_env(const char *var)
{
    return strcmp(var, "SAIL_CONFIG") == 0 ? (char *)sail_config : NULL;
}

static void expect_argv(const struct command *c, const char *const *want)
{
    int n = 0;
    while (want[n])
        n++;
    for (int i = 0; i < n && i < c->argc; i++) {
        if (strcmp(c->argv[i], want[i]) != 0)
            fail_msg("word %d: expected '%s', got '%s'", i, want[i], c->argv[i]);
    }
    assert_int_equal(c->argc, n);
    assert_null(c->argv[c->argc]);
}

static int build_over(const char *emu, const char *flavour, const char *const *value,
                      const struct emu_overrides *over, struct command *c)
{
    const struct emulator *e = emulator_find(emu);
    assert_non_null(e);
    const struct emu_flavour *f = emulator_flavour(e, flavour);
    assert_non_null(f);
    return emulator_build(e, f, "/bin/emu", value, over, fake_env, c, err, sizeof(err));
}

static int build(const char *emu, const char *flavour, const char *const *value, struct command *c)
{
    return build_over(emu, flavour, value, NULL, c);
}

static void qemu_qemu(void **state)
{
    (void)state;
    const char *v[KEY_COUNT] = {[KEY_FIRMWARE] = "fw.bin", [KEY_KERNEL] = "Image",
                                [KEY_INITRD] = "i.cpio",   [KEY_APPEND] = "console=ttyS0 quiet",
                                [KEY_RAM_MB] = "256",      [KEY_HARTS] = "2"};
    const char *want[] = {"/bin/emu",
                          "-M",
                          "virt",
                          "-cpu",
                          "rv64,h=true,sstc=true",
                          "-nographic",
                          "-no-reboot",
                          "-monitor",
                          "none",
                          "-serial",
                          "stdio",
                          "-smp",
                          "2",
                          "-m",
                          "256M",
                          "-bios",
                          "fw.bin",
                          "-kernel",
                          "Image",
                          "-initrd",
                          "i.cpio",
                          "-append",
                          "console=ttyS0 quiet",
                          NULL};
    struct command c;
    assert_int_equal(build("qemu", NULL, v, &c), 0);
    expect_argv(&c, want);
    command_free(&c);
}

static void spike_spike(void **state)
{
    (void)state;
    const char *v[KEY_COUNT] = {
            [KEY_FIRMWARE] = "fw_jump.elf", [KEY_KERNEL] = "Image", [KEY_INITRD] = "i.cpio",
            [KEY_APPEND] = "earlycon=sbi",  [KEY_RAM_MB] = "256",   [KEY_HARTS] = "1"};
    const char *want[] = {"/bin/emu",
                          "--isa=rv64gch_zicntr_zihpm_sstc",
                          "-p1",
                          "-m256",
                          "--kernel=Image",
                          "--initrd=i.cpio",
                          "--bootargs=earlycon=sbi",
                          "fw_jump.elf",
                          NULL};
    struct command c;
    assert_int_equal(build("spike", NULL, v, &c), 0);
    expect_argv(&c, want);
    command_free(&c);
}

static void spike_sail(void **state)
{
    (void)state;
    const char *v[KEY_COUNT] = {[KEY_FIRMWARE] = "fw_jump.elf",
                                [KEY_KERNEL] = "Image",
                                [KEY_DTB] = "sail.dtb",
                                [KEY_RAM_MB] = "256",
                                [KEY_HARTS] = "1"};
    const char *want[] = {"/bin/emu",
                          "--isa=rv64gch_zicntr_zihpm_sstc",
                          "-p1",
                          "-m256",
                          "--dtb=sail.dtb",
                          "--kernel=Image",
                          "fw_jump.elf",
                          NULL};
    struct command c;
    assert_true(emulator_allows_platform(emulator_find("spike"), "sail"));
    assert_int_equal(build("spike", NULL, v, &c), 0);
    expect_argv(&c, want);
    command_free(&c);
}

static void sail_2024(void **state)
{
    (void)state;
    const char *v[KEY_COUNT] = {[KEY_FIRMWARE] = "fw.elf",
                                [KEY_KERNEL] = "payload.elf",
                                [KEY_DTB] = "sail.dtb",
                                [KEY_RAM_MB] = "256",
                                [KEY_HARTS] = "1"};
    const char *want[] = {
            "/bin/emu",           "--enable-hext", "--no-trace=all", "--ram-size",  "256",
            "--device-tree-blob", "sail.dtb",      "fw.elf",         "payload.elf", NULL};
    struct command c;
    assert_int_equal(build("sail", NULL, v, &c), 0); /* 2024 is the default flavour */
    expect_argv(&c, want);
    command_free(&c);
    assert_int_equal(build("sail", "2024", v, &c), 0);
    expect_argv(&c, want);
    command_free(&c);
    /* The end of a 2024 model's -p run, as it prints it. */
    assert_int_equal(emulator_instructions(emulator_find("sail"),
                                           "SUCCESS\nExecution:        578888 msecs\n"
                                           "Instructions:     64521772\n"
                                           "Perf:             111.458 Kips\n",
                                           NULL),
                     64521772);
}

static void sail_json(void **state)
{
    (void)state;
    const char *v[KEY_COUNT] = {[KEY_FIRMWARE] = "fw.elf",
                                [KEY_INITRD] = "i.cpio",
                                [KEY_DTB] = "sail.dtb",
                                [KEY_RAM_MB] = "256",
                                [KEY_HARTS] = "1"};
    const char *want[] = {"/bin/emu", "--config",    "h.json", "--device-tree-blob",
                          "sail.dtb", "--initramfs", "i.cpio", "fw.elf",
                          NULL};
    struct command c;
    sail_config = "h.json";
    assert_int_equal(build("sail", "json", v, &c), 0);
    expect_argv(&c, want);
    command_free(&c);
    sail_config = NULL;
    assert_int_equal(build("sail", "json", v, &c), -1);
    assert_non_null(strstr(err, "needs SAIL_CONFIG="));
}

static void unpassable_keys(void **state)
{
    (void)state;
    struct command c;
    const char *append[KEY_COUNT] = {[KEY_FIRMWARE] = "fw.elf",
                                     [KEY_APPEND] = "no4lvl",
                                     [KEY_RAM_MB] = "256",
                                     [KEY_HARTS] = "1"};
    assert_int_equal(build("sail", "2024", append, &c), -1);
    assert_non_null(strstr(err, "cannot take 'append = no4lvl'"));
    const char *harts[KEY_COUNT] = {
            [KEY_FIRMWARE] = "fw.elf", [KEY_RAM_MB] = "256", [KEY_HARTS] = "2"};
    assert_int_equal(build("sail", "2024", harts, &c), -1);
    assert_non_null(strstr(err, "cannot take 'harts = 2'"));
    const char *ram[KEY_COUNT] = {
            [KEY_FIRMWARE] = "fw.elf", [KEY_RAM_MB] = "512", [KEY_HARTS] = "1"};
    sail_config = "h.json";
    assert_int_equal(build("sail", "json", ram, &c), -1);
    assert_non_null(strstr(err, "cannot take 'ram_mb = 512'"));
    sail_config = NULL;
    const char *initrd[KEY_COUNT] = {[KEY_FIRMWARE] = "fw.elf", [KEY_INITRD] = "i.cpio"};
    assert_int_equal(build("sail", "2024", initrd, &c), -1);
}

static const char *const extra_words[] = {"-icount", "shift=0,sleep=off"};
static const struct emu_overrides four_harts_and_words = {
        .harts = 4, .words = extra_words, .n_words = 2};

static void qemu_overrides_at_end(void **state)
{
    (void)state;
    const char *v[KEY_COUNT] = {[KEY_FIRMWARE] = "fw.bin",
                                [KEY_KERNEL] = "Image",
                                [KEY_RAM_MB] = "256",
                                [KEY_HARTS] = "1"};
    const char *want[] = {"/bin/emu",
                          "-M",
                          "virt",
                          "-cpu",
                          "rv64,h=true,sstc=true",
                          "-nographic",
                          "-no-reboot",
                          "-monitor",
                          "none",
                          "-serial",
                          "stdio",
                          "-smp",
                          "4",
                          "-m",
                          "256M",
                          "-bios",
                          "fw.bin",
                          "-kernel",
                          "Image",
                          "-icount",
                          "shift=0,sleep=off",
                          NULL};
    struct command c;
    assert_int_equal(build_over("qemu", NULL, v, &four_harts_and_words, &c), 0);
    expect_argv(&c, want);
    command_free(&c);
}

/* Spike takes words after its program (the firmware) as the target's arguments. */
static void spike_overrides_before_program(void **state)
{
    (void)state;
    const char *v[KEY_COUNT] = {[KEY_FIRMWARE] = "fw_jump.elf",
                                [KEY_KERNEL] = "Image",
                                [KEY_DTB] = "sail.dtb",
                                [KEY_RAM_MB] = "256",
                                [KEY_HARTS] = "2"};
    const char *want[] = {"/bin/emu",
                          "--isa=rv64gch_zicntr_zihpm_sstc",
                          "-p4",
                          "-m256",
                          "--dtb=sail.dtb",
                          "--kernel=Image",
                          "-icount",
                          "shift=0,sleep=off",
                          "fw_jump.elf",
                          NULL};
    struct command c;
    assert_int_equal(build_over("spike", NULL, v, &four_harts_and_words, &c), 0);
    expect_argv(&c, want);
    command_free(&c);
}

/* Sail runs the first ELF and loads the rest; the words must precede both. */
static void sail_overrides_before_program(void **state)
{
    (void)state;
    static const char *const words[] = {"--trace=instr"};
    const struct emu_overrides one = {.harts = 1, .words = words, .n_words = 1};
    const char *v[KEY_COUNT] = {[KEY_FIRMWARE] = "fw.elf",
                                [KEY_KERNEL] = "payload.elf",
                                [KEY_DTB] = "sail.dtb",
                                [KEY_RAM_MB] = "256",
                                [KEY_HARTS] = "1"};
    const char *want_2024[] = {"/bin/emu",
                               "--enable-hext",
                               "--no-trace=all",
                               "--ram-size",
                               "256",
                               "--device-tree-blob",
                               "sail.dtb",
                               "--trace=instr",
                               "fw.elf",
                               "payload.elf",
                               NULL};
    struct command c;
    assert_int_equal(build_over("sail", "2024", v, &one, &c), 0);
    expect_argv(&c, want_2024);
    command_free(&c);
    const char *want_json[] = {"/bin/emu", "--config",      "h.json", "--device-tree-blob",
                               "sail.dtb", "--trace=instr", "fw.elf", "payload.elf",
                               NULL};
    sail_config = "h.json";
    assert_int_equal(build_over("sail", "json", v, &one, &c), 0);
    expect_argv(&c, want_json);
    command_free(&c);
    sail_config = NULL;
}

static void harts_override(void **state)
{
    (void)state;
    const char *v[KEY_COUNT] = {[KEY_FIRMWARE] = "fw.elf", [KEY_RAM_MB] = "256", [KEY_HARTS] = "2"};
    const struct emu_overrides one = {.harts = 1}, two = {.harts = 2}, none = {0};
    struct command c;
    /* The override wins over the manifest both ways: 2 -> 1 and 1 -> 2. */
    assert_int_equal(build_over("qemu", NULL, v, &one, &c), 0);
    assert_string_equal(c.argv[11], "-smp");
    assert_string_equal(c.argv[12], "1");
    command_free(&c);
    assert_int_equal(build_over("spike", NULL, v, &none, &c), 0);
    assert_string_equal(c.argv[2], "-p2");
    command_free(&c);
    /* Sail has one hart: --harts 1 undoes a manifest's 2, anything else is refused. */
    assert_int_equal(build_over("sail", "2024", v, &one, &c), 0);
    command_free(&c);
    const char *v1[KEY_COUNT] = {
            [KEY_FIRMWARE] = "fw.elf", [KEY_RAM_MB] = "256", [KEY_HARTS] = "1"};
    assert_int_equal(build_over("sail", "2024", v1, &two, &c), -1);
    assert_non_null(strstr(err, "sail (2024) cannot take '--harts 2'"));
    assert_int_equal(c.argc, 0);
}

static void override_words_verbatim_and_bounded(void **state)
{
    (void)state;
    const char *v[KEY_COUNT] = {[KEY_FIRMWARE] = "fw.bin"};
    /* '%s' is the table's placeholder, not the user's; an empty array adds nothing. */
    static const char *const odd[] = {"-append", "a %s b", ""};
    const struct emu_overrides o = {.words = odd, .n_words = 3};
    struct command c;
    assert_int_equal(build_over("qemu", NULL, v, &o, &c), 0);
    assert_string_equal(c.argv[c.argc - 3], "-append");
    assert_string_equal(c.argv[c.argc - 2], "a %s b");
    assert_string_equal(c.argv[c.argc - 1], "");
    command_free(&c);
    static const char *many[EMU_MAX_ARGS];
    for (int i = 0; i < EMU_MAX_ARGS; i++)
        many[i] = "-s";
    const struct emu_overrides too_many = {.words = many, .n_words = EMU_MAX_ARGS};
    assert_int_equal(build_over("qemu", NULL, v, &too_many, &c), -1);
    assert_non_null(strstr(err, "longer than"));
    assert_int_equal(c.argc, 0);
}

static void pairs(void **state)
{
    (void)state;
    static const char *const names[] = {"qemu", "spike", "sail"};
    /* COMMON.md: allowed pairs are exactly qemu/qemu, spike/spike, spike/sail, sail/sail. */
    static const int allowed[3][3] = {{1, 0, 0}, {0, 1, 1}, {0, 0, 1}};
    for (int e = 0; e < 3; e++) {
        const struct emulator *emu = emulator_find(names[e]);
        assert_non_null(emu);
        assert_string_equal(emu->platforms[0], names[e]); /* own platform is the default */
        for (int p = 0; p < 3; p++)
            assert_int_equal(emulator_allows_platform(emu, names[p]), allowed[e][p]);
        assert_false(emulator_allows_platform(emu, "virt"));
    }
    assert_null(emulator_find("bochs"));
    assert_null(emulator_flavour(emulator_find("sail"), "2019"));
    assert_string_equal(emulator_names(), "qemu, sail, spike"); /* description files, sorted */
}

static void program_and_defaults(void **state)
{
    (void)state;
    const struct emulator *q = emulator_find("qemu"), *s = emulator_find("spike"),
                          *l = emulator_find("sail");
    assert_string_equal(q->program_var, "QEMU");
    assert_string_equal(q->default_program, "qemu-system-riscv64");
    assert_string_equal(s->program_var, "SPIKE");
    assert_string_equal(s->default_program, "spike");
    assert_string_equal(l->program_var, "SAIL");
    assert_string_equal(l->default_program, "sail_riscv_sim");
    assert_true(q->timeout_s == 120 && s->timeout_s == 300 && l->timeout_s == 1800);
}

static void command_line_for_a_shell(void **state)
{
    (void)state;
    char *words[] = {"/bin/qemu", "-append", "console=ttyS0 earlycon", "it's", "", "-m", "256M"};
    struct command c = {.argc = 7};
    char line[256];
    for (int i = 0; i < 7; i++)
        c.argv[i] = words[i];
    command_format(&c, line, sizeof(line));
    assert_string_equal(line, "/bin/qemu -append 'console=ttyS0 earlycon' 'it'\\''s' '' -m 256M");
    /* Read back by a real shell into the same words. */
    char cmd[512];
    snprintf(cmd, sizeof(cmd),
             "set -- %s; [ $# = 7 ] && [ \"$3\" = 'console=ttyS0 earlycon' ] && "
             "[ \"$4\" = \"it's\" ] && [ -z \"$5\" ]",
             line);
    char sh[600];
    snprintf(sh, sizeof(sh), "sh -c \"$(cat <<'EOF'\n%s\nEOF\n)\"", cmd);
    assert_int_equal(system(sh), 0);
    command_format(&c, line, 12);
    assert_int_equal(strlen(line), 11);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
            cmocka_unit_test(qemu_qemu),
            cmocka_unit_test(spike_spike),
            cmocka_unit_test(spike_sail),
            cmocka_unit_test(sail_2024),
            cmocka_unit_test(sail_json),
            cmocka_unit_test(unpassable_keys),
            cmocka_unit_test(pairs),
            cmocka_unit_test(program_and_defaults),
            cmocka_unit_test(qemu_overrides_at_end),
            cmocka_unit_test(spike_overrides_before_program),
            cmocka_unit_test(sail_overrides_before_program),
            cmocka_unit_test(harts_override),
            cmocka_unit_test(override_words_verbatim_and_bounded),
            cmocka_unit_test(command_line_for_a_shell),
    };
    return cmocka_run_group_tests(tests, load, NULL);
}
