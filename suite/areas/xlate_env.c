/* Tables, PTE edits and the PMP limit of xlate_env.h (the comparison is in xlate_check.c). */
#include "xlate_env.h"

extern char suite_image_start[], suite_image_end[];

#define PAGE    0x1000ull
#define MIB2    0x200000ull
#define GIB     0x40000000ull
#define G_TABLE (XL_PTE_R | XL_PTE_W | XL_PTE_U | XE_LEAF_AD)
#define G_ALL   (XE_LEAF_RWX | XL_PTE_U | XE_LEAF_AD)

#define INSN_RET       0x00008067u
#define INSN_ADDI_A0_0 0x00050513u

struct xe xe;
static uint64_t g_next, vs_next;

static volatile uint64_t *word(uint64_t pa)
{
    return (volatile uint64_t *)(uintptr_t)pa;
}

uint64_t xe_read(uint64_t pa)
{
    return *word(pa);
}

uint64_t xe_model_read(void *ctx, uint64_t pa)
{
    (void)ctx;
    return xe_read(pa);
}

uint64_t xe_pte(uint64_t pa, uint64_t flags)
{
    return ((pa >> 12) << XL_PTE_PPN_SHIFT) | flags | XL_PTE_V;
}

void xe_fence(void)
{
    __asm__ volatile(".option push\n.option arch, +h\n"
                     "hfence.vvma\nhfence.gvma\n.option pop" ::
                             : "memory");
}

uint64_t xe_page_spa(unsigned k)
{
    return XE_PAGES + k * PAGE;
}

uint64_t xe_page_gpa(const struct xe *e, unsigned k)
{
    return e->gpa_base + xe_page_spa(k);
}

uint64_t xe_page_gva(const struct xe *e, unsigned k)
{
    return (e->vs_mode ? e->gva_base : e->gpa_base) + xe_page_spa(k);
}

static void zero(uint64_t pa, uint64_t bytes)
{
    for (uint64_t i = 0; i < bytes; i += 8)
        *word(pa + i) = 0;
}

static uint64_t g_walk_create(struct xe *e, uint64_t gpa, unsigned level);

static uint64_t alloc_table(struct xe *e, bool g, uint64_t bytes)
{
    uint64_t pa;
    if (g) {
        pa = (g_next + bytes - 1) & ~(bytes - 1);
        g_next = pa + bytes;
    } else {
        pa = vs_next;
        vs_next += PAGE;
    }
    zero(pa, bytes);
    /* A VS table is guest memory: give it its own G-stage page (GPA == SPA). */
    if (!g && e->g_mode != XL_MODE_BARE)
        *word(g_walk_create(e, pa, 0)) = xe_pte(pa, G_TABLE);
    return pa;
}

uint64_t xe_vs_table(struct xe *e)
{
    return alloc_table(e, false, PAGE);
}

/* Slot of `addr` at `level`, creating pointer PTEs (no A/D/U: reserved in non-leaf PTEs). */
static uint64_t walk_create(struct xe *e, bool g, uint64_t root, unsigned mode, uint64_t addr,
                            unsigned level)
{
    unsigned levels = xl_levels(mode);
    uint64_t table = root;
    for (unsigned i = levels - 1;; i--) {
        unsigned bits = (g && i == levels - 1) ? 11 : 9;
        uint64_t slot = table + ((addr >> (12 + 9 * i)) & ((1ull << bits) - 1)) * 8;
        if (i == level)
            return slot;
        uint64_t pte = *word(slot);
        if (!(pte & XL_PTE_V)) {
            pte = xe_pte(alloc_table(e, g, PAGE), 0);
            *word(slot) = pte;
        }
        table = ((pte & XL_PTE_PPN_MASK) >> XL_PTE_PPN_SHIFT) << 12;
    }
}

static uint64_t g_walk_create(struct xe *e, uint64_t gpa, unsigned level)
{
    return walk_create(e, true, e->g_root, e->g_mode, gpa, level);
}

uint64_t xe_vs_slot(const struct xe *e, enum xl_priv root, uint64_t gva, unsigned level)
{
    uint64_t pa;
    if (!xl_pte_addr(e->vs_mode, false, e->vs_root[root], gva, level, xe_model_read, 0, &pa))
        return 0;
    return pa;
}

uint64_t xe_g_slot(const struct xe *e, uint64_t gpa, unsigned level)
{
    uint64_t pa;
    if (!xl_pte_addr(e->g_mode, true, e->g_root, gpa, level, xe_model_read, 0, &pa))
        return 0;
    return pa;
}

void xe_edit(struct xe *e, uint64_t pa, uint64_t value)
{
    if (e->n_edits < sizeof(e->edits) / sizeof(e->edits[0]))
        e->edits[e->n_edits++] = (struct xe_edit){pa, xe_read(pa)};
    *word(pa) = value;
}

void xe_restore(struct xe *e)
{
    while (e->n_edits) {
        struct xe_edit *ed = &e->edits[--e->n_edits];
        *word(ed->pa) = ed->old;
    }
    if (e->pmp_page) {
        csr_write(CSR_PMPCFG0, csr_read(CSR_PMPCFG0) & ~0xffull);
        csr_write(CSR_PMPADDR0, 0);
        e->pmp_page = 0;
    }
    xe_fence();
}

void xe_g_leaf(struct xe *e, uint64_t gpa, uint64_t spa, unsigned level, uint64_t flags)
{
    uint64_t slot = xe_g_slot(e, gpa, level);
    if (slot)
        xe_edit(e, slot, xe_pte(spa, flags));
}

void xe_vs_leaf(struct xe *e, enum xl_priv root, uint64_t gva, uint64_t gpa, unsigned level,
                uint64_t flags)
{
    uint64_t slot = xe_vs_slot(e, root, gva, level);
    if (slot)
        xe_edit(e, slot, xe_pte(gpa, flags));
}

static void fill_pages(void)
{
    for (unsigned k = 0; k < XE_PAGE_COUNT; k++) {
        uint64_t pa = xe_page_spa(k);
        volatile uint32_t *code = (volatile uint32_t *)(uintptr_t)pa;
        code[0] = INSN_ADDI_A0_0 | ((k + 1) << 20);
        code[1] = INSN_RET;
        /* High bits set in every byte lane, so narrow loads also show sign extension. */
        *word(pa + XE_TAG_OFFSET) = 0x8182838485868788ull ^ (pa << 4);
    }
    __asm__ volatile("fence.i" ::: "memory");
}

/* GPA base of the test pages: 2^(width-2), so the root index uses the bits x4 adds (a G-stage
 * that is not widened misses them), capped at 2^55 since a VS PTE holds 56-bit addresses. The
 * top GPA bit gets its own cases (xe_page_gpa_top). */
static uint64_t gpa_base_of(unsigned g_mode)
{
    switch (g_mode) {
    case XL_MODE_SV39:
        return 1ull << 39;
    case XL_MODE_SV48:
        return 1ull << 48;
    case XL_MODE_SV57:
        return 1ull << 55;
    default:
        return 0;
    }
}

uint64_t xe_page_gpa_top(const struct xe *e, unsigned k)
{
    return (1ull << (xl_addr_bits(e->g_mode, true) - 1)) + xe_page_spa(k);
}

bool xe_setup(struct xe *e, unsigned vs_mode, unsigned g_mode)
{
    uint64_t image_start = (uintptr_t)suite_image_start, image_end = (uintptr_t)suite_image_end;
    *e = (struct xe){.vs_mode = vs_mode, .g_mode = g_mode};
    const char *pair = fmt("vs=%s g=%s", xl_mode_name(vs_mode, false), xl_mode_name(g_mode, true));
    for (unsigned i = 0; i < sizeof(e->pair) - 1 && pair[i]; i++)
        e->pair[i] = pair[i];
    if (image_end > XE_ARENA) {
        report_skip("setup", fmt("suite image ends at 0x%lx, inside the arena", image_end));
        return false;
    }
    g_next = XE_G_POOL;
    vs_next = XE_VS_POOL;
    e->vmid = profile.vmidlen ? 1 : 0;
    e->gpa_base = gpa_base_of(g_mode);
    e->gva_base = vs_mode ? -(1ull << (xl_addr_bits(vs_mode, false) - 1)) : 0;
    fill_pages();

    if (g_mode != XL_MODE_BARE) {
        e->g_root = alloc_table(e, true, 4 * PAGE);
        for (uint64_t a = image_start & ~(MIB2 - 1); a < image_end; a += MIB2)
            *word(g_walk_create(e, a, 1)) = xe_pte(a, G_ALL);
        for (unsigned k = 0; k < XE_PAGE_COUNT; k++) {
            uint64_t spa = xe_page_spa(k);
            *word(g_walk_create(e, spa, 0)) = xe_pte(spa, G_ALL);
            *word(g_walk_create(e, xe_page_gpa(e, k), 0)) = xe_pte(spa, G_ALL);
            *word(g_walk_create(e, xe_page_gpa_top(e, k), 0)) = xe_pte(spa, G_ALL);
        }
    }
    csr_write(CSR_HGATP, ((uint64_t)g_mode << ATP_MODE_SHIFT) | (e->vmid << HGATP_VMID_SHIFT) |
                                 (e->g_root >> 12));

    if (vs_mode != XL_MODE_BARE) {
        for (int p = XL_VU; p <= XL_VS; p++) {
            e->vs_root[p] = alloc_table(e, false, PAGE);
            uint64_t image = image_start & ~(GIB - 1);
            *word(walk_create(e, false, e->vs_root[p], vs_mode, image, 2)) =
                    xe_pte(image, XE_LEAF_RWX | XE_LEAF_AD | (p == XL_VU ? XL_PTE_U : 0));
        }
        for (unsigned k = 0; k < XE_PAGE_COUNT; k++)
            *word(walk_create(e, false, e->vs_root[XL_VS], vs_mode, xe_page_gva(e, k), 0)) =
                    xe_pte(xe_page_gpa(e, k), XE_LEAF_RWX | XE_LEAF_AD);
        /* Both roots share the test pages' subtree. */
        unsigned top = xl_levels(vs_mode) - 1;
        uint64_t gva = xe_page_gva(e, 0);
        *word(xe_vs_slot(e, XL_VU, gva, top)) = xe_read(xe_vs_slot(e, XL_VS, gva, top));
    }
    xe_fence();
    return true;
}

bool xe_setup_sv39(struct xe *e, const char *what)
{
    if (!vsatp_mode_supported(XL_MODE_SV39) || !hgatp_mode_supported(XL_MODE_SV39)) {
        report_skip(what, "Sv39 (vsatp) and Sv39x4 (hgatp) are needed for the test tables");
        return false;
    }
    return xe_setup(e, XL_MODE_SV39, XL_MODE_SV39);
}

/* PMP entry 0 (entry 1 grants everything, hart_reset) takes priority ([pmp] "lowest-numbered
 * entry that matches"): a 4 KiB NAPOT region with `perms` (R=1, W=2, X=4) for S and U. */
#define PMP_NAPOT (3u << 3)

bool xe_pmp_limit(struct xe *e, uint64_t page, unsigned perms)
{
    if (!profile.pmp)
        return false;
    e->pmp_page = page;
    e->pmp_perms = perms;
    csr_write(CSR_PMPADDR0, (page >> 2) | 0x1ff);
    csr_write(CSR_PMPCFG0, (csr_read(CSR_PMPCFG0) & ~0xffull) | PMP_NAPOT | perms);
    /* PMP changes reach cached translations after HFENCE.GVMA x0, x0 ("Memory-Management
     * Fences"). */
    xe_fence();
    return true;
}
