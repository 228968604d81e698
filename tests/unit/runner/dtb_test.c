/* DTB bootargs patch, checked against the real tools: blobs are made by dtc from DTS text,
 * and the result is read back both with libfdt and by decompiling it with dtc. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dtb.h"

static char dir[] = "/tmp/hext-dtb-test-XXXXXX";
static char err[512];

static int have_dtc(void)
{
    return system("dtc --version >/dev/null 2>&1") == 0;
}

/* Compiles DTS text to a blob file; returns its path (static buffer). */
static const char *compile(const char *name, const char *dts)
{
    static char dtb[512];
    char src[512], cmd[1200];
    snprintf(src, sizeof(src), "%s/%s.dts", dir, name);
    snprintf(dtb, sizeof(dtb), "%s/%s.dtb", dir, name);
    FILE *f = fopen(src, "w");
    assert_non_null(f);
    fputs(dts, f);
    fclose(f);
    snprintf(cmd, sizeof(cmd), "dtc -q -I dts -O dtb -o %s %s", dtb, src);
    assert_int_equal(system(cmd), 0);
    return dtb;
}

static void *slurp(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static char buf[65536];
    *size = fread(buf, 1, sizeof(buf), f);
    fclose(f);
    return buf;
}

/* dtc's own reading of the blob must show exactly this bootargs line. */
static void dtc_shows(const char *dtb_path, const char *want_line)
{
    char cmd[1200], line[1024];
    snprintf(cmd, sizeof(cmd), "dtc -q -I dtb -O dts %s", dtb_path);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    int found = 0;
    while (fgets(line, sizeof(line), p)) {
        char *s = line;
        while (*s == ' ' || *s == '\t')
            s++;
        if (strncmp(s, want_line, strlen(want_line)) == 0)
            found = 1;
    }
    assert_int_equal(pclose(p), 0);
    if (!found)
        fail_msg("dtc does not show '%s' in %s", want_line, dtb_path);
}

static const char *chosen_bootargs(const void *blob)
{
    int node = fdt_path_offset(blob, "/chosen");
    assert_true(node >= 0);
    int len;
    const char *v = fdt_getprop(blob, node, "bootargs", &len);
    assert_non_null(v);
    assert_int_equal(len, (int)strlen(v) + 1);
    return v;
}

static void check_patch(const char *name, const char *dts, const char *extra, const char *want)
{
    if (!have_dtc())
        skip();
    char out[512], line[600];
    const char *in = compile(name, dts);
    assert_int_equal(dtb_write_extended(in, extra, out, sizeof(out), err, sizeof(err)), 0);
    size_t size;
    const void *blob = slurp(out, &size);
    assert_int_equal(fdt_check_header(blob), 0);
    assert_string_equal(chosen_bootargs(blob), want);
    /* Everything else survives: the memory node is still there. */
    assert_true(fdt_path_offset(blob, "/memory@80000000") >= 0);
    snprintf(line, sizeof(line), "bootargs = \"%s\";", want);
    dtc_shows(out, line);
    unlink(out);
}

static void extends_existing(void **state)
{
    (void)state;
    check_patch(
            "existing",
            "/dts-v1/;\n/ {\n #address-cells = <2>; #size-cells = <2>;\n"
            " chosen { bootargs = \"console=hvc0 earlycon=sbi\"; };\n"
            " memory@80000000 { device_type = \"memory\"; reg = <0 0x80000000 0 0x10000000>; };\n"
            "};\n",
            "no4lvl quiet", "console=hvc0 earlycon=sbi no4lvl quiet");
}

static void chosen_without_bootargs(void **state)
{
    (void)state;
    check_patch(
            "nobootargs",
            "/dts-v1/;\n/ {\n #address-cells = <2>; #size-cells = <2>;\n"
            " chosen { stdout-path = \"/htif\"; };\n"
            " memory@80000000 { device_type = \"memory\"; reg = <0 0x80000000 0 0x10000000>; };\n"
            "};\n",
            "no4lvl", "no4lvl");
}

static void no_chosen_node(void **state)
{
    (void)state;
    check_patch(
            "nochosen",
            "/dts-v1/;\n/ {\n #address-cells = <2>; #size-cells = <2>;\n"
            " memory@80000000 { device_type = \"memory\"; reg = <0 0x80000000 0 0x10000000>; };\n"
            "};\n",
            "console=hvc0", "console=hvc0");
}

static void rejects_garbage(void **state)
{
    (void)state;
    char junk[256];
    memset(junk, 0x5a, sizeof(junk));
    void *out = NULL;
    size_t out_size;
    assert_int_equal(
            dtb_extend_bootargs(junk, sizeof(junk), "x", &out, &out_size, err, sizeof(err)), -1);
    assert_null(out);
    assert_non_null(strstr(err, "not a valid device tree blob"));
    char path[512];
    assert_int_equal(
            dtb_write_extended("/nonexistent.dtb", "x", path, sizeof(path), err, sizeof(err)), -1);
    assert_non_null(strstr(err, "cannot open /nonexistent.dtb"));
}

/* The bundle's place for Spike (and the Sail ELF): ending 4 KiB below the end of RAM; dtc must
 * read back the same two 64-bit values. */
static void places_initrd(void **state)
{
    (void)state;
    if (!have_dtc())
        skip();
    const char *in = compile(
            "initrd",
            "/dts-v1/;\n/ {\n #address-cells = <2>; #size-cells = <2>;\n"
            " chosen { bootargs = \"x\"; };\n"
            " memory@80000000 { device_type = \"memory\"; reg = <0 0x80000000 0 0x10000000>; };\n"
            "};\n");
    char out[512];
    uint64_t start = 0;
    assert_int_equal(
            dtb_write_initrd(in, 0x3000, 0x1000, out, sizeof(out), &start, err, sizeof(err)), 0);
    assert_int_equal(start, 0x90000000 - 0x1000 - 0x3000);
    dtc_shows(out, "linux,initrd-start = <0x00 0x8fffc000>;");
    dtc_shows(out, "linux,initrd-end = <0x00 0x8ffff000>;");
    dtc_shows(out, "bootargs = \"x\";");
    unlink(out);
    /* One-cell addresses, no /chosen yet. */
    in = compile("initrd32",
                 "/dts-v1/;\n/ {\n #address-cells = <1>; #size-cells = <1>;\n"
                 " memory@80000000 { device_type = \"memory\"; reg = <0x80000000 0x1000000>; };\n"
                 "};\n");
    assert_int_equal(dtb_write_initrd(in, 0x10, 0x1000, out, sizeof(out), &start, err, sizeof(err)),
                     0);
    assert_int_equal(start, 0x81000000 - 0x1000 - 0x10);
    unlink(out);
    /* Larger than RAM; no memory node. */
    assert_int_equal(
            dtb_write_initrd(in, 0x1000000, 0x1000, out, sizeof(out), &start, err, sizeof(err)),
            -1);
    assert_non_null(strstr(err, "does not fit"));
    in = compile("nomem", "/dts-v1/;\n/ { chosen { }; };\n");
    assert_int_equal(dtb_write_initrd(in, 0x10, 0x1000, out, sizeof(out), &start, err, sizeof(err)),
                     -1);
    assert_non_null(strstr(err, "no memory node"));
}

static int make_dir(void **state)
{
    (void)state;
    return mkdtemp(dir) ? 0 : -1;
}

static int remove_dir(void **state)
{
    (void)state;
    char cmd[600];
    snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
    return system(cmd);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
            cmocka_unit_test(extends_existing), cmocka_unit_test(chosen_without_bootargs),
            cmocka_unit_test(no_chosen_node),   cmocka_unit_test(rejects_garbage),
            cmocka_unit_test(places_initrd),
    };
    return cmocka_run_group_tests(tests, make_dir, remove_dir);
}
