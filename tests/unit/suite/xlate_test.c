/*
 * Host tests of the two-stage translation model (suite/model/xlate.c). Every expected value is
 * derived by hand from the privileged spec; the rule is cited next to each test. Tables live in
 * a small sparse memory; unwritten memory reads as zero, i.e. as invalid PTEs.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "xlate.h"

#define MAX_PAGES 64

struct mem {
    uint64_t page[MAX_PAGES];
    uint64_t word[MAX_PAGES][512];
    unsigned n;
};

static struct mem mem;
static struct xl_config cfg;
static uint64_t next_vs_table; /* GPA == SPA for VS-stage tables: G-stage maps them 1:1 */
static uint64_t next_g_table;

static uint64_t *slot(uint64_t pa, int create)
{
    uint64_t page = pa & ~0xfffull;
    for (unsigned i = 0; i < mem.n; i++)
        if (mem.page[i] == page)
            return &mem.word[i][(pa & 0xfff) / 8];
    if (!create)
        return NULL;
    assert_true(mem.n < MAX_PAGES);
    mem.page[mem.n] = page;
    memset(mem.word[mem.n], 0, sizeof mem.word[0]);
    return &mem.word[mem.n++][(pa & 0xfff) / 8];
}

static uint64_t mem_read(void *ctx, uint64_t pa)
{
    (void)ctx;
    uint64_t *p = slot(pa, 0);
    return p ? *p : 0;
}

static void mem_write(uint64_t pa, uint64_t v)
{
    *slot(pa, 1) = v;
}

static uint64_t pte(uint64_t pa, uint64_t flags)
{
    return ((pa >> 12) << XL_PTE_PPN_SHIFT) | flags | XL_PTE_V;
}

#define RWXUAD (XL_PTE_R | XL_PTE_W | XL_PTE_X | XL_PTE_U | XL_PTE_A | XL_PTE_D)
#define RWAD   (XL_PTE_R | XL_PTE_W | XL_PTE_A | XL_PTE_D)

/* Address of the PTE for `addr` at `level`, creating non-leaf PTEs on the way down. */
static uint64_t path(bool g, uint64_t addr, unsigned level);

static void gmap(uint64_t gpa, uint64_t spa, unsigned level, uint64_t flags)
{
    mem_write(path(true, gpa, level), pte(spa, flags));
}

static uint64_t path(bool g, uint64_t addr, unsigned level)
{
    unsigned mode = g ? cfg.g_mode : cfg.vs_mode;
    uint64_t table = g ? cfg.g_root : cfg.vs_root;
    unsigned levels = xl_levels(mode);
    for (unsigned i = levels - 1;; i--) {
        unsigned bits = (g && i == levels - 1) ? 11 : 9;
        uint64_t a = table + ((addr >> (12 + 9 * i)) & ((1ull << bits) - 1)) * 8;
        if (i == level)
            return a;
        uint64_t e = mem_read(NULL, a);
        if (!(e & XL_PTE_V)) {
            uint64_t next = g ? next_g_table : next_vs_table;
            if (g) {
                next_g_table += 0x1000;
            } else {
                next_vs_table += 0x1000;
                gmap(next, next, 0, RWXUAD);
            }
            e = pte(next, 0);
            mem_write(a, e);
        }
        table = ((e & XL_PTE_PPN_MASK) >> XL_PTE_PPN_SHIFT) << 12;
    }
}

static void vmap(uint64_t va, uint64_t gpa, unsigned level, uint64_t flags)
{
    mem_write(path(false, va, level), pte(gpa, flags));
}

/* Sv39 over Sv39x4, hardware A/D off at both stages; VS root at GPA 0x20000000 (1:1 in G). */
static int setup(void **state)
{
    (void)state;
    memset(&mem, 0, sizeof mem);
    cfg = (struct xl_config){
            .vs_mode = XL_MODE_SV39,
            .vs_root = 0x20000000,
            .g_mode = XL_MODE_SV39,
            .g_root = 0x10000000,
            .read = mem_read,
    };
    next_vs_table = 0x20001000;
    next_g_table = 0x10004000; /* after the 16 KiB x4 root */
    gmap(cfg.vs_root, cfg.vs_root, 0, RWXUAD);
    return 0;
}

static struct xl_result xlate(uint64_t va, enum xl_access acc, enum xl_priv priv)
{
    struct xl_result r;
    xl_translate(&cfg, va, acc, priv, &r);
    return r;
}

#define VA  0x0000000040201abcull /* vpn2=1 vpn1=1 vpn0=1 */
#define GPA 0x0000010000305000ull /* bit 40 set: only reachable through the x4 root's top bits */
#define SPA 0x0000000080407000ull

/* A plain 4 KiB page at both stages translates VA -> GPA -> SPA, offset kept (priv "Virtual
 * Address Translation Process" step 10, applied per stage). */
static void two_stage_4k_ok(void **state)
{
    (void)state;
    vmap(VA, GPA, 0, RWAD);
    gmap(GPA, SPA, 0, RWXUAD);
    struct xl_result r = xlate(VA, XL_LOAD, XL_VS);
    assert_true(r.ok);
    assert_int_equal(r.gpa, GPA | 0xabc);
    assert_int_equal(r.pa, SPA | 0xabc);
    assert_int_equal(r.n_updates, 0);
}

/* With both stages Bare, V=1 addresses pass through untranslated. */
static void both_bare_identity(void **state)
{
    (void)state;
    cfg.vs_mode = XL_MODE_BARE;
    cfg.g_mode = XL_MODE_BARE;
    struct xl_result r = xlate(0x123456789abcull, XL_STORE, XL_VU);
    assert_true(r.ok);
    assert_int_equal(r.pa, 0x123456789abcull);
}

/* priv "Sv39x4": GPA bits 63:41 must be zero, else a guest-page fault; with vsatp Bare the GVA
 * is the GPA, so htval reports it (GPA >> 2). */
static void gpa_wider_than_sv39x4(void **state)
{
    (void)state;
    cfg.vs_mode = XL_MODE_BARE;
    struct xl_result r = xlate(1ull << 41, XL_STORE, XL_VS);
    assert_false(r.ok);
    assert_int_equal(r.cause, XL_CAUSE_STORE_GPF);
    assert_true(r.guest_fault);
    assert_false(r.implicit);
    assert_int_equal(r.gpa, 1ull << 41);
    assert_int_equal(r.level, -1);
}

/* priv "Sv39": VA bits 63:39 must equal bit 38, else a (VS-stage) page fault. */
static void va_not_canonical(void **state)
{
    (void)state;
    struct xl_result r = xlate(1ull << 39, XL_FETCH, XL_VS);
    assert_false(r.ok);
    assert_int_equal(r.cause, XL_CAUSE_FETCH_PF);
    assert_false(r.guest_fault);
    assert_int_equal(r.stage, 'v');
}

/* priv §18.5.1: G-stage accesses are user-level, so a G-stage leaf with U=0 faults even for
 * a VS-mode access. */
static void g_leaf_without_u(void **state)
{
    (void)state;
    vmap(VA, GPA, 0, RWAD);
    gmap(GPA, SPA, 0, RWXUAD & ~XL_PTE_U);
    struct xl_result r = xlate(VA, XL_LOAD, XL_VS);
    assert_false(r.ok);
    assert_int_equal(r.cause, XL_CAUSE_LOAD_GPF);
    assert_int_equal(r.gpa, GPA | 0xabc);
    assert_int_equal(r.stage, 'g');
    assert_int_equal(r.level, 0);
}

/* priv "Sv32" U bit + "Memory Privilege in sstatus" (SUM): VS may load/store U=1 pages only
 * with vsstatus.SUM=1 and never fetch from them; VU needs U=1. */
static void u_bit_and_sum(void **state)
{
    (void)state;
    vmap(VA, GPA, 0, RWAD | XL_PTE_X | XL_PTE_U);
    gmap(GPA, SPA, 0, RWXUAD);
    assert_int_equal(xlate(VA, XL_LOAD, XL_VS).cause, XL_CAUSE_LOAD_PF);
    cfg.vs_sum = true;
    assert_true(xlate(VA, XL_LOAD, XL_VS).ok);
    assert_true(xlate(VA, XL_STORE, XL_VS).ok);
    assert_int_equal(xlate(VA, XL_FETCH, XL_VS).cause, XL_CAUSE_FETCH_PF);
    assert_true(xlate(VA, XL_FETCH, XL_VU).ok);
    vmap(VA, GPA, 0, RWAD | XL_PTE_X);
    assert_int_equal(xlate(VA, XL_STORE, XL_VU).cause, XL_CAUSE_STORE_PF);
}

/* priv "Two-Stage Address Translation": vsstatus.MXR makes X-only pages readable at the
 * VS-stage only; sstatus.MXR at both stages. */
static void mxr_per_stage(void **state)
{
    (void)state;
    vmap(VA, GPA, 0, XL_PTE_X | XL_PTE_A);
    gmap(GPA, SPA, 0, XL_PTE_X | XL_PTE_U | XL_PTE_A);
    struct xl_result r = xlate(VA, XL_LOAD, XL_VS);
    assert_int_equal(r.cause, XL_CAUSE_LOAD_PF);
    cfg.vs_mxr = true;
    r = xlate(VA, XL_LOAD, XL_VS);
    assert_int_equal(r.cause, XL_CAUSE_LOAD_GPF);
    assert_int_equal(r.gpa, GPA | 0xabc);
    cfg.vs_mxr = false;
    cfg.hs_mxr = true;
    assert_true(xlate(VA, XL_LOAD, XL_VS).ok);
    /* MXR never makes a page writable. */
    assert_int_equal(xlate(VA, XL_STORE, XL_VS).cause, XL_CAUSE_STORE_PF);
}

/* priv "HLVX": execute replaces read permission at both stages; MXR does not matter. */
static void hlvx_needs_x(void **state)
{
    (void)state;
    vmap(VA, GPA, 0, XL_PTE_X | XL_PTE_A);
    gmap(GPA, SPA, 0, XL_PTE_X | XL_PTE_U | XL_PTE_A);
    assert_true(xlate(VA, XL_HLVX, XL_VS).ok);
    vmap(VA, GPA, 0, XL_PTE_R | XL_PTE_A);
    cfg.hs_mxr = true;
    assert_int_equal(xlate(VA, XL_HLVX, XL_VS).cause, XL_CAUSE_LOAD_PF);
    vmap(VA, GPA, 0, XL_PTE_X | XL_PTE_A);
    gmap(GPA, SPA, 0, XL_PTE_R | XL_PTE_U | XL_PTE_A);
    struct xl_result r = xlate(VA, XL_HLVX, XL_VU);
    assert_int_equal(r.cause, XL_CAUSE_LOAD_PF); /* VS leaf has U=0 */
    r = xlate(VA, XL_HLVX, XL_VS);
    assert_int_equal(r.cause, XL_CAUSE_LOAD_GPF); /* G leaf R only: HLVX needs X */
}

/* priv §18.5.1: a VS-stage table read is an implicit load through the G-stage; the fault is
 * reported for the original access type, with the PTE's GPA (htval) and the read
 * pseudoinstruction 0x3000 (priv "Transformed Instruction or Pseudoinstruction"). */
static void implicit_fault_on_table_read(void **state)
{
    (void)state;
    vmap(VA, GPA, 0, RWAD | XL_PTE_X);
    gmap(GPA, SPA, 0, RWXUAD);
    uint64_t l0_slot;
    assert_true(xl_pte_addr(XL_MODE_SV39, false, cfg.vs_root, VA, 0, mem_read, NULL, &l0_slot));
    uint64_t l0_table = l0_slot & ~0xfffull;
    mem_write(path(true, l0_table, 0), 0); /* G-stage leaf of that table: invalid */
    enum xl_access acc[] = {XL_LOAD, XL_STORE, XL_FETCH};
    unsigned cause[] = {XL_CAUSE_LOAD_GPF, XL_CAUSE_STORE_GPF, XL_CAUSE_FETCH_GPF};
    for (unsigned i = 0; i < 3; i++) {
        struct xl_result r = xlate(VA, acc[i], XL_VS);
        assert_false(r.ok);
        assert_int_equal(r.cause, cause[i]);
        assert_true(r.implicit);
        assert_false(r.implicit_write);
        assert_int_equal(r.gpa, l0_slot);
        assert_int_equal(xl_expected_tinst(&r, 0x1234), XL_TINST_PT_READ);
    }
}

/* The implicit table read is checked as a load even for a fetch: an X-only G-stage page
 * holding a VS table faults (priv §18.5.1). */
static void implicit_read_needs_r_not_x(void **state)
{
    (void)state;
    vmap(VA, GPA, 0, RWAD | XL_PTE_X);
    gmap(GPA, SPA, 0, RWXUAD);
    uint64_t l0_slot;
    assert_true(xl_pte_addr(XL_MODE_SV39, false, cfg.vs_root, VA, 0, mem_read, NULL, &l0_slot));
    gmap(l0_slot & ~0xfffull, l0_slot & ~0xfffull, 0, XL_PTE_X | XL_PTE_U | XL_PTE_A);
    struct xl_result r = xlate(VA, XL_FETCH, XL_VS);
    assert_int_equal(r.cause, XL_CAUSE_FETCH_GPF);
    assert_true(r.implicit);
    /* With sstatus.MXR=1 the spec does not say whether MXR covers implicit reads. */
    cfg.hs_mxr = true;
    r = xlate(VA, XL_FETCH, XL_VS);
    assert_non_null(r.ambiguous);
}

/* priv "Virtual Address Translation Process" step 9 (Svadu): the VS leaf's A/D update is an
 * implicit store through the G-stage; a read-only G-stage page faults with the write
 * pseudoinstruction 0x3020, reported for the original (load) access. */
static void ad_update_is_implicit_store(void **state)
{
    (void)state;
    cfg.vs_hw_ad = true;
    cfg.g_hw_ad = true;
    vmap(VA, GPA, 0, XL_PTE_R | XL_PTE_W);
    gmap(GPA, SPA, 0, RWXUAD);
    struct xl_result r = xlate(VA, XL_STORE, XL_VS);
    assert_true(r.ok);
    uint64_t l0_slot;
    assert_true(xl_pte_addr(XL_MODE_SV39, false, cfg.vs_root, VA, 0, mem_read, NULL, &l0_slot));
    assert_int_equal(r.n_updates, 1);
    assert_int_equal(r.updates[0].pa, l0_slot);
    assert_int_equal(r.updates[0].pte, pte(GPA, RWAD));

    gmap(l0_slot & ~0xfffull, l0_slot & ~0xfffull, 0, XL_PTE_R | XL_PTE_U | XL_PTE_A);
    r = xlate(VA, XL_LOAD, XL_VS);
    assert_false(r.ok);
    assert_int_equal(r.cause, XL_CAUSE_LOAD_GPF);
    assert_true(r.implicit_write);
    assert_int_equal(r.gpa, l0_slot);
    assert_int_equal(xl_expected_tinst(&r, 0), XL_TINST_PT_WRITE);
}

/* Svadu at the G-stage: reading a VS table through a G leaf with A=0 sets that A bit, and the
 * final page's G leaf gets A and (store) D. */
static void g_stage_hw_ad(void **state)
{
    (void)state;
    cfg.g_hw_ad = true;
    vmap(VA, GPA, 0, RWAD);
    gmap(GPA, SPA, 0, XL_PTE_R | XL_PTE_W | XL_PTE_U);
    uint64_t root_g_slot = path(true, cfg.vs_root, 0);
    mem_write(root_g_slot, pte(cfg.vs_root, XL_PTE_R | XL_PTE_U));
    struct xl_result r = xlate(VA, XL_STORE, XL_VS);
    assert_true(r.ok);
    assert_int_equal(r.n_updates, 2);
    assert_int_equal(r.updates[0].pa, root_g_slot);
    assert_int_equal(r.updates[0].pte, pte(cfg.vs_root, XL_PTE_R | XL_PTE_U | XL_PTE_A));
    assert_int_equal(r.updates[1].pa, path(true, GPA, 0));
    assert_int_equal(r.updates[1].pte,
                     pte(SPA, XL_PTE_R | XL_PTE_W | XL_PTE_U | XL_PTE_A | XL_PTE_D));
}

/* Without Svadu: A=0, or D=0 on a store, raises the stage's page fault; D=0 on a load is
 * fine. */
static void ad_fault_without_svadu(void **state)
{
    (void)state;
    vmap(VA, GPA, 0, XL_PTE_R | XL_PTE_W | XL_PTE_A);
    gmap(GPA, SPA, 0, RWXUAD);
    assert_true(xlate(VA, XL_LOAD, XL_VS).ok);
    assert_int_equal(xlate(VA, XL_STORE, XL_VS).cause, XL_CAUSE_STORE_PF);
    vmap(VA, GPA, 0, RWAD);
    gmap(GPA, SPA, 0, XL_PTE_R | XL_PTE_W | XL_PTE_U | XL_PTE_D);
    struct xl_result r = xlate(VA, XL_LOAD, XL_VS);
    assert_int_equal(r.cause, XL_CAUSE_LOAD_GPF);
    assert_false(r.implicit);
}

/* Step 5: a superpage whose PPN is not aligned to its size faults, at either stage. */
static void misaligned_superpages(void **state)
{
    (void)state;
    vmap(VA, GPA + 0x1000, 1, RWAD);
    gmap(GPA, SPA, 0, RWXUAD);
    struct xl_result r = xlate(VA, XL_LOAD, XL_VS);
    assert_int_equal(r.cause, XL_CAUSE_LOAD_PF);
    assert_int_equal(r.level, 1);
    vmap(VA, GPA & ~0x1fffffull, 1, RWAD);
    gmap(GPA, SPA, 1, RWXUAD); /* SPA is not 2 MiB aligned */
    r = xlate(VA, XL_LOAD, XL_VS);
    assert_int_equal(r.cause, XL_CAUSE_LOAD_GPF);
    assert_int_equal(r.level, 1);
}

/* Superpages at both stages: the low VPNs come from the address (step 10). */
static void superpages_translate(void **state)
{
    (void)state;
    vmap(VA, 0x0000010000000000ull, 2, RWAD);              /* 1 GiB VS leaf */
    gmap(0x0000010000000000ull, 0x80000000ull, 2, RWXUAD); /* 1 GiB G leaf */
    struct xl_result r = xlate(VA, XL_LOAD, XL_VS);
    assert_true(r.ok);
    assert_int_equal(r.gpa, 0x0000010000201abcull);
    assert_int_equal(r.pa, 0x80201abcull);
}

/* The x4 root has 2048 entries: GPA bits 40:39 pick its quarter (priv "Sv39x4"). */
static void x4_root_index(void **state)
{
    (void)state;
    uint64_t hi = 3ull << 39;
    vmap(VA, hi, 0, RWAD);
    uint64_t slot = path(true, hi, 0);
    mem_write(slot, pte(SPA, RWXUAD));
    uint64_t root_slot;
    assert_true(xl_pte_addr(XL_MODE_SV39, true, cfg.g_root, hi, 2, mem_read, NULL, &root_slot));
    assert_int_equal(root_slot, cfg.g_root + 1536 * 8);
    assert_true(xlate(VA, XL_LOAD, XL_VS).ok);
}

/* Reserved encodings (steps 3-4) fault at the stage where they appear. */
static void reserved_encodings(void **state)
{
    (void)state;
    gmap(GPA, SPA, 0, RWXUAD);
    uint64_t bad[] = {
            XL_PTE_W | XL_PTE_A | XL_PTE_D,            /* W without R */
            XL_PTE_W | XL_PTE_X | XL_PTE_A | XL_PTE_D, /* W without R */
            RWAD | (1ull << 54),                       /* bits 60:54 */
            RWAD | (1ull << 60),
            RWAD | (1ull << 61), /* PBMT without Svpbmt */
            RWAD | XL_PTE_N,     /* N without Svnapot */
    };
    for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        vmap(VA, GPA, 0, bad[i]);
        struct xl_result r = xlate(VA, XL_LOAD, XL_VS);
        assert_int_equal(r.cause, XL_CAUSE_LOAD_PF);
        assert_int_equal(r.level, 0);
    }
    vmap(VA, GPA, 0, RWAD);
    cfg.vs_pbmte = true;
    vmap(VA, GPA, 0, RWAD | (3ull << 61));
    assert_int_equal(xlate(VA, XL_LOAD, XL_VS).cause, XL_CAUSE_LOAD_PF);
    vmap(VA, GPA, 0, RWAD | (1ull << 61));
    assert_true(xlate(VA, XL_LOAD, XL_VS).ok);
    /* The same bits in a G-stage leaf give guest-page faults (menvcfg.PBMTE=0 here). */
    gmap(GPA, SPA, 0, RWXUAD | (2ull << 61));
    assert_int_equal(xlate(VA, XL_LOAD, XL_VS).cause, XL_CAUSE_LOAD_GPF);
}

/* priv "Sv32": for non-leaf PTEs D, A and U are reserved; Svpbmt: so is PBMT. */
static void non_leaf_reserved(void **state)
{
    (void)state;
    vmap(VA, GPA, 0, RWAD);
    gmap(GPA, SPA, 0, RWXUAD);
    uint64_t l1;
    assert_true(xl_pte_addr(XL_MODE_SV39, false, cfg.vs_root, VA, 1, mem_read, NULL, &l1));
    uint64_t orig = mem_read(NULL, l1);
    uint64_t bits[] = {XL_PTE_A, XL_PTE_D, XL_PTE_U, 1ull << 62};
    cfg.vs_pbmte = true;
    for (unsigned i = 0; i < 4; i++) {
        mem_write(l1, orig | bits[i]);
        struct xl_result r = xlate(VA, XL_STORE, XL_VS);
        assert_int_equal(r.cause, XL_CAUSE_STORE_PF);
        assert_int_equal(r.level, 1);
    }
    mem_write(l1, orig | XL_PTE_G); /* G on a non-leaf is fine */
    assert_true(xlate(VA, XL_STORE, XL_VS).ok);
}

/* Step 4: a pointer PTE at level 0 faults. */
static void non_leaf_at_level_0(void **state)
{
    (void)state;
    vmap(VA, GPA, 0, 0);
    gmap(GPA, SPA, 0, RWXUAD);
    struct xl_result r = xlate(VA, XL_LOAD, XL_VS);
    assert_int_equal(r.cause, XL_CAUSE_LOAD_PF);
    assert_int_equal(r.level, 0);
}

/* Svnapot: a level-0 leaf with N=1 and ppn[3:0]=1000 maps 64 KiB; other N encodings are
 * reserved. */
static void napot(void **state)
{
    (void)state;
    cfg.svnapot = true;
    uint64_t base = 0x0000010000300000ull;
    vmap(VA, base | 0x8000, 0, RWAD | XL_PTE_N);
    gmap(base | 0x1000, SPA, 0, RWXUAD);
    struct xl_result r = xlate(VA, XL_LOAD, XL_VS);
    assert_true(r.ok);
    assert_int_equal(r.gpa, base | 0x1abc);
    vmap(VA, base | 0x4000, 0, RWAD | XL_PTE_N);
    assert_int_equal(xlate(VA, XL_LOAD, XL_VS).cause, XL_CAUSE_LOAD_PF);
}

/* A VS root whose GPA is beyond Sv39x4 faults on the first implicit read (priv "Sv39x4"). */
static void vs_root_beyond_gpa_width(void **state)
{
    (void)state;
    cfg.vs_root = 1ull << 42;
    struct xl_result r = xlate(VA, XL_LOAD, XL_VU);
    assert_int_equal(r.cause, XL_CAUSE_LOAD_GPF);
    assert_true(r.implicit);
    assert_int_equal(r.gpa, (1ull << 42) + ((VA >> 30) & 0x1ff) * 8);
    assert_int_equal(r.level, -1);
}

/* Sv48 over Sv48x4 and Sv57 over Sv57x4 walk 4 and 5 levels. */
static void deeper_modes(void **state)
{
    (void)state;
    unsigned modes[] = {XL_MODE_SV48, XL_MODE_SV57};
    for (unsigned m = 0; m < 2; m++) {
        setup(NULL);
        cfg.vs_mode = cfg.g_mode = modes[m];
        gmap(cfg.vs_root, cfg.vs_root, 0, RWXUAD);
        /* Lowest canonical negative address of each mode. */
        uint64_t va = (m == 0 ? 0xffff800000000000ull : 0xff00000000000000ull) | 0x201000;
        /* Above Sv39x4's reach; a VS PTE holds at most a 56-bit address (44-bit PPN). */
        uint64_t gpa = 1ull << (m == 0 ? 49 : 55);
        vmap(va, gpa, 0, RWAD);
        gmap(gpa, SPA, 0, RWXUAD);
        struct xl_result r = xlate(va | 0x10, XL_STORE, XL_VS);
        if (!r.ok)
            print_message("mode %u: %s at %c%d\n", modes[m], r.why, r.stage, r.level);
        assert_true(r.ok);
        assert_int_equal(r.pa, SPA | 0x10);
        assert_int_equal(xl_addr_bits(modes[m], false), m == 0 ? 48 : 57);
        /* Non-canonical: flip bit 47 / 56 alone. */
        r = xlate(va ^ (1ull << (xl_addr_bits(modes[m], false) - 1)), XL_STORE, XL_VS);
        assert_int_equal(r.cause, XL_CAUSE_STORE_PF);
        assert_int_equal(r.level, -1);
    }
}

static uint64_t denied_page;

static bool deny_one_page(void *ctx, uint64_t pa, enum xl_access acc)
{
    (void)ctx;
    (void)acc;
    return (pa & ~0xfffull) != denied_page;
}

/* priv "Virtual Address Translation Process" step 2: a PTE read that violates PMP/PMA is an
 * access fault for the original access type; the same for the final access and for the store
 * of an A/D update (step 9). Never a (guest-)page fault. */
static void pmp_access_faults(void **state)
{
    (void)state;
    vmap(VA, GPA, 0, RWAD | XL_PTE_X);
    gmap(GPA, SPA, 0, RWXUAD);
    cfg.allow = deny_one_page;
    denied_page = SPA;
    struct xl_result r = xlate(VA, XL_STORE, XL_VS);
    assert_int_equal(r.cause, XL_CAUSE_STORE_AF);
    assert_true(r.access_fault);
    assert_false(r.guest_fault);
    assert_int_equal(r.stage, 'p');

    uint64_t l0_slot;
    assert_true(xl_pte_addr(XL_MODE_SV39, false, cfg.vs_root, VA, 0, mem_read, NULL, &l0_slot));
    denied_page = l0_slot & ~0xfffull; /* the VS table: GPA == SPA here */
    r = xlate(VA, XL_FETCH, XL_VS);
    assert_int_equal(r.cause, XL_CAUSE_FETCH_AF);
    assert_int_equal(r.stage, 'v');
    assert_int_equal(r.level, 0);

    denied_page = path(true, GPA, 0) & ~0xfffull; /* a G-stage table */
    r = xlate(VA, XL_LOAD, XL_VS);
    assert_int_equal(r.cause, XL_CAUSE_LOAD_AF);
    assert_int_equal(r.stage, 'g');
}

int main(void)
{
    const struct CMUnitTest tests[] = {
            cmocka_unit_test_setup(two_stage_4k_ok, setup),
            cmocka_unit_test_setup(both_bare_identity, setup),
            cmocka_unit_test_setup(gpa_wider_than_sv39x4, setup),
            cmocka_unit_test_setup(va_not_canonical, setup),
            cmocka_unit_test_setup(g_leaf_without_u, setup),
            cmocka_unit_test_setup(u_bit_and_sum, setup),
            cmocka_unit_test_setup(mxr_per_stage, setup),
            cmocka_unit_test_setup(hlvx_needs_x, setup),
            cmocka_unit_test_setup(implicit_fault_on_table_read, setup),
            cmocka_unit_test_setup(implicit_read_needs_r_not_x, setup),
            cmocka_unit_test_setup(ad_update_is_implicit_store, setup),
            cmocka_unit_test_setup(g_stage_hw_ad, setup),
            cmocka_unit_test_setup(ad_fault_without_svadu, setup),
            cmocka_unit_test_setup(misaligned_superpages, setup),
            cmocka_unit_test_setup(superpages_translate, setup),
            cmocka_unit_test_setup(x4_root_index, setup),
            cmocka_unit_test_setup(reserved_encodings, setup),
            cmocka_unit_test_setup(non_leaf_reserved, setup),
            cmocka_unit_test_setup(non_leaf_at_level_0, setup),
            cmocka_unit_test_setup(napot, setup),
            cmocka_unit_test_setup(vs_root_beyond_gpa_width, setup),
            cmocka_unit_test_setup(deeper_modes, setup),
            cmocka_unit_test_setup(pmp_access_faults, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
