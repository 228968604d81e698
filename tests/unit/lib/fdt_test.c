/*
 * FDT reader and writer, checked against libfdt (the reference implementation) and dtc on
 * blobs that dtc compiled from the DTS files in this folder, including QEMU virt's own DTB.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <libfdt.h>

#include "fdt/fdt.h"

#ifndef TEST_DATA_DIR
#error "TEST_DATA_DIR must name the folder holding the compiled .dtb files"
#endif

struct blob {
    void *data;
    size_t size;
};

static struct blob load(const char *name)
{
    char path[512];
    struct blob b = {0};
    FILE *f;
    long n;

    snprintf(path, sizeof(path), "%s/%s", TEST_DATA_DIR, name);
    f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open %s", path);
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    rewind(f);
    b.data = malloc((size_t)n);
    assert_non_null(b.data);
    assert_int_equal(fread(b.data, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    b.size = (size_t)n;
    return b;
}

static const char *const blobs[] = {"qemu-virt.dtb", "qemu-virt-aia-smp2.dtb", "spike.dtb",
                                    "edge-cases.dtb"};

/* Properties of node: same offsets, names, values, and dt_prop finds each by name. */
static void check_props(const struct dt *dt, const void *fdt, int node)
{
    int a = dt_first_prop(dt, node);
    int b = fdt_first_property_offset(fdt, node);

    for (; b >= 0; b = fdt_next_property_offset(fdt, b)) {
        const char *fname, *dname;
        int flen, dlen, plen;
        const void *fval = fdt_getprop_by_offset(fdt, b, &fname, &flen);
        const void *dval = dt_prop_at(dt, a, &dname, &dlen);

        assert_int_equal(a, b);
        assert_non_null(dval);
        assert_string_equal(dname, fname);
        assert_int_equal(dlen, flen);
        assert_memory_equal(dval, fval, (size_t)flen);
        assert_ptr_equal(dt_prop(dt, node, fname, &plen), fdt_getprop(fdt, node, fname, NULL));
        assert_int_equal(plen, flen);
        a = dt_next_prop(dt, a);
    }
    assert_int_equal(a, DT_ERR_NOTFOUND);
    assert_null(dt_prop(dt, node, "no-such-property", NULL));
}

static void check_children(const struct dt *dt, const void *fdt, int node)
{
    int a = dt_first_child(dt, node);
    int b;

    fdt_for_each_subnode(b, fdt, node)
    {
        assert_int_equal(a, b);
        assert_int_equal(dt_subnode(dt, node, fdt_get_name(fdt, b, NULL)), b);
        a = dt_next_sibling(dt, a);
    }
    assert_int_equal(a, DT_ERR_NOTFOUND);
}

static void check_paths(const struct dt *dt, const void *fdt, int node)
{
    char path[256];
    char *at;

    assert_int_equal(fdt_get_path(fdt, node, path, sizeof(path)), 0);
    assert_int_equal(dt_path(dt, path), node);
    /* Without the unit address, both take the first node of that name. */
    at = strrchr(path, '@');
    if (at && !strchr(at, '/')) {
        *at = '\0';
        assert_int_equal(dt_path(dt, path), fdt_path_offset(fdt, path));
    }
}

static void check_reg(const struct dt *dt, const void *fdt, int node)
{
    int parent = fdt_parent_offset(fdt, node);
    int len, i, ac, sc, n;
    const fdt32_t *reg = fdt_getprop(fdt, node, "reg", &len);

    assert_int_equal(dt_parent(dt, node), node == 0 ? DT_ERR_NOTFOUND : parent);
    if (!reg || parent < 0)
        return;
    ac = fdt_address_cells(fdt, parent);
    sc = fdt_size_cells(fdt, parent);
    assert_int_equal((int)dt_address_cells(dt, parent), ac);
    assert_int_equal((int)dt_size_cells(dt, parent), sc);
    n = len / (4 * (ac + sc));
    assert_int_equal(dt_reg_count(dt, node), n);
    for (i = 0; i < n; i++) {
        uint64_t addr = 0, size = 0, got_addr, got_size;
        int c;

        for (c = 0; c < ac; c++)
            addr = addr << 32 | fdt32_to_cpu(reg[i * (ac + sc) + c]);
        for (c = 0; c < sc; c++)
            size = size << 32 | fdt32_to_cpu(reg[i * (ac + sc) + ac + c]);
        assert_int_equal(dt_reg(dt, node, (unsigned)i, &got_addr, &got_size), 0);
        assert_int_equal(got_addr, addr);
        assert_int_equal(got_size, size);
    }
    assert_int_equal(dt_reg(dt, node, (unsigned)n, NULL, NULL), DT_ERR_NOTFOUND);
}

static void check_compatible_walks(const struct dt *dt, const void *fdt)
{
    static const char *const types[] = {"cpu", "memory", "pci", "none"};
    int node, t;

    for (node = fdt_next_node(fdt, -1, NULL); node >= 0; node = fdt_next_node(fdt, node, NULL)) {
        int len;
        const char *c = fdt_getprop(fdt, node, "compatible", &len);
        int i;

        for (i = 0; c && i < fdt_stringlist_count(fdt, node, "compatible"); i++) {
            const char *s = fdt_stringlist_get(fdt, node, "compatible", i, NULL);
            int a = dt_next_compatible(dt, -1, s);
            int b = fdt_node_offset_by_compatible(fdt, -1, s);

            assert_string_equal(dt_prop_string(dt, node, "compatible", (unsigned)i), s);
            assert_true(dt_is_compatible(dt, node, s));
            for (; b >= 0; b = fdt_node_offset_by_compatible(fdt, b, s)) {
                assert_int_equal(a, b);
                a = dt_next_compatible(dt, a, s);
            }
            assert_int_equal(a, DT_ERR_NOTFOUND);
        }
    }
    for (t = 0; t < 4; t++) {
        const char *s = types[t];
        int a = dt_next_device_type(dt, -1, s);
        int b = fdt_node_offset_by_prop_value(fdt, -1, "device_type", s, (int)strlen(s) + 1);

        for (; b >= 0;
             b = fdt_node_offset_by_prop_value(fdt, b, "device_type", s, (int)strlen(s) + 1)) {
            assert_int_equal(a, b);
            a = dt_next_device_type(dt, a, s);
        }
        assert_int_equal(a, DT_ERR_NOTFOUND);
    }
}

/* Every node and property of blob, compared with what libfdt reports. */
static void crosscheck(const void *fdt, size_t size)
{
    struct dt dt;
    int da = 0, db = -1; /* libfdt counts the root as depth initial+1 */
    int a, b;

    assert_int_equal(fdt_check_full(fdt, size), 0);
    assert_int_equal(dt_open(&dt, fdt, size), 0);
    a = dt_next_node(&dt, -1, &da);
    /* libfdt returns a positive offset with depth < 0 once it leaves the root. */
    for (b = fdt_next_node(fdt, -1, &db); b >= 0 && db >= 0; b = fdt_next_node(fdt, b, &db)) {
        assert_int_equal(a, b);
        assert_int_equal(da, db);
        assert_string_equal(dt_name(&dt, b), fdt_get_name(fdt, b, NULL));
        check_props(&dt, fdt, b);
        check_children(&dt, fdt, b);
        check_paths(&dt, fdt, b);
        check_reg(&dt, fdt, b);
        a = dt_next_node(&dt, a, &da);
    }
    assert_int_equal(a, DT_ERR_NOTFOUND);
    check_compatible_walks(&dt, fdt);
    assert_int_equal(dt_path(&dt, "/no/such/node"), DT_ERR_NOTFOUND);
    assert_int_equal(dt_path(&dt, "/"), 0);
}

static void test_reader_matches_libfdt(void **state)
{
    unsigned i;

    (void)state;
    for (i = 0; i < sizeof(blobs) / sizeof(blobs[0]); i++) {
        struct blob b = load(blobs[i]);

        print_message("# %s (%zu bytes)\n", blobs[i], b.size);
        crosscheck(b.data, b.size);
        free(b.data);
    }
}

/* NOP tokens (§5.4.1) left by libfdt's in-place deletions must be skipped. */
static void test_reader_skips_nops(void **state)
{
    struct blob b = load("edge-cases.dtb");
    int node;

    (void)state;
    assert_int_equal(fdt_nop_property(b.data, fdt_path_offset(b.data, "/chosen"), "bootargs"), 0);
    assert_int_equal(fdt_nop_node(b.data, fdt_path_offset(b.data, "/cpus/cpu@0")), 0);
    assert_int_equal(fdt_nop_property(b.data, 0, "model"), 0);
    crosscheck(b.data, b.size);
    node = fdt_path_offset(b.data, "/cpus/cpu@1");
    assert_true(node > 0);
    free(b.data);
}

static void test_reader_queries(void **state)
{
    struct blob b = load("edge-cases.dtb");
    struct dt dt;
    uint64_t addr, size, v64;
    uint32_t v32;
    int node;

    (void)state;
    assert_int_equal(dt_open(&dt, b.data, b.size), 0);
    node = dt_path(&dt, "/memory@100000000");
    assert_true(node > 0);
    assert_int_equal(dt_reg(&dt, node, 1, &addr, &size), 0);
    assert_int_equal(addr, 0x200000000ULL);
    assert_int_equal(size, 0x100000000ULL);
    /* §2.3.5 defaults (2 address cells, 1 size cell) when the parent says nothing. */
    node = dt_path(&dt, "/defaults/dev@0");
    assert_int_equal(dt_reg(&dt, node, 0, &addr, &size), 0);
    assert_int_equal(addr, 0x3000);
    assert_int_equal(size, 0x40);
    node = dt_path(&dt, "/cpus/cpu@1");
    assert_int_equal(dt_reg(&dt, node, 0, &addr, &size), 0);
    assert_int_equal(addr, 1);
    assert_int_equal(size, 0);
    node = dt_path(&dt, "/bus32/deep/a/b/c");
    assert_int_equal(dt_prop_u64(&dt, node, "value64", &v64), 0);
    assert_int_equal(v64, 0x123456789abcdef0ULL);
    assert_int_equal(dt_prop_u32(&dt, node, "value64", &v32), DT_ERR_BADVALUE);
    assert_int_equal(dt_prop_u32(&dt, dt_path(&dt, "/cpus"), "timebase-frequency", &v32), 0);
    assert_int_equal(v32, 10000000);
    assert_string_equal(dt_prop_string(&dt, 0, "compatible", 1), "hext,base");
    assert_null(dt_prop_string(&dt, 0, "compatible", 2));
    assert_int_equal(dt_path(&dt, "//chosen/"), dt_path(&dt, "/chosen"));
    assert_int_equal(dt_path(&dt, "chosen"), DT_ERR_NOTFOUND);
    /* "memory" without a unit address takes the first memory node. */
    assert_int_equal(dt_path(&dt, "/memory"), dt_path(&dt, "/memory@80000000"));
    assert_int_equal(dt_path(&dt, "/memory@8"), DT_ERR_NOTFOUND);
    free(b.data);
}

/* dtc's rendering of a blob file, for comparing two blobs as text. */
static char *dtc_decompile(const char *path)
{
    char cmd[1024];
    char *out = calloc(1, 65536);
    size_t n;
    FILE *p;

    snprintf(cmd, sizeof(cmd), "dtc -q -I dtb -O dts '%s'", path);
    p = popen(cmd, "r");
    assert_non_null(p);
    n = fread(out, 1, 65535, p);
    assert_int_equal(pclose(p), 0);
    assert_true(n > 0);
    return out;
}

static char *write_temp(const void *data, size_t size)
{
    static char path[] = "/tmp/hext-fdt-test-XXXXXX";
    char *copy = strdup(path);
    int fd = mkstemp(copy);
    FILE *f;

    assert_true(fd >= 0);
    f = fdopen(fd, "wb");
    assert_int_equal(fwrite(data, 1, size, f), size);
    fclose(f);
    return copy;
}

/* Builds the tree of writer-expected.dts; returns dtw_finish()'s result. */
static int build_expected(void *buf, size_t cap)
{
    static const char *const plic_compat[] = {"sifive,plic-1.0.0", "riscv,plic0"};
    static const uint8_t raw[] = {0xde, 0xad, 0xbe, 0xef, 0x01};
    struct dtw w;

    dtw_init(&w, buf, cap);
    dtw_begin_node(&w, "");
    dtw_prop_u32(&w, "#address-cells", 2);
    dtw_prop_u32(&w, "#size-cells", 2);
    dtw_prop_string(&w, "compatible", "hext,test");
    dtw_prop_string(&w, "model", "hext writer");
    dtw_begin_node(&w, "chosen");
    dtw_prop_string(&w, "bootargs", "console=hvc0");
    dtw_prop_string(&w, "stdout-path", "/soc/serial@10000000");
    dtw_prop_u64(&w, "linux,initrd-start", 0x84000000);
    dtw_prop_u64(&w, "linux,initrd-end", 0x84100000);
    dtw_end_node(&w);
    dtw_begin_node(&w, "memory@80000000");
    dtw_prop_string(&w, "device_type", "memory");
    dtw_prop_addr_size(&w, "reg", 2, 2, 0x80000000, 0x10000000);
    dtw_end_node(&w);
    dtw_begin_node(&w, "cpus");
    dtw_prop_u32(&w, "#address-cells", 1);
    dtw_prop_u32(&w, "#size-cells", 0);
    dtw_prop_u32(&w, "timebase-frequency", 10000000);
    dtw_begin_node(&w, "cpu@0");
    dtw_prop_string(&w, "device_type", "cpu");
    dtw_prop_addr_size(&w, "reg", 1, 0, 0, 0);
    dtw_prop_string(&w, "compatible", "riscv");
    dtw_prop_string(&w, "riscv,isa", "rv64imafdc");
    dtw_prop_empty(&w, "empty");
    dtw_prop(&w, "raw", raw, sizeof(raw));
    dtw_end_node(&w);
    dtw_end_node(&w);
    dtw_begin_node(&w, "soc");
    dtw_prop_u32(&w, "#address-cells", 2);
    dtw_prop_u32(&w, "#size-cells", 2);
    dtw_prop_string(&w, "compatible", "simple-bus");
    dtw_prop_empty(&w, "ranges");
    dtw_begin_node(&w, "serial@10000000");
    dtw_prop_string(&w, "compatible", "ns16550a");
    dtw_prop_addr_size(&w, "reg", 2, 2, 0x10000000, 0x100);
    dtw_prop_u32(&w, "interrupts", 10);
    dtw_end_node(&w);
    dtw_begin_node(&w, "plic@c000000");
    dtw_prop_strings(&w, "compatible", plic_compat, 2);
    dtw_prop_addr_size(&w, "reg", 2, 2, 0xc000000, 0x4000000);
    dtw_prop_u32(&w, "riscv,ndev", 31);
    dtw_end_node(&w);
    dtw_end_node(&w);
    dtw_end_node(&w);
    return dtw_finish(&w, 0);
}

static void test_writer_matches_dtc(void **state)
{
    static uint8_t buf[4096];
    char expected_path[512];
    char *ours, *got, *want;
    int size = build_expected(buf, sizeof(buf));

    (void)state;
    assert_true(size > 0);
    assert_int_equal(fdt_check_full(buf, (size_t)size), 0);
    assert_int_equal(fdt_version(buf), 17);
    assert_int_equal(fdt_last_comp_version(buf), 16);
    assert_int_equal(fdt_num_mem_rsv(buf), 0);
    assert_int_equal(fdt_totalsize(buf), (uint32_t)size);
    crosscheck(buf, (size_t)size);
    ours = write_temp(buf, (size_t)size);
    got = dtc_decompile(ours);
    snprintf(expected_path, sizeof(expected_path), "%s/writer-expected.dtb", TEST_DATA_DIR);
    want = dtc_decompile(expected_path);
    assert_string_equal(got, want);
    remove(ours);
    free(ours);
    free(got);
    free(want);
}

/* Names are stored once: "compatible", "reg", ... appear several times in the tree. */
static void test_writer_dedups_strings(void **state)
{
    static uint8_t buf[4096];
    int size = build_expected(buf, sizeof(buf));
    const char *strings = (const char *)buf + fdt_off_dt_strings(buf);
    uint32_t n = fdt_size_dt_strings(buf), off;
    unsigned compat = 0;

    (void)state;
    assert_true(size > 0);
    for (off = 0; off < n; off += (uint32_t)strlen(strings + off) + 1)
        compat += !strcmp(strings + off, "compatible");
    assert_int_equal(compat, 1);
}

static void test_writer_buffer_too_small(void **state)
{
    static uint8_t buf[4096];
    int need = build_expected(buf, sizeof(buf));
    int cap;

    (void)state;
    assert_true(need > 0);
    for (cap = 0; cap < need; cap++) {
        uint8_t *small = malloc((size_t)cap + 1);

        assert_int_equal(build_expected(small, (size_t)cap), DT_ERR_NOSPACE);
        free(small);
    }
    assert_int_equal(build_expected(buf, (size_t)need), need);
    assert_int_equal(fdt_check_full(buf, (size_t)need), 0);
}

static void test_writer_rejects_bad_order(void **state)
{
    static uint8_t buf[1024];
    struct dtw w;

    (void)state;
    dtw_init(&w, buf, sizeof(buf));
    assert_int_equal(dtw_prop_u32(&w, "x", 1), DT_ERR_STATE); /* property outside the root */
    dtw_init(&w, buf, sizeof(buf));
    assert_int_equal(dtw_begin_node(&w, "notroot"), DT_ERR_STATE);
    dtw_init(&w, buf, sizeof(buf));
    assert_int_equal(dtw_end_node(&w), DT_ERR_STATE);
    dtw_init(&w, buf, sizeof(buf));
    assert_int_equal(dtw_finish(&w, 0), DT_ERR_STATE); /* no root */
    dtw_init(&w, buf, sizeof(buf));
    dtw_begin_node(&w, "");
    assert_int_equal(dtw_finish(&w, 0), DT_ERR_STATE); /* root still open */
    dtw_init(&w, buf, sizeof(buf));
    dtw_begin_node(&w, "");
    dtw_begin_node(&w, "child");
    dtw_end_node(&w);
    assert_int_equal(dtw_prop_u32(&w, "late", 1), DT_ERR_STATE); /* §5.4.2 order */
    assert_int_equal(dtw_end_node(&w), DT_ERR_STATE);            /* sticky */
    dtw_init(&w, buf, sizeof(buf));
    dtw_begin_node(&w, "");
    dtw_end_node(&w);
    assert_int_equal(dtw_begin_node(&w, ""), DT_ERR_STATE); /* second root */
    dtw_init(&w, buf, sizeof(buf));
    dtw_begin_node(&w, "");
    assert_int_equal(dtw_prop_addr_size(&w, "reg", 1, 1, 1ULL << 32, 0), DT_ERR_BADVALUE);
}

/* Long cell arrays (e.g. a PLIC's interrupts-extended for many harts) are written whole. */
static void test_writer_long_cells(void **state)
{
    static uint8_t buf[2048];
    uint32_t cells[100];
    const fdt32_t *got;
    struct dtw w;
    int i, len, size;

    (void)state;
    for (i = 0; i < 100; i++)
        cells[i] = 0x01000000U * (uint32_t)i + (uint32_t)i;
    dtw_init(&w, buf, sizeof(buf));
    dtw_begin_node(&w, "");
    dtw_prop_cells(&w, "interrupts-extended", cells, 100);
    dtw_end_node(&w);
    size = dtw_finish(&w, 0);
    assert_true(size > 0);
    assert_int_equal(fdt_check_full(buf, (size_t)size), 0);
    got = fdt_getprop(buf, 0, "interrupts-extended", &len);
    assert_int_equal(len, 400);
    for (i = 0; i < 100; i++)
        assert_int_equal(fdt32_to_cpu(got[i]), cells[i]);
}

/* Copying the whole of QEMU's tree gives a blob libfdt and dtc see as identical. */
static void test_writer_copy_subtree(void **state)
{
    struct blob b = load("qemu-virt.dtb");
    static uint8_t buf[65536];
    struct dt dt;
    struct dtw w;
    int size;
    char *p1, *p2, *t1, *t2;

    (void)state;
    assert_int_equal(dt_open(&dt, b.data, b.size), 0);
    dtw_init(&w, buf, sizeof(buf));
    assert_int_equal(dtw_copy_subtree(&w, &dt, 0), 0);
    size = dtw_finish(&w, fdt_boot_cpuid_phys(b.data));
    assert_true(size > 0);
    crosscheck(buf, (size_t)size);
    p1 = write_temp(b.data, b.size);
    p2 = write_temp(buf, (size_t)size);
    t1 = dtc_decompile(p1);
    t2 = dtc_decompile(p2);
    assert_string_equal(t1, t2);
    remove(p1);
    remove(p2);
    free(p1);
    free(p2);
    free(t1);
    free(t2);

    /* A subtree copied under a new root. */
    dtw_init(&w, buf, sizeof(buf));
    dtw_begin_node(&w, "");
    assert_int_equal(dtw_copy_subtree(&w, &dt, dt_path(&dt, "/cpus")), 0);
    dtw_end_node(&w);
    size = dtw_finish(&w, 0);
    assert_true(size > 0);
    assert_int_equal(fdt_check_full(buf, (size_t)size), 0);
    assert_true(fdt_path_offset(buf, "/cpus/cpu@0/interrupt-controller") > 0);
    assert_int_equal(fdt_path_offset(buf, "/soc"), -FDT_ERR_NOTFOUND);
    free(b.data);
}

/* Runs every reader entry point over the blob; the blob may be garbage. */
static void exercise(const void *data, size_t size)
{
    struct dt dt;
    int node, depth = 0, steps = 0;

    if (dt_open(&dt, data, size))
        return;
    for (node = dt_next_node(&dt, -1, &depth); node >= 0 && steps < 10000;
         node = dt_next_node(&dt, node, &depth), steps++) {
        uint64_t a, s;
        int prop, len;

        dt_name(&dt, node);
        dt_parent(&dt, node);
        dt_first_child(&dt, node);
        dt_next_sibling(&dt, node);
        dt_reg(&dt, node, 0, &a, &s);
        dt_prop_string(&dt, node, "compatible", 1);
        for (prop = dt_first_prop(&dt, node); prop >= 0; prop = dt_next_prop(&dt, prop))
            dt_prop_at(&dt, prop, NULL, &len);
    }
    assert_true(steps < 10000);
    dt_path(&dt, "/soc/serial@10000000");
    dt_next_compatible(&dt, -1, "ns16550a");
    dt_next_device_type(&dt, -1, "cpu");
}

static void put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

static void test_reader_rejects_malformed(void **state)
{
    struct blob b = load("qemu-virt.dtb");
    uint8_t *m = malloc(b.size);
    struct dt dt;
    size_t cut;
    uint32_t total = fdt_totalsize(b.data);

    (void)state;
    assert_int_equal(dt_open(&dt, b.data, 39), DT_ERR_TRUNCATED);
    assert_int_equal(dt_open(&dt, b.data, total - 1), DT_ERR_TRUNCATED);
    assert_int_equal(dt_open(&dt, NULL, 1000), DT_ERR_TRUNCATED);
#define CORRUPT(field_off, value, expect)                                                          \
    do {                                                                                           \
        memcpy(m, b.data, b.size);                                                                 \
        put32(m + (field_off), (value));                                                           \
        assert_int_equal(dt_open(&dt, m, b.size), (expect));                                       \
    } while (0)
    CORRUPT(0, 0xd00dfeee, DT_ERR_MAGIC);
    CORRUPT(20, 15, DT_ERR_VERSION);
    CORRUPT(24, 18, DT_ERR_VERSION);
    CORRUPT(4, 20, DT_ERR_LAYOUT);                            /* totalsize below a header */
    CORRUPT(8, total, DT_ERR_LAYOUT);                         /* struct beyond the end */
    CORRUPT(8, fdt_off_dt_struct(b.data) + 2, DT_ERR_LAYOUT); /* misaligned */
    CORRUPT(36, 0xfffffff0, DT_ERR_LAYOUT);                   /* size_dt_struct overflow */
    CORRUPT(12, total + 1, DT_ERR_LAYOUT);
    CORRUPT(32, 0xffffffff, DT_ERR_LAYOUT);
    CORRUPT(16, total, DT_ERR_LAYOUT);
    CORRUPT(fdt_off_dt_struct(b.data), 7, DT_ERR_STRUCT); /* first token not BEGIN_NODE */
#undef CORRUPT

    /* A property whose name offset points past the strings block. */
    memcpy(m, b.data, b.size);
    {
        int prop = fdt_first_property_offset(m, 0);
        struct dt d;

        put32(m + fdt_off_dt_struct(m) + (uint32_t)prop + 8, fdt_size_dt_strings(m));
        assert_int_equal(dt_open(&d, m, b.size), 0);
        assert_int_equal(dt_first_prop(&d, 0), prop);
        assert_null(dt_prop_at(&d, prop, NULL, NULL));
        assert_null(dt_prop(&d, 0, "compatible", NULL));
        assert_true(dt_first_child(&d, 0) < 0);
        assert_true(dt_next_node(&d, 0, NULL) < 0);
        /* A property length running past the block. */
        memcpy(m, b.data, b.size);
        put32(m + fdt_off_dt_struct(m) + (uint32_t)prop + 4, 0x7ffffff0);
        assert_int_equal(dt_open(&d, m, b.size), 0);
        assert_null(dt_prop(&d, 0, "#size-cells", NULL));
    }

    /* Every truncation of the structure block (header claims less than it needs). */
    for (cut = 0; cut < fdt_size_dt_struct(b.data); cut += 4) {
        memcpy(m, b.data, b.size);
        put32(m + 36, (uint32_t)cut);
        exercise(m, b.size);
    }
    /* Every truncation of the blob itself, header adjusted so it claims no more. */
    for (cut = 40; cut < b.size; cut += 3) {
        memcpy(m, b.data, cut);
        put32(m + 4, (uint32_t)cut);
        exercise(m, cut);
    }
    free(m);
    free(b.data);
}

/* Deterministic byte corruption: the reader must neither crash nor loop (ASan/UBSan build). */
static void test_reader_survives_corruption(void **state)
{
    struct blob b = load("edge-cases.dtb");
    uint8_t *m = malloc(b.size);
    uint32_t seed = 12345;
    int round;

    (void)state;
    for (round = 0; round < 20000; round++) {
        int flips = 1 + round % 4, i;

        memcpy(m, b.data, b.size);
        for (i = 0; i < flips; i++) {
            seed = seed * 1103515245 + 12345;
            m[40 + (seed >> 8) % (b.size - 40)] = (uint8_t)(seed >> 24);
        }
        exercise(m, b.size);
    }
    free(m);
    free(b.data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_reader_matches_libfdt),
            cmocka_unit_test(test_reader_skips_nops),
            cmocka_unit_test(test_reader_queries),
            cmocka_unit_test(test_reader_rejects_malformed),
            cmocka_unit_test(test_reader_survives_corruption),
            cmocka_unit_test(test_writer_matches_dtc),
            cmocka_unit_test(test_writer_dedups_strings),
            cmocka_unit_test(test_writer_buffer_too_small),
            cmocka_unit_test(test_writer_rejects_bad_order),
            cmocka_unit_test(test_writer_long_cells),
            cmocka_unit_test(test_writer_copy_subtree),
    };

    return cmocka_run_group_tests_name("fdt", tests, NULL, NULL);
}
