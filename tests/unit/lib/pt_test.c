/*
 * Page-table builder. Translations are checked with a reference walker written here straight
 * from the privileged spec's algorithm (§12.3.2), starting from the satp/hgatp value pt_satp()
 * gives, so the table layout, the root index of the x4 modes and the satp encoding are all
 * checked against the spec rather than against pt_walk().
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "pt/pt.h"

#define K4  0x1000ULL
#define M2  0x200000ULL
#define G1  0x40000000ULL
#define RAM (PTE_R | PTE_W | PTE_X | PTE_U | PTE_A | PTE_D)

struct pool {
    void *blocks[4096];
    unsigned n;
    unsigned limit; /* 0: no limit */
};

static void *pool_alloc(void *ctx, size_t bytes)
{
    struct pool *p = ctx;
    void *b;

    if ((p->limit && p->n >= p->limit) || p->n == 4096)
        return NULL;
    b = aligned_alloc(bytes, bytes);
    /* Garbage, so that a table pt forgot to zero shows up. */
    memset(b, 0xa5, bytes);
    p->blocks[p->n++] = b;
    return b;
}

static void pool_free(struct pool *p)
{
    while (p->n)
        free(p->blocks[--p->n]);
}

/*
 * §12.3.2 with PAGESIZE 4096, PTESIZE 8, LEVELS from satp.MODE (8: 3, 9: 4, 10: 5). x4 (G-stage,
 * §18.5.1): VPN[LEVELS-1] is 11 bits, the GPA is zero-extended. Returns the level of the leaf,
 * or -1 on a fault.
 */
static int ref_translate(uint64_t satp, int x4, uint64_t va, uint64_t *pa)
{
    int levels = (int)(satp >> 60) - 8 + 3;
    uint64_t a = (satp & ((1ULL << 44) - 1)) * 4096;
    int i = levels - 1;

    for (;;) {
        int vpn_bits = (x4 && i == levels - 1) ? 11 : 9;
        uint64_t vpn = (va >> (12 + 9 * i)) & ((1ULL << vpn_bits) - 1);
        uint64_t pte = *(uint64_t *)(uintptr_t)(a + vpn * 8);
        uint64_t ppn = (pte >> 10) & ((1ULL << 44) - 1);

        if (!(pte & PTE_V) || (!(pte & PTE_R) && (pte & PTE_W)))
            return -1;
        if (pte & (PTE_R | PTE_X)) {
            uint64_t low = (1ULL << (9 * i)) - 1; /* ppn[i-1:0] */

            if (ppn & low)
                return -1;
            *pa = (ppn << 12) | (va & ((1ULL << (12 + 9 * i)) - 1));
            return i;
        }
        if (--i < 0)
            return -1;
        a = ppn * 4096;
    }
}

/* Every 4 KiB page of [va, va+size) translates to pa+off, in both walkers. Returns a bitmask
 * of the leaf levels seen. */
static unsigned check_range(const struct pt *pt, uint64_t va, uint64_t pa, uint64_t size)
{
    int x4 = pt->mode >= PT_SV39X4;
    uint64_t satp = pt_satp(pt, 0);
    unsigned levels = 0;
    uint64_t off;

    for (off = 0; off < size; off += K4) {
        uint64_t got = 0, walk_pa = 0, pte = 0;
        int level = -1;
        int ref_level = ref_translate(satp, x4, va + off + 0x123, &got);

        if (ref_level < 0)
            fail_msg("va %#llx not mapped", (unsigned long long)(va + off));
        assert_int_equal(got, pa + off + 0x123);
        assert_int_equal(pt_walk(pt, va + off + 0x123, &walk_pa, &pte, &level), 0);
        assert_int_equal(walk_pa, got);
        assert_int_equal(level, ref_level);
        levels |= 1U << level;
    }
    return levels;
}

static void assert_unmapped(const struct pt *pt, uint64_t va)
{
    uint64_t pa;

    assert_int_equal(pt_walk(pt, va, &pa, NULL, NULL), PT_ERR_NOTMAPPED);
    assert_int_equal(ref_translate(pt_satp(pt, 0), pt->mode >= PT_SV39X4, va, &pa), -1);
}

static void test_gigapage_identity(void **state)
{
    struct pool pool = {0};
    struct pt pt;
    uint64_t pte;
    int level;

    (void)state;
    assert_int_equal(pt_init(&pt, PT_SV39, pool_alloc, &pool), 0);
    assert_int_equal(pt_map(&pt, 0x80000000, 0x80000000, G1, RAM), 0);
    assert_int_equal(pool.n, 1); /* the root holds the 1 GiB leaf itself */
    assert_int_equal(check_range(&pt, 0x80000000, 0x80000000, G1), 1U << 2);
    assert_int_equal(pt_walk(&pt, 0x80000000, NULL, &pte, &level), 0);
    assert_int_equal(pte & 0x3ff, RAM | PTE_V);
    assert_int_equal(level, 2);
    assert_unmapped(&pt, 0x7ffff000);
    assert_unmapped(&pt, 0xc0000000);
    pool_free(&pool);
}

/* Head of 4 KiB pages, a 2 MiB page up to the 1 GiB boundary, a 1 GiB page, a 2 MiB page and
 * a 4 KiB tail: the largest aligned leaf at every step. */
static void test_mixed_alignment(void **state)
{
    static const enum pt_mode modes[] = {PT_SV39,   PT_SV48,   PT_SV57,
                                         PT_SV39X4, PT_SV48X4, PT_SV57X4};
    uint64_t va = 0x7fe00000 - 3 * K4;
    uint64_t pa = va + 0x100000000ULL;
    uint64_t size = 3 * K4 + M2 + G1 + M2 + 5 * K4;
    unsigned i;

    (void)state;
    for (i = 0; i < 6; i++) {
        struct pool pool = {0};
        struct pt pt;
        unsigned extra = pt_levels(modes[i]) - 3; /* tables above the Sv39 root */

        assert_int_equal(pt_init(&pt, modes[i], pool_alloc, &pool), 0);
        assert_int_equal(pt_map(&pt, va, pa, size, RAM), 0);
        assert_int_equal(check_range(&pt, va, pa, size), 0x7);
        assert_int_equal(check_range(&pt, va, pa, 3 * K4), 0x1);
        assert_int_equal(check_range(&pt, va + 3 * K4, pa + 3 * K4, M2), 0x2);
        assert_int_equal(check_range(&pt, 0x80000000, pa + 3 * K4 + M2, G1), 0x4);
        assert_int_equal(check_range(&pt, 0xc0000000, pa + 3 * K4 + M2 + G1, M2), 0x2);
        assert_int_equal(check_range(&pt, 0xc0200000, pa + 3 * K4 + 2 * M2 + G1, 5 * K4), 0x1);
        /* root + (levels-3 intermediate) + two level-1 tables + two level-0 tables */
        assert_int_equal(pool.n, 1 + extra + 4);
        assert_unmapped(&pt, va - K4);
        assert_unmapped(&pt, va + size);
        pool_free(&pool);
    }
}

static void test_misaligned_pa_uses_small_pages(void **state)
{
    struct pool pool = {0};
    struct pt pt;

    (void)state;
    assert_int_equal(pt_init(&pt, PT_SV39X4, pool_alloc, &pool), 0);
    assert_int_equal(pt_map(&pt, 0x80000000, 0x90001000, 2 * M2, RAM), 0);
    assert_int_equal(check_range(&pt, 0x80000000, 0x90001000, 2 * M2), 0x1);
    pool_free(&pool);
}

/* §18.5.1: in Sv39x4/Sv48x4/Sv57x4 the root VPN takes GPA bits 40:30 / 49:39 / 58:48. */
static void test_x4_root_index(void **state)
{
    static const enum pt_mode modes[] = {PT_SV39X4, PT_SV48X4, PT_SV57X4};
    unsigned i;

    (void)state;
    for (i = 0; i < 3; i++) {
        struct pool pool = {0};
        struct pt pt;
        unsigned top_shift = 12 + 9 * (pt_levels(modes[i]) - 1);
        uint64_t gpa = (3ULL << (top_shift + 9)) | (5ULL << top_shift) | 0x7000;
        uint64_t max = 1ULL << pt_va_bits(modes[i]);

        assert_int_equal(pt_va_bits(modes[i]), top_shift + 11);
        assert_int_equal(pt_init(&pt, modes[i], pool_alloc, &pool), 0);
        assert_int_equal(pt_map(&pt, gpa, 0x80000000, K4, RAM), 0);
        assert_true(pt.root[3 * 512 + 5] & PTE_V); /* in the fourth 4 KiB page of the root */
        assert_int_equal(check_range(&pt, gpa, 0x80000000, K4), 0x1);
        assert_unmapped(&pt, gpa & ~(3ULL << (top_shift + 9)));
        /* The last page below 2^(bits) is valid; one past it is out of range. */
        assert_int_equal(pt_map(&pt, max - K4, 0x80000000, K4, RAM), 0);
        assert_int_equal(pt_map(&pt, max, 0x80000000, K4, RAM), PT_ERR_RANGE);
        assert_int_equal(pt_map(&pt, max - K4, 0x80000000, 2 * K4, RAM), PT_ERR_RANGE);
        assert_int_equal(pt_walk(&pt, max, NULL, NULL, NULL), PT_ERR_RANGE);
        pool_free(&pool);
    }
}

static void test_largest_leaves(void **state)
{
    struct pool pool = {0};
    struct pt pt;
    uint64_t pa;
    int level;

    (void)state;
    /* Sv48: 512 GiB leaves at level 3 (§12.5). */
    assert_int_equal(pt_init(&pt, PT_SV48, pool_alloc, &pool), 0);
    assert_int_equal(pt_map(&pt, 1ULL << 39, 1ULL << 40, 1ULL << 39, RAM), 0);
    assert_int_equal(pool.n, 1);
    assert_int_equal(pt_walk(&pt, (1ULL << 39) + 0x1234567, &pa, NULL, &level), 0);
    assert_int_equal(level, 3);
    assert_int_equal(pa, (1ULL << 40) + 0x1234567);
    assert_int_equal(ref_translate(pt_satp(&pt, 0), 0, (1ULL << 39) + 5, &pa), 3);
    pool_free(&pool);
    /* Sv57: 256 TiB leaves at level 4 (§12.6). */
    assert_int_equal(pt_init(&pt, PT_SV57, pool_alloc, &pool), 0);
    assert_int_equal(pt_map(&pt, 0, 1ULL << 48, 1ULL << 48, RAM), 0);
    assert_int_equal(pt_walk(&pt, 0xabcdef123456ULL, &pa, NULL, &level), 0);
    assert_int_equal(level, 4);
    assert_int_equal(pa, (1ULL << 48) + 0xabcdef123456ULL);
    pool_free(&pool);
}

/* §12.4: VAs must have bits 63:39 equal to bit 38 (Sv39); likewise 47 and 56. */
static void test_sign_extended_va(void **state)
{
    struct pool pool = {0};
    struct pt pt;

    (void)state;
    assert_int_equal(pt_init(&pt, PT_SV39, pool_alloc, &pool), 0);
    assert_int_equal(pt_map(&pt, 0xffffffffc0000000ULL, 0x80000000, G1, RAM | PTE_G), 0);
    assert_int_equal(check_range(&pt, 0xffffffffc0000000ULL, 0x80000000, 4 * K4), 0x4);
    assert_int_equal(pt_map(&pt, 0x4000000000ULL, 0x80000000, K4, RAM), PT_ERR_RANGE);
    assert_int_equal(pt_map(&pt, 0xffffff0000000000ULL, 0x80000000, K4, RAM), PT_ERR_RANGE);
    assert_int_equal(pt_map(&pt, 0x3ffffff000ULL, 0x80000000, 2 * K4, RAM), PT_ERR_RANGE);
    assert_int_equal(pt_walk(&pt, 0x4000000000ULL, NULL, NULL, NULL), PT_ERR_RANGE);
    pool_free(&pool);
    assert_int_equal(pt_init(&pt, PT_SV48, pool_alloc, &pool), 0);
    assert_int_equal(pt_map(&pt, 0xffff800000000000ULL, 0x80000000, M2, RAM), 0);
    assert_int_equal(check_range(&pt, 0xffff800000000000ULL, 0x80000000, M2), 0x2);
    assert_int_equal(pt_map(&pt, 0x0000800000000000ULL, 0x80000000, K4, RAM), PT_ERR_RANGE);
    pool_free(&pool);
    /* x4 modes take GPAs: no sign extension. */
    assert_int_equal(pt_init(&pt, PT_SV39X4, pool_alloc, &pool), 0);
    assert_int_equal(pt_map(&pt, 0xffffffffc0000000ULL, 0x80000000, G1, RAM), PT_ERR_RANGE);
    pool_free(&pool);
}

static void test_bad_arguments(void **state)
{
    struct pool pool = {0};
    struct pt pt;

    (void)state;
    assert_int_equal(pt_init(&pt, (enum pt_mode)42, pool_alloc, &pool), PT_ERR_MODE);
    assert_int_equal(pt_init(&pt, PT_SV39, pool_alloc, &pool), 0);
    assert_int_equal(pt_map(&pt, 0x80000800, 0x80000000, K4, RAM), PT_ERR_ALIGN);
    assert_int_equal(pt_map(&pt, 0x80000000, 0x80000010, K4, RAM), PT_ERR_ALIGN);
    assert_int_equal(pt_map(&pt, 0x80000000, 0x80000000, 100, RAM), PT_ERR_ALIGN);
    assert_int_equal(pt_map(&pt, 0x80000000, 0x80000000, 0, RAM), PT_ERR_RANGE);
    assert_int_equal(pt_map(&pt, 0x80000000, 1ULL << 56, K4, RAM), PT_ERR_RANGE);
    assert_int_equal(pt_map(&pt, 0x80000000, (1ULL << 56) - K4, 2 * K4, RAM), PT_ERR_RANGE);
    assert_int_equal(pt_map(&pt, 0x80000000, 0x80000000, K4, 0), PT_ERR_FLAGS);
    assert_int_equal(pt_map(&pt, 0x80000000, 0x80000000, K4, PTE_W), PT_ERR_FLAGS);
    assert_int_equal(pt_map(&pt, 0x80000000, 0x80000000, K4, PTE_W | PTE_X), PT_ERR_FLAGS);
    assert_int_equal(pt_map(&pt, 0x80000000, 0x80000000, K4, PTE_R | (1ULL << 61)), PT_ERR_FLAGS);
    assert_int_equal(pool.n, 1);
    pool_free(&pool);
}

/* Overlaps are refused, and a refused map leaves the tables as they were. */
static void test_overlap_refused(void **state)
{
    struct pool pool = {0};
    struct pt pt;

    (void)state;
    assert_int_equal(pt_init(&pt, PT_SV39X4, pool_alloc, &pool), 0);
    assert_int_equal(pt_map(&pt, M2 + K4, 0x80000000, K4, RAM), 0);
    assert_int_equal(pt_map(&pt, 0, 0x80000000, 4 * M2, RAM), PT_ERR_EXISTS);
    assert_unmapped(&pt, 0);
    assert_unmapped(&pt, 2 * M2);
    assert_int_equal(pt_map(&pt, M2 + K4, 0x90000000, K4, RAM), PT_ERR_EXISTS);
    assert_int_equal(pt_map(&pt, G1, 0x80000000, G1, RAM), 0);
    assert_int_equal(pt_map(&pt, G1 + 5 * M2, 0x80000000, K4, RAM), PT_ERR_EXISTS);
    assert_int_equal(pt_map(&pt, G1 - K4, 0x80000000, 2 * K4, RAM), PT_ERR_EXISTS);
    assert_unmapped(&pt, G1 - K4);
    /* Neighbours are fine. */
    assert_int_equal(pt_map(&pt, M2, 0x80000000, K4, RAM), 0);
    assert_int_equal(pt_map(&pt, 2 * G1, 0x80000000, K4, RAM), 0);
    pool_free(&pool);
}

static void test_out_of_memory(void **state)
{
    unsigned limit;

    (void)state;
    for (limit = 1; limit <= 3; limit++) {
        struct pool pool = {.limit = limit};
        struct pt pt;

        assert_int_equal(pt_init(&pt, PT_SV39, pool_alloc, &pool), 0);
        assert_int_equal(pt_map(&pt, 0x80000000, 0x80000000, K4, RAM),
                         limit < 3 ? PT_ERR_NOMEM : 0);
        pool_free(&pool);
    }
    {
        struct pool none = {.limit = 0, .n = 4096};
        struct pt pt;

        assert_int_equal(pt_init(&pt, PT_SV39, pool_alloc, &none), PT_ERR_NOMEM);
    }
}

/* satp: MODE 63:60, ASID 59:44, PPN 43:0 (§12.1.11); hgatp: MODE, VMID 57:44, PPN (§18.2.10). */
static void test_satp_encoding(void **state)
{
    static const enum pt_mode modes[] = {PT_SV39,   PT_SV48,   PT_SV57,
                                         PT_SV39X4, PT_SV48X4, PT_SV57X4};
    static const uint64_t mode_field[] = {8, 9, 10, 8, 9, 10};
    unsigned i;

    (void)state;
    for (i = 0; i < 6; i++) {
        struct pool pool = {0};
        struct pt pt;
        uint64_t v;

        assert_int_equal(pt_init(&pt, modes[i], pool_alloc, &pool), 0);
        v = pt_satp(&pt, 0xffff);
        assert_int_equal(v >> 60, mode_field[i]);
        assert_int_equal(v & ((1ULL << 44) - 1), (uintptr_t)pt.root >> 12);
        assert_int_equal((v >> 44) & 0xffff, i < 3 ? 0xffff : 0x3fff);
        pool_free(&pool);
    }
}

/* Non-leaf PTEs carry V only (D, A, U reserved there, §12.3.1); leaves carry what was asked. */
static void test_pte_bits(void **state)
{
    struct pool pool = {0};
    struct pt pt;
    uint64_t pte;

    (void)state;
    assert_int_equal(pt_init(&pt, PT_SV48X4, pool_alloc, &pool), 0);
    assert_int_equal(pt_map(&pt, 0x10000000, 0x10000000, K4, PTE_R | PTE_W | PTE_U), 0);
    assert_int_equal(pt.root[0] & 0x3ff, PTE_V);
    assert_int_equal(pt_walk(&pt, 0x10000000, NULL, &pte, NULL), 0);
    assert_int_equal(pte & 0x3ff, PTE_V | PTE_R | PTE_W | PTE_U);
    assert_int_equal(pte >> 54, 0); /* PBMT, N and reserved bits clear */
    pool_free(&pool);
}

/* A 4 KiB leaf can be switched off and on through its entry; superpages and holes have none. */
static void test_page_entry(void **state)
{
    struct pool pool = {0};
    struct pt pt;
    uint64_t pa, *e;

    (void)state;
    assert_int_equal(pt_init(&pt, PT_SV39X4, pool_alloc, &pool), 0);
    assert_int_equal(pt_map(&pt, 0x10000000, 0x7000, K4, PTE_R | PTE_U | PTE_A), 0);
    assert_int_equal(pt_map(&pt, 0x80000000, 0x80000000, M2, RAM), 0);
    e = pt_page_entry(&pt, 0x10000000);
    assert_non_null(e);
    assert_ptr_equal(pt_page_entry(&pt, 0x10000fff), e);
    assert_int_equal(*e & 0x3ff, PTE_V | PTE_R | PTE_U | PTE_A);
    *e &= ~PTE_V;
    assert_unmapped(&pt, 0x10000000);
    *e |= PTE_V;
    assert_int_equal(ref_translate(pt_satp(&pt, 0), 1, 0x10000008, &pa), 0);
    assert_int_equal(pa, 0x7008);
    assert_null(pt_page_entry(&pt, 0x80000000)); /* a 2 MiB leaf */
    assert_null(pt_page_entry(&pt, 0x10001000)); /* never mapped */
    assert_null(pt_page_entry(&pt, 0x20000000)); /* no table there */
    assert_null(pt_page_entry(&pt, 1ULL << 41)); /* beyond Sv39x4 */
    pool_free(&pool);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_gigapage_identity),
            cmocka_unit_test(test_mixed_alignment),
            cmocka_unit_test(test_misaligned_pa_uses_small_pages),
            cmocka_unit_test(test_x4_root_index),
            cmocka_unit_test(test_largest_leaves),
            cmocka_unit_test(test_sign_extended_va),
            cmocka_unit_test(test_bad_arguments),
            cmocka_unit_test(test_overlap_refused),
            cmocka_unit_test(test_out_of_memory),
            cmocka_unit_test(test_satp_encoding),
            cmocka_unit_test(test_page_entry),
            cmocka_unit_test(test_pte_bits),
    };

    return cmocka_run_group_tests_name("pt", tests, NULL, NULL);
}
