/*
 * The translation model against an independent walker: lib/pt (written and tested separately)
 * builds a VS-stage Sv39 table and a G-stage Sv48x4 table with random 4 KiB, 2 MiB and 1 GiB
 * mappings, and pt_walk() of both stages, composed, must agree with xl_translate() on every
 * address: same final address when both stages map it, the right fault (page fault or
 * guest-page fault) when one of them does not.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model/xlate.h"
#include "pt/pt.h"

#define MAX_TABLES 256
#define ALL        (PTE_R | PTE_W | PTE_X | PTE_U | PTE_A | PTE_D)

static void *tables[MAX_TABLES];
static unsigned n_tables;
static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint64_t rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static void *alloc(void *ctx, size_t bytes)
{
    (void)ctx;
    void *p = aligned_alloc(bytes, bytes);
    if (p && n_tables < MAX_TABLES)
        tables[n_tables++] = p;
    return p;
}

static uint64_t host_read(void *ctx, uint64_t pa)
{
    (void)ctx;
    return *(const uint64_t *)(uintptr_t)pa;
}

/* A random aligned mapping of 4 KiB, 2 MiB or 1 GiB; clashes with earlier ones are skipped. */
static void map_random(struct pt *pt, uint64_t va_base, uint64_t va_span, uint64_t flags)
{
    static const uint64_t sizes[] = {1ull << 12, 1ull << 21, 1ull << 30};
    uint64_t size = sizes[rnd() % 3];
    uint64_t va = va_base + (rnd() % (va_span / size)) * size;
    uint64_t pa = (rnd() % ((1ull << 40) / size)) * size;
    (void)pt_map(pt, va, pa, size, flags);
}

static void agrees_with_lib_pt(void **state)
{
    (void)state;
    struct pt vs, g;
    assert_int_equal(pt_init(&vs, PT_SV39, alloc, NULL), 0);
    unsigned first_vs_table = n_tables - 1;
    /* VS-stage: VAs in the low 64 GiB and the top 64 GiB (negative, canonical). */
    for (int i = 0; i < 300; i++)
        map_random(&vs, (i & 1) ? 0xfffffff000000000ull : 0, 1ull << 36, ALL & ~PTE_U);
    unsigned end_vs_tables = n_tables;

    assert_int_equal(pt_init(&g, PT_SV48X4, alloc, NULL), 0);
    /* The VS tables are guest memory: GPA == their host address, which Sv48x4 covers. */
    for (unsigned t = first_vs_table; t < end_vs_tables; t++)
        assert_int_equal(pt_map(&g, (uintptr_t)tables[t], (uintptr_t)tables[t], 4096, ALL), 0);
    /* G-stage: GPAs below 2^40, where the VS leaves point. */
    for (int i = 0; i < 3000; i++)
        map_random(&g, 0, 1ull << 40, ALL);

    struct xl_config cfg = {
            .vs_mode = XL_MODE_SV39,
            .vs_root = (uintptr_t)vs.root,
            .g_mode = XL_MODE_SV48,
            .g_root = (uintptr_t)g.root,
            .read = host_read,
    };
    unsigned both = 0, vs_miss = 0, g_miss = 0;
    for (int i = 0; i < 200000; i++) {
        uint64_t va = rnd() & ((1ull << 36) - 1) & ~7ull;
        if (i & 1)
            va |= 0xfffffff000000000ull;
        uint64_t gpa, spa;
        struct xl_result r;
        xl_translate(&cfg, va, XL_LOAD, XL_VS, &r);
        if (pt_walk(&vs, va, &gpa, NULL, NULL) != 0) {
            vs_miss++;
            assert_false(r.ok);
            assert_int_equal(r.cause, XL_CAUSE_LOAD_PF);
        } else if (pt_walk(&g, gpa, &spa, NULL, NULL) != 0) {
            g_miss++;
            assert_false(r.ok);
            assert_int_equal(r.cause, XL_CAUSE_LOAD_GPF);
            assert_int_equal(r.gpa, gpa);
        } else {
            both++;
            if (!r.ok)
                fail_msg("va 0x%lx: lib/pt maps it to 0x%lx, model says %s", (unsigned long)va,
                         (unsigned long)spa, r.why);
            assert_int_equal(r.gpa, gpa);
            assert_int_equal(r.pa, spa);
        }
    }
    /* The random layout must exercise all three outcomes. */
    assert_true(both > 100 && vs_miss > 100 && g_miss > 100);
    for (unsigned t = 0; t < n_tables; t++)
        free(tables[t]);
    n_tables = 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
            cmocka_unit_test(agrees_with_lib_pt),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
