/* Manifest parsing: the format of COMMON.md, and file:line errors for everything else. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "manifest.h"

static char err[512];

static void good(void **state)
{
    (void)state;
    struct manifest m;
    const char *text = "# Linux on QEMU\n"
                       "firmware = ../fw/fw_jump.bin\n"
                       "  kernel=Image  \r\n"
                       "initrd = /abs/initrd.cpio\n"
                       "\n"
                       "append = console=ttyS0 earlycon=sbi no4lvl\n"
                       "dtb = sail.dtb\n"
                       "ram_mb = 128\n"
                       "harts = 2\n"
                       "verdict_from = [hext]";
    assert_int_equal(manifest_parse(text, "build/images/linux/qemu.conf", &m, err, sizeof(err)), 0);
    assert_string_equal(m.value[KEY_VERDICT_FROM], "[hext]");
    assert_string_equal(m.value[KEY_FIRMWARE], "build/images/linux/../fw/fw_jump.bin");
    assert_string_equal(m.value[KEY_KERNEL], "build/images/linux/Image");
    assert_string_equal(m.value[KEY_INITRD], "/abs/initrd.cpio");
    assert_string_equal(m.value[KEY_APPEND], "console=ttyS0 earlycon=sbi no4lvl");
    assert_string_equal(m.value[KEY_DTB], "build/images/linux/sail.dtb");
    assert_int_equal(m.ram_mb, 128);
    assert_int_equal(m.harts, 2);
    assert_int_equal(m.line[KEY_KERNEL], 3);
    manifest_free(&m);
}

static void defaults_and_bare_name(void **state)
{
    (void)state;
    struct manifest m;
    assert_int_equal(manifest_parse("firmware = suite.elf\n", "suite.conf", &m, err, sizeof(err)),
                     0);
    assert_string_equal(m.value[KEY_FIRMWARE], "suite.elf");
    assert_null(m.value[KEY_KERNEL]);
    assert_null(m.value[KEY_APPEND]);
    assert_int_equal(m.ram_mb, 256);
    assert_int_equal(m.harts, 1);
    manifest_free(&m);
}

static void expect_error(const char *text, const char *needle)
{
    struct manifest m;
    err[0] = '\0';
    assert_int_equal(manifest_parse(text, "x/qemu.conf", &m, err, sizeof(err)), -1);
    if (!strstr(err, needle))
        fail_msg("error '%s' lacks '%s'", err, needle);
}

static void unknown_key(void **state)
{
    (void)state;
    expect_error("firmware = a\nkernal = Image\n", "x/qemu.conf:2: unknown key 'kernal'");
    expect_error("firmware = a\nFirmware = b\n", "x/qemu.conf:2: unknown key 'Firmware'");
}

static void malformed(void **state)
{
    (void)state;
    expect_error("firmware a\n", "x/qemu.conf:1: malformed line");
    expect_error("firmware = a\n = b\n", "x/qemu.conf:2: malformed line");
    expect_error("firmware = a\nram_mb = lots\n", "x/qemu.conf:2: ram_mb");
    expect_error("firmware = a\nram_mb = 0\n", "x/qemu.conf:2: ram_mb");
    expect_error("firmware = a\nharts = -1\n", "x/qemu.conf:2: harts");
    expect_error("firmware = a\nkernel =\n", "x/qemu.conf:2: 'kernel' needs a path");
    expect_error("firmware = a\nfirmware = b\n", "x/qemu.conf:2: 'firmware' given twice");
    expect_error("kernel = Image\n", "no 'firmware' line");
    expect_error("", "no 'firmware' line");
}

static void load_from_file(void **state)
{
    (void)state;
    char path[] = "/tmp/hext-manifest-test-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    const char *text = "firmware = fw.elf\n";
    assert_int_equal(write(fd, text, strlen(text)), (int)strlen(text));
    close(fd);
    struct manifest m;
    assert_int_equal(manifest_load(path, &m, err, sizeof(err)), 0);
    assert_string_equal(m.value[KEY_FIRMWARE], "/tmp/fw.elf");
    manifest_free(&m);
    unlink(path);
    assert_int_equal(manifest_load("/nonexistent/x.conf", &m, err, sizeof(err)), -1);
    assert_non_null(strstr(err, "cannot open manifest /nonexistent/x.conf"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
            cmocka_unit_test(good),           cmocka_unit_test(defaults_and_bare_name),
            cmocka_unit_test(unknown_key),    cmocka_unit_test(malformed),
            cmocka_unit_test(load_from_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
