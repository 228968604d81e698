/* The runner's bundle writer must write what make_bundle.py (the format's independent oracle)
 * writes, byte for byte; each test-only defect must trip exactly its parser check. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bundle/bundle.h"
#include "bundle_write.h"

static char dir[] = "/tmp/hext-bundle-write-XXXXXX";
static char image[300], initrd[300], err[512];

static void write_file(const char *path, size_t n, unsigned seed)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    for (size_t i = 0; i < n; i++)
        fputc((int)((i * seed + 3) & 0xff), f);
    fclose(f);
}

static int build1(const char *img, const char *ird, const char *cmdline, const char *defect,
                  uint8_t **b, size_t *n)
{
    struct bundle_spec spec = {img, ird, cmdline};
    return bundle_build(&spec, 1, defect, b, n, err, sizeof(err));
}

/* extra: make_bundle.py options (--guest=K --count=N) or "". */
static uint8_t *oracle_with(const char *initrd_path, const char *cmdline, const char *extra,
                            size_t *size)
{
    char cmd[1200], out[320];
    snprintf(out, sizeof(out), "%s/oracle", dir);
    snprintf(cmd, sizeof(cmd), "python3 %s %s %s %s '%s' %s", MAKE_BUNDLE, out, image,
             initrd_path ? initrd_path : "-", cmdline, extra);
    assert_int_equal(system(cmd), 0);
    FILE *f = fopen(out, "rb");
    assert_non_null(f);
    static uint8_t buf[1 << 20];
    *size = fread(buf, 1, sizeof(buf), f);
    fclose(f);
    return buf;
}

static uint8_t *oracle(const char *initrd_path, const char *cmdline, size_t *size)
{
    return oracle_with(initrd_path, cmdline, "", size);
}

static void same_as_oracle(void **state)
{
    (void)state;
    const char *cmdlines[] = {"", "console=ttyS0 no4lvl", "1234567"};
    for (int with_initrd = 0; with_initrd < 2; with_initrd++)
        for (size_t i = 0; i < sizeof(cmdlines) / sizeof(cmdlines[0]); i++) {
            const char *ird = with_initrd ? initrd : NULL;
            uint8_t *b;
            size_t n, want_n;
            assert_int_equal(build1(image, ird, cmdlines[i], NULL, &b, &n), 0);
            const uint8_t *want = oracle(ird, cmdlines[i], &want_n);
            assert_int_equal(n, want_n);
            assert_memory_equal(b, want, n);
            free(b);
        }
    /* NULL command line = empty. */
    uint8_t *b;
    size_t n, want_n;
    assert_int_equal(build1(image, NULL, NULL, NULL, &b, &n), 0);
    const uint8_t *want = oracle(NULL, "", &want_n);
    assert_int_equal(n, want_n);
    assert_memory_equal(b, want, n);
    free(b);
}

static void each_defect_trips_its_check(void **state)
{
    (void)state;
    const struct {
        const char *defect;
        int err;
    } cases[] = {
            {"magic", BUNDLE_ERR_MAGIC},     {"version", BUNDLE_ERR_VERSION},
            {"header", BUNDLE_ERR_HEADER},   {"truncated", BUNDLE_ERR_TRUNCATED},
            {"sizes", BUNDLE_ERR_SIZES},     {"checksum", BUNDLE_ERR_CHECKSUM},
            {"cmdline", BUNDLE_ERR_CMDLINE}, {"guest", BUNDLE_ERR_SEQUENCE},
            {"count", BUNDLE_ERR_TRUNCATED},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        uint8_t *b;
        size_t n;
        struct bundle p[BUNDLE_MAX_GUESTS];
        unsigned count, bad;
        assert_int_equal(build1(image, initrd, "a", cases[i].defect, &b, &n), 0);
        assert_int_equal(bundle_parse_all(b, n, p, &count, &bad), cases[i].err);
        free(b);
    }
    uint8_t *b = NULL;
    size_t n;
    assert_int_equal(build1(image, NULL, "", "nonsense", &b, &n), -1);
    assert_non_null(strstr(err, "unknown bundle defect 'nonsense' (known: magic, version"));
}

/* Several guests: the oracle's bundles one after another, guest k numbered k of n. */
static void several_guests(void **state)
{
    (void)state;
    struct bundle_spec specs[BUNDLE_MAX_GUESTS] = {{image, initrd, "zero"},
                                                   {image, NULL, ""},
                                                   {image, initrd, "two two"},
                                                   {image, NULL, NULL}};
    for (unsigned n = 1; n <= BUNDLE_MAX_GUESTS; n++) {
        uint8_t *b;
        size_t size, at = 0;
        assert_int_equal(bundle_build(specs, n, NULL, &b, &size, err, sizeof(err)), 0);
        for (unsigned k = 0; k < n; k++) {
            char extra[64];
            size_t want_n;
            snprintf(extra, sizeof(extra), "--guest=%u --count=%u", k, n);
            const uint8_t *want = oracle_with(
                    specs[k].initrd, specs[k].cmdline ? specs[k].cmdline : "", extra, &want_n);
            assert_true(at + want_n <= size);
            assert_memory_equal(b + at, want, want_n);
            at += want_n;
        }
        assert_int_equal(at, size);
        free(b);
    }
    assert_int_equal(bundle_build(specs, 0, NULL, NULL, NULL, err, sizeof(err)), -1);
    assert_int_equal(bundle_build(specs, BUNDLE_MAX_GUESTS + 1, NULL, NULL, NULL, err, sizeof(err)),
                     -1);
}

/* Each defect made in the last of three bundles is reported for that bundle; `count` makes a
 * fourth missing. */
static void defects_in_a_file_of_three(void **state)
{
    (void)state;
    struct bundle_spec specs[3] = {{image, initrd, "a"}, {image, NULL, "b"}, {image, initrd, "c"}};
    const struct {
        const char *defect;
        int err;
        unsigned bad;
    } cases[] = {
            {"checksum", BUNDLE_ERR_CHECKSUM, 2},
            {"truncated", BUNDLE_ERR_TRUNCATED, 2},
            {"guest", BUNDLE_ERR_SEQUENCE, 2},
            {"count", BUNDLE_ERR_TRUNCATED, 3},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        uint8_t *b;
        size_t n;
        struct bundle p[BUNDLE_MAX_GUESTS];
        unsigned count = 0, bad = 0;
        assert_int_equal(bundle_build(specs, 3, cases[i].defect, &b, &n, err, sizeof(err)), 0);
        assert_int_equal(bundle_parse_all(b, n, p, &count, &bad), cases[i].err);
        assert_int_equal(bad, cases[i].bad);
        free(b);
    }
}

static void bad_files(void **state)
{
    (void)state;
    uint8_t *b = NULL;
    size_t n;
    char empty[320];
    assert_int_equal(build1("/nonexistent/Image", NULL, "", NULL, &b, &n), -1);
    assert_non_null(strstr(err, "cannot read /nonexistent/Image"));
    assert_int_equal(build1(image, "/nonexistent/cpio", "", NULL, &b, &n), -1);
    assert_non_null(strstr(err, "cannot read /nonexistent/cpio"));
    snprintf(empty, sizeof(empty), "%s/empty", dir);
    write_file(empty, 0, 1);
    assert_int_equal(build1(empty, NULL, "", NULL, &b, &n), -1);
    assert_non_null(strstr(err, "is empty"));
    assert_int_equal(build1(dir, NULL, "", NULL, &b, &n), -1);
    assert_non_null(strstr(err, "is not a regular file"));
    assert_null(b);
}

static int setup(void **state)
{
    (void)state;
    if (!mkdtemp(dir))
        return -1;
    snprintf(image, sizeof(image), "%s/image", dir);
    snprintf(initrd, sizeof(initrd), "%s/initrd", dir);
    write_file(image, 12345, 7);
    write_file(initrd, 777, 13);
    return 0;
}

static int teardown(void **state)
{
    char cmd[300];
    (void)state;
    snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
    return system(cmd);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
            cmocka_unit_test(same_as_oracle), cmocka_unit_test(each_defect_trips_its_check),
            cmocka_unit_test(several_guests), cmocka_unit_test(defects_in_a_file_of_three),
            cmocka_unit_test(bad_files),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
