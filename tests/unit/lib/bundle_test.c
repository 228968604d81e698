/*
 * Guest bundle parser and placement. Valid bundles come from make_bundle.py, a writer written
 * from the format description alone; every malformed case is one change to such a bundle.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "bundle/bundle.h"

#define MIB (1024ULL * 1024)

static char dir[] = "/tmp/hext-bundle-test-XXXXXX";

struct blob {
    uint64_t *words; /* 8-byte aligned, as the hypervisor's buffer is */
    uint8_t *bytes;
    size_t size;
};

static void write_file(const char *name, const void *data, size_t n)
{
    char path[256];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, n, f), n);
    fclose(f);
}

/* Runs the oracle writer on dir/image (and dir/initrd when with_initrd). */
static struct blob oracle(int with_initrd, const char *cmdline, const char *flags)
{
    char cmd[1024];
    snprintf(cmd, sizeof(cmd), "python3 %s %s/out %s/image %s%s '%s' %s", MAKE_BUNDLE, dir, dir,
             with_initrd ? dir : "-", with_initrd ? "/initrd" : "", cmdline, flags);
    assert_int_equal(system(cmd), 0);
    snprintf(cmd, sizeof(cmd), "%s/out", dir);
    FILE *f = fopen(cmd, "rb");
    assert_non_null(f);
    struct blob b = {.words = calloc(1, 64 * MIB)};
    b.bytes = (uint8_t *)b.words;
    b.size = fread(b.bytes, 1, 64 * MIB, f);
    fclose(f);
    return b;
}

static void put64(uint8_t *p, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static void raw_image(size_t n)
{
    uint8_t *img = malloc(n);
    for (size_t i = 0; i < n; i++)
        img[i] = (uint8_t)(i * 7 + 1);
    write_file("image", img, n);
    free(img);
}

/* A RISC-V Linux Image header (Documentation/arch/riscv/boot-image-header.rst). */
static void linux_image(size_t n, uint64_t text_offset, uint64_t image_size)
{
    uint8_t *img = calloc(1, n);
    put64(img + 8, text_offset);
    put64(img + 16, image_size);
    memcpy(img + 48, "RISCV\0\0\0", 8);
    memcpy(img + 56, "RSC\x05", 4);
    write_file("image", img, n);
    free(img);
}

static int parse(struct blob *b, struct bundle *out)
{
    return bundle_parse(b->bytes, b->size, out);
}

static void test_valid_with_initrd(void **state)
{
    (void)state;
    raw_image(1001);
    write_file("initrd", "07070100", 8);
    struct blob b = oracle(1, "console=ttyS0 quiet", "");
    struct bundle p;
    assert_int_equal(parse(&b, &p), 0);
    assert_int_equal(p.image_size, 1001);
    assert_ptr_equal(p.image, b.bytes + BUNDLE_HEADER_SIZE);
    assert_int_equal(p.image[1], 8);
    assert_int_equal(p.initrd_size, 8);
    assert_memory_equal(p.initrd, "07070100", 8);
    assert_string_equal(p.cmdline, "console=ttyS0 quiet");
    assert_int_equal(p.total_size, b.size);
    /* Bytes after total_size (emulator padding) are ignored. */
    assert_int_equal(bundle_parse(b.bytes, b.size + 4096, &p), 0);
    free(b.words);
}

static void test_valid_without_initrd(void **state)
{
    (void)state;
    raw_image(8);
    struct blob b = oracle(0, "", "");
    struct bundle p;
    assert_int_equal(parse(&b, &p), 0);
    assert_null(p.initrd);
    assert_int_equal(p.initrd_size, 0);
    assert_string_equal(p.cmdline, "");
    free(b.words);
}

static void test_header_defects(void **state)
{
    (void)state;
    raw_image(100);
    struct blob b = oracle(0, "x", "");
    struct bundle p;
    b.bytes[3] ^= 1;
    assert_int_equal(parse(&b, &p), BUNDLE_ERR_MAGIC);
    b.bytes[3] ^= 1;
    b.bytes[BUNDLE_OFF_VERSION] = 1; /* the one-guest format of before */
    assert_int_equal(parse(&b, &p), BUNDLE_ERR_VERSION);
    b.bytes[BUNDLE_OFF_VERSION] = 3;
    assert_int_equal(parse(&b, &p), BUNDLE_ERR_VERSION);
    b.bytes[BUNDLE_OFF_VERSION] = 2;
    b.bytes[BUNDLE_OFF_HEADER_SIZE] = 32;
    assert_int_equal(parse(&b, &p), BUNDLE_ERR_HEADER);
    b.bytes[BUNDLE_OFF_HEADER_SIZE] = 72;
    assert_int_equal(parse(&b, &p), 0);
    free(b.words);
}

static void test_truncated(void **state)
{
    (void)state;
    raw_image(100);
    struct blob b = oracle(0, "x", "");
    struct bundle p;
    assert_int_equal(bundle_parse(b.bytes, 71, &p), BUNDLE_ERR_TRUNCATED);
    assert_int_equal(bundle_parse(b.bytes, 0, &p), BUNDLE_ERR_TRUNCATED);
    assert_int_equal(bundle_parse(b.bytes, b.size - 1, &p), BUNDLE_ERR_TRUNCATED);
    assert_int_equal(bundle_parse(b.bytes, b.size - 8, &p), BUNDLE_ERR_TRUNCATED);
    free(b.words);
}

static void test_sizes(void **state)
{
    (void)state;
    raw_image(100);
    struct blob b = oracle(0, "x", "");
    struct bundle p;
    /* Padded sums that wrap around 2^64 to look consistent. */
    put64(b.bytes + BUNDLE_OFF_IMAGE, ~0ULL - 3);
    assert_int_equal(parse(&b, &p), BUNDLE_ERR_SIZES);
    put64(b.bytes + BUNDLE_OFF_IMAGE, 100);
    put64(b.bytes + BUNDLE_OFF_INITRD, 1ULL << 63);
    assert_int_equal(parse(&b, &p), BUNDLE_ERR_SIZES);
    put64(b.bytes + BUNDLE_OFF_INITRD, 0);
    put64(b.bytes + BUNDLE_OFF_TOTAL, b.size + 8);
    assert_int_equal(parse(&b, &p), BUNDLE_ERR_SIZES);
    put64(b.bytes + BUNDLE_OFF_TOTAL, b.size);
    put64(b.bytes + BUNDLE_OFF_IMAGE, 0); /* no image */
    assert_int_equal(parse(&b, &p), BUNDLE_ERR_SIZES);
    put64(b.bytes + BUNDLE_OFF_IMAGE, 100);
    put64(b.bytes + BUNDLE_OFF_CMDLINE, 0); /* no NUL at all */
    assert_int_equal(parse(&b, &p), BUNDLE_ERR_SIZES);
    put64(b.bytes + BUNDLE_OFF_CMDLINE, 2);
    assert_int_equal(parse(&b, &p), 0);
    free(b.words);
}

static void test_checksum(void **state)
{
    (void)state;
    raw_image(4096);
    struct blob b = oracle(0, "a b", "");
    struct bundle p;
    size_t spots[] = {64, 64 + 4095, 64 + 4096 + 2 /* cmdline */, 16 /* header */};
    for (size_t i = 0; i < sizeof(spots) / sizeof(spots[0]); i++) {
        b.bytes[spots[i]] ^= 0x80;
        /* A header change may trip an earlier check; it must never pass. */
        assert_int_not_equal(parse(&b, &p), 0);
        b.bytes[spots[i]] ^= 0x80;
    }
    assert_int_equal(parse(&b, &p), 0);
    /* Two image words swapped: the plain sum stays, the weighted sum catches it. */
    uint64_t t = b.words[8];
    b.words[8] = b.words[9];
    b.words[9] = t;
    assert_int_equal(parse(&b, &p), BUNDLE_ERR_CHECKSUM);
    free(b.words);
}

static void test_cmdline_not_terminated(void **state)
{
    (void)state;
    raw_image(24);
    struct blob b = oracle(0, "abc", "--no-nul");
    struct bundle p;
    assert_int_equal(parse(&b, &p), BUNDLE_ERR_CMDLINE);
    free(b.words);
}

static void test_alignment(void **state)
{
    (void)state;
    raw_image(24);
    struct blob b = oracle(0, "", "");
    struct bundle p;
    memmove(b.bytes + 4, b.bytes, b.size);
    assert_int_equal(bundle_parse(b.bytes + 4, b.size, &p), BUNDLE_ERR_ALIGN);
    free(b.words);
}

static void test_place_raw(void **state)
{
    (void)state;
    raw_image(5000);
    write_file("initrd", "0123456789", 10);
    struct blob b = oracle(1, "", "");
    struct bundle p;
    struct bundle_layout l;
    assert_int_equal(parse(&b, &p), 0);
    assert_int_equal(bundle_place(&p, 128 * MIB, 64 * 1024, &l), 0);
    assert_false(l.is_linux);
    assert_int_equal(l.image_offset, 0x200000);
    assert_int_equal(l.image_span, 8192);
    assert_int_equal(l.initrd_offset, 0x200000 + 8192);
    assert_int_equal(l.end, 0x200000 + 8192 + 10);
    /* Exactly full, then one byte too many. */
    assert_int_equal(bundle_place(&p, l.end, 0, &l), 0);
    assert_int_equal(bundle_place(&p, 0x200000 + 8192 + 9, 0, &l), BUNDLE_ERR_TOO_BIG);
    assert_int_equal(bundle_place(&p, 128 * MIB, 128 * MIB + 1, &l), BUNDLE_ERR_TOO_BIG);
    free(b.words);
}

static void test_place_linux(void **state)
{
    (void)state;
    /* The kernel's BSS (image_size) goes past the file: the initrd must start after it. */
    linux_image(3000, 0x200000, 0x512345);
    write_file("initrd", "cpio", 4);
    struct blob b = oracle(1, "", "");
    struct bundle p;
    struct bundle_layout l;
    assert_int_equal(parse(&b, &p), 0);
    assert_int_equal(bundle_place(&p, 128 * MIB, 0, &l), 0);
    assert_true(l.is_linux);
    assert_int_equal(l.image_offset, 0x200000);
    assert_int_equal(l.image_span, 0x513000);
    assert_int_equal(l.initrd_offset, 0x713000);
    /* Guest RAM smaller than text_offset + image_size. */
    assert_int_equal(bundle_place(&p, 0x600000, 0, &l), BUNDLE_ERR_TOO_BIG);
    free(b.words);

    /* A text_offset that is not page-aligned. */
    linux_image(64, 0x200800, 0x1000);
    b = oracle(0, "", "");
    assert_int_equal(parse(&b, &p), 0);
    assert_int_equal(bundle_place(&p, 128 * MIB, 0, &l), BUNDLE_ERR_OFFSET);
    free(b.words);

    /* A text_offset that would wrap the address space. */
    linux_image(64, ~0ULL - 0xfff, 0x1000);
    b = oracle(0, "", "");
    assert_int_equal(parse(&b, &p), 0);
    assert_int_equal(bundle_place(&p, 128 * MIB, 0, &l), BUNDLE_ERR_TOO_BIG);
    free(b.words);
}

/* A file of n oracle bundles, bundle k written with flags[k]; cmdline "gK" for bundle k. */
static struct blob file_of(unsigned n, const char *const *flags)
{
    struct blob all = {.words = calloc(1, 64 * MIB)};
    all.bytes = (uint8_t *)all.words;
    for (unsigned k = 0; k < n; k++) {
        char cmdline[8];
        snprintf(cmdline, sizeof(cmdline), "g%u", k);
        struct blob b = oracle(k & 1, cmdline, flags[k]);
        memcpy(all.bytes + all.size, b.bytes, b.size);
        all.size += b.size;
        free(b.words);
    }
    return all;
}

static int parse_all(const struct blob *b, unsigned *count, unsigned *bad)
{
    struct bundle p[BUNDLE_MAX_GUESTS];
    return bundle_parse_all(b->bytes, b->size, p, count, bad);
}

static void test_file_of_several(void **state)
{
    (void)state;
    raw_image(300);
    write_file("initrd", "07070100", 8);
    const char *const four[] = {"--guest=0 --count=4", "--guest=1 --count=4", "--guest=2 --count=4",
                                "--guest=3 --count=4"};
    struct blob b = file_of(4, four);
    struct bundle p[BUNDLE_MAX_GUESTS];
    unsigned count = 0, bad = 9;
    /* Padding after the last bundle is ignored, as for one. */
    assert_int_equal(bundle_parse_all(b.bytes, b.size + 4096, p, &count, &bad), 0);
    assert_int_equal(count, 4);
    /* The count from the first header alone; nothing when it is no bundle header. */
    assert_int_equal(bundle_count(b.bytes, b.size), 4);
    assert_int_equal(bundle_count(b.bytes, BUNDLE_HEADER_SIZE - 1), 0);
    assert_int_equal(bundle_count(b.bytes + 8, b.size - 8), 0);
    assert_int_equal(bundle_count(b.bytes + 4, b.size - 4), 0);
    for (unsigned k = 0; k < 4; k++) {
        char want[8];
        snprintf(want, sizeof(want), "g%u", k);
        assert_string_equal(p[k].cmdline, want);
        assert_int_equal(p[k].guest, k);
        assert_int_equal(p[k].initrd_size, k & 1 ? 8 : 0);
    }
    /* The fourth missing; then the third cut short. */
    uint64_t last = p[3].total_size;
    b.size -= last;
    assert_int_equal(parse_all(&b, &count, &bad), BUNDLE_ERR_TRUNCATED);
    assert_int_equal(bad, 3);
    b.size -= 8;
    assert_int_equal(parse_all(&b, &count, &bad), BUNDLE_ERR_TRUNCATED);
    assert_int_equal(bad, 2);
    free(b.words);

    const char *const swapped[] = {"--guest=0 --count=2", "--guest=0 --count=2"};
    b = file_of(2, swapped);
    assert_int_equal(parse_all(&b, &count, &bad), BUNDLE_ERR_SEQUENCE);
    assert_int_equal(bad, 1);
    free(b.words);
    const char *const disagree[] = {"--guest=0 --count=2", "--guest=1 --count=3"};
    b = file_of(2, disagree);
    assert_int_equal(parse_all(&b, &count, &bad), BUNDLE_ERR_SEQUENCE);
    assert_int_equal(bad, 1);
    free(b.words);
    const char *const not_first[] = {"--guest=1 --count=1"};
    b = file_of(1, not_first);
    assert_int_equal(parse_all(&b, &count, &bad), BUNDLE_ERR_SEQUENCE);
    assert_int_equal(bad, 0);
    free(b.words);
    const char *const none[] = {"--guest=0 --count=0"}, *const five[] = {"--guest=0 --count=5"};
    b = file_of(1, none);
    assert_int_equal(parse_all(&b, &count, &bad), BUNDLE_ERR_SEQUENCE);
    free(b.words);
    b = file_of(1, five);
    assert_int_equal(parse_all(&b, &count, &bad), BUNDLE_ERR_SEQUENCE);
    free(b.words);
}

static void test_strerror(void **state)
{
    (void)state;
    for (int e = BUNDLE_ERR_SEQUENCE; e <= BUNDLE_ERR_TRUNCATED; e++)
        assert_string_not_equal(bundle_strerror(e), bundle_strerror(0));
}

static int setup(void **state)
{
    (void)state;
    return mkdtemp(dir) ? 0 : -1;
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
            cmocka_unit_test(test_valid_with_initrd),
            cmocka_unit_test(test_valid_without_initrd),
            cmocka_unit_test(test_header_defects),
            cmocka_unit_test(test_truncated),
            cmocka_unit_test(test_sizes),
            cmocka_unit_test(test_checksum),
            cmocka_unit_test(test_cmdline_not_terminated),
            cmocka_unit_test(test_alignment),
            cmocka_unit_test(test_place_raw),
            cmocka_unit_test(test_place_linux),
            cmocka_unit_test(test_file_of_several),
            cmocka_unit_test(test_strerror),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
