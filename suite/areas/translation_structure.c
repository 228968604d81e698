/*
 * The shape of the walk at both stages: leaves at every level (superpages), misaligned
 * superpages, invalid and reserved PTEs at every level, A/D handling, address-width checks.
 * Rules: priv "Virtual Address Translation Process" steps 3-10, "Sv39"/"Sv48"/"Sv57" (reserved
 * bits, canonical VAs), Svpbmt/Svnapot (reserved encodings), "Guest Physical Address
 * Translation" (x4 widths, G-stage identical otherwise). Expected outcomes: the model.
 */
#include "translation.h"

#define G_FULL (XE_LEAF_RWX | XL_PTE_U | XE_LEAF_AD)

static uint64_t span(unsigned level)
{
    return 1ull << (12 + 9 * level);
}

static uint64_t align_down(uint64_t a, unsigned level)
{
    return a & ~(span(level) - 1);
}

static unsigned levels(unsigned mode)
{
    return mode == XL_MODE_BARE ? 0 : xl_levels(mode);
}

/* A test page whose PPN[3:0] is not 1000: N=1 on it is reserved with or without Svnapot. */
static unsigned page_not_napot(void)
{
    unsigned k = tr_next_page();
    return (xe_page_spa(k) >> 12 & 0xf) == 8 ? tr_next_page() : k;
}

static const char *level_str(unsigned mode, unsigned level)
{
    return mode == XL_MODE_BARE ? "bare" : fmt("%u", level);
}

static void leaf_levels(struct xe *e)
{
    rules("H_vm_gpatrans hgatp_mode_bare_trans H_vm_gstagetrans hgatp_mode_x4 hgatp_mode_sv39x4 "
          "hgatp_mode_sv48x4 hgatp_mode_sv57x4");
    static const struct {
        enum xl_access acc;
        enum xl_priv priv;
    } runs[] = {{XL_LOAD, XL_VS}, {XL_STORE, XL_VU}, {XL_FETCH, XL_VU}};
    unsigned vl = levels(e->vs_mode), gl = levels(e->g_mode);

    for (unsigned lv = 0; lv < (vl ? vl : 1); lv++) {
        for (unsigned lg = 0; lg < (gl ? gl : 1); lg++) {
            for (unsigned r = 0; r < sizeof(runs) / sizeof(runs[0]); r++) {
                unsigned k = tr_next_page();
                uint64_t gva = xe_page_gva(e, k), gpa = xe_page_gpa(e, k);
                enum xl_priv priv = runs[r].priv;
                if (vl)
                    xe_vs_leaf(e, priv, gva, align_down(gpa, lv), lv, tr_full_leaf(priv));
                if (gl)
                    xe_g_leaf(e, gpa, align_down(xe_page_spa(k), lg), lg, G_FULL);
                tr_run(e,
                       fmt("%s vs-leaf@%s g-leaf@%s acc=%s priv=%s", e->pair,
                           level_str(e->vs_mode, lv), level_str(e->g_mode, lg),
                           xe_acc_name(runs[r].acc), xe_priv_name(priv)),
                       runs[r].acc, priv, runs[r].acc == XL_FETCH ? gva : gva + XE_TAG_OFFSET);
            }
        }
    }
}

/* Step 5: PPN bits below the leaf's level must be zero. Off by one page and by one half. */
static void misaligned_superpages(struct xe *e)
{
    rules("H_vm_gpatrans");
    for (unsigned l = 1; l < levels(e->vs_mode); l++) {
        for (unsigned half = 0; half < 2; half++) {
            unsigned k = tr_next_page();
            uint64_t gva = xe_page_gva(e, k), gpa = xe_page_gpa(e, k);
            uint64_t off = half ? span(l) / 2 : span(0);
            xe_vs_leaf(e, XL_VS, gva, align_down(gpa, l) + off, l, tr_full_leaf(XL_VS));
            tr_run(e, fmt("%s vs-leaf@%u misaligned+0x%lx acc=load priv=vs", e->pair, l, off),
                   XL_LOAD, XL_VS, gva + XE_TAG_OFFSET);
        }
    }
    for (unsigned l = 1; l < levels(e->g_mode); l++) {
        for (unsigned half = 0; half < 2; half++) {
            unsigned k = tr_next_page();
            uint64_t gpa = xe_page_gpa(e, k);
            uint64_t off = half ? span(l) / 2 : span(0);
            xe_g_leaf(e, gpa, align_down(xe_page_spa(k), l) + off, l, G_FULL);
            tr_run(e, fmt("%s g-leaf@%u misaligned+0x%lx acc=store priv=vu", e->pair, l, off),
                   XL_STORE, XL_VU, xe_page_gva(e, k) + XE_TAG_OFFSET);
        }
    }
}

/* Step 3: V=0 at any level (the other bits are don't-cares: keep them). */
static void invalid_ptes(struct xe *e)
{
    rules("H_vm_gpatrans H_guest_page_fault mtval2_trapval");
    for (unsigned l = 0; l < levels(e->vs_mode); l++) {
        for (unsigned a = 0; a < 2; a++) {
            unsigned k = tr_next_page();
            uint64_t gva = xe_page_gva(e, k), slot = xe_vs_slot(e, XL_VS, gva, l);
            xe_edit(e, slot, xe_read(slot) & ~XL_PTE_V);
            enum xl_access acc = a ? XL_FETCH : XL_LOAD;
            tr_run(e, fmt("%s vs-invalid@%u acc=%s priv=vs", e->pair, l, xe_acc_name(acc)), acc,
                   XL_VS, a ? gva : gva + XE_TAG_OFFSET);
        }
    }
    for (unsigned l = 0; l < levels(e->g_mode); l++) {
        for (unsigned a = 0; a < 2; a++) {
            unsigned k = tr_next_page();
            uint64_t gva = xe_page_gva(e, k), slot = xe_g_slot(e, xe_page_gpa(e, k), l);
            xe_edit(e, slot, xe_read(slot) & ~XL_PTE_V);
            enum xl_access acc = a ? XL_FETCH : XL_STORE;
            tr_run(e, fmt("%s g-invalid@%u acc=%s priv=vu", e->pair, l, xe_acc_name(acc)), acc,
                   XL_VU, a ? gva : gva + XE_TAG_OFFSET);
        }
    }
}

struct bad {
    const char *name;
    uint64_t set, clear;
};

/* Leaf encodings reserved whatever extensions exist (PBMT with menvcfg/henvcfg.PBMTE=0,
 * hart_reset's baseline, is reserved too: priv [menvcfg PBMTE] "as though not implemented"). */
static const struct bad bad_leaves[] = {
        {"w-only", XL_PTE_W, XL_PTE_R | XL_PTE_X},
        {"wx-no-r", XL_PTE_W | XL_PTE_X, XL_PTE_R},
        {"bit54", 1ull << 54, 0},
        {"bit60", 1ull << 60, 0},
        {"pbmt=1", 1ull << 61, 0},
        {"pbmt=3", 3ull << 61, 0},
        {"n", XL_PTE_N, 0},
};

/* Non-leaf: D, A, U reserved (priv "Sv32"), PBMT (Svpbmt), N (Svnapot), bits 60:54. */
static const struct bad bad_pointers[] = {
        {"a", XL_PTE_A, 0}, {"d", XL_PTE_D, 0},        {"u", XL_PTE_U, 0},
        {"n", XL_PTE_N, 0}, {"pbmt=2", 2ull << 61, 0}, {"bit57", 1ull << 57, 0},
};
#define N_BAD_LEAVES   (sizeof(bad_leaves) / sizeof(bad_leaves[0]))
#define N_BAD_POINTERS (sizeof(bad_pointers) / sizeof(bad_pointers[0]))

/* A reserved leaf at `level` (a superpage when level > 0), at the VS-stage or the G-stage. */
static void reserved_leaf(struct xe *e, const struct bad *b, unsigned level, bool g)
{
    unsigned k = page_not_napot();
    uint64_t gva = xe_page_gva(e, k), gpa = xe_page_gpa(e, k);
    if (g)
        xe_g_leaf(e, gpa, align_down(xe_page_spa(k), level), level, (G_FULL | b->set) & ~b->clear);
    else
        xe_vs_leaf(e, XL_VS, gva, align_down(gpa, level), level,
                   (tr_full_leaf(XL_VS) | b->set) & ~b->clear);
    tr_run(e,
           fmt("%s %s-leaf@%u reserved=%s acc=load priv=vs", e->pair, g ? "g" : "vs", level,
               b->name),
           XL_LOAD, XL_VS, gva + XE_TAG_OFFSET);
}

static void reserved_encodings(struct xe *e)
{
    rules("H_vm_gpatrans");
    /* Level 0 gets the whole list; every superpage level W without R and bit 54. */
    for (int g = 0; g < 2; g++) {
        unsigned n = levels(g ? e->g_mode : e->vs_mode);
        for (unsigned l = 0; l < n; l++)
            for (unsigned i = 0; i < N_BAD_LEAVES; i++)
                if (l == 0 || i == 0 || i == 2)
                    reserved_leaf(e, &bad_leaves[i], l, g);
    }
    /* Every pointer level gets U and bit 57; level 1 gets the whole list. */
    for (int g = 0; g < 2; g++) {
        unsigned n = levels(g ? e->g_mode : e->vs_mode);
        for (unsigned l = 1; l < n; l++) {
            for (unsigned i = 0; i < N_BAD_POINTERS; i++) {
                const struct bad *b = &bad_pointers[i];
                if (l > 1 && b->set != XL_PTE_U && b->set != (1ull << 57))
                    continue;
                unsigned k = tr_next_page();
                uint64_t gva = xe_page_gva(e, k);
                uint64_t slot =
                        g ? xe_g_slot(e, xe_page_gpa(e, k), l) : xe_vs_slot(e, XL_VS, gva, l);
                xe_edit(e, slot, xe_read(slot) | b->set);
                tr_run(e,
                       fmt("%s %s-pointer@%u reserved=%s acc=load priv=vs", e->pair, g ? "g" : "vs",
                           l, b->name),
                       XL_LOAD, XL_VS, gva + XE_TAG_OFFSET);
            }
        }
        /* Step 4: a pointer at level 0 (R=W=X=0) has no next level. */
        if (n) {
            unsigned k = tr_next_page();
            uint64_t gva = xe_page_gva(e, k);
            uint64_t slot = g ? xe_g_slot(e, xe_page_gpa(e, k), 0) : xe_vs_slot(e, XL_VS, gva, 0);
            xe_edit(e, slot, xe_read(slot) & ~(XE_LEAF_RWX | XE_LEAF_AD | XL_PTE_U));
            tr_run(e, fmt("%s %s-pointer@0 acc=load priv=vs", e->pair, g ? "g" : "vs"), XL_LOAD,
                   XL_VS, gva + XE_TAG_OFFSET);
        }
    }
}

/* Step 9: A clear, or D clear on a store: page fault (Svade) or hardware update (Svadu), as
 * probed; D clear on a load needs nothing. A G bit in a leaf is ignored at the G-stage
 * ([H_vm_gpa_g]) and harmless at the VS-stage (global mapping). */
void tr_accessed_dirty(struct xe *e)
{
    rules("H_vm_gpatrans H_vm_gpa_g henvcfg_adue_op");
    static const struct {
        const char *name;
        uint64_t clear, set;
        enum xl_access acc;
    } ad[] = {
            {"a=0", XL_PTE_A, 0, XL_LOAD},  {"a=0", XL_PTE_A, 0, XL_FETCH},
            {"a=0", XL_PTE_A, 0, XL_STORE}, {"d=0", XL_PTE_D, 0, XL_STORE},
            {"d=0", XL_PTE_D, 0, XL_LOAD},  {"a=0 d=0", XE_LEAF_AD, 0, XL_STORE},
            {"g=1", 0, XL_PTE_G, XL_STORE},
    };
    for (unsigned i = 0; i < sizeof(ad) / sizeof(ad[0]); i++) {
        for (int g = 0; g < 2; g++) {
            if (!levels(g ? e->g_mode : e->vs_mode))
                continue;
            unsigned k = tr_next_page();
            uint64_t gva = xe_page_gva(e, k), gpa = xe_page_gpa(e, k);
            const char *name = fmt("%s %s-leaf@0 %s acc=%s priv=vs", e->pair, g ? "g" : "vs",
                                   ad[i].name, xe_acc_name(ad[i].acc));
            if (!e->ad_known && ad[i].clear) {
                report_skip(name, "A/D profile unknown");
                continue;
            }
            if (g)
                xe_g_leaf(e, gpa, xe_page_spa(k), 0, (G_FULL | ad[i].set) & ~ad[i].clear);
            else
                xe_vs_leaf(e, XL_VS, gva, gpa, 0, (tr_full_leaf(XL_VS) | ad[i].set) & ~ad[i].clear);
            tr_run(e, name, ad[i].acc, XL_VS, ad[i].acc == XL_FETCH ? gva : gva + XE_TAG_OFFSET);
        }
    }
}

/* Canonical VAs at the VS-stage ("Sv39": bits 63:39 equal bit 38) and GPAs within the x4
 * width at the G-stage ("Sv39x4": bits 63:41 zero, a guest-page fault otherwise). */
static void address_widths(struct xe *e)
{
    rules("hgatp_mode_x4 hgatp_mode_x4 hgatp_mode_sv39x4 hgatp_mode_sv48x4 hgatp_mode_sv57x4 "
          "H_vm_gpatrans mtval2_trapval");
    unsigned k = tr_next_page();
    uint64_t gva = xe_page_gva(e, k);
    if (levels(e->vs_mode)) {
        unsigned top = xl_addr_bits(e->vs_mode, false) - 1;
        tr_run(e, fmt("%s va bit63 flipped acc=load priv=vs", e->pair), XL_LOAD, XL_VS,
               (gva ^ (1ull << 63)) + XE_TAG_OFFSET);
        tr_run(e, fmt("%s va bit%u flipped acc=fetch priv=vu", e->pair, top), XL_FETCH, XL_VU,
               gva ^ (1ull << top));
    }
    if (!levels(e->g_mode))
        return;
    /* The top bit of the widened GPA is a valid address bit, not a sign bit. */
    uint64_t top_gpa = xe_page_gpa_top(e, k);
    if (!levels(e->vs_mode))
        tr_run(e, fmt("%s gpa-top-bit acc=load priv=vs", e->pair), XL_LOAD, XL_VS,
               top_gpa + XE_TAG_OFFSET);
    else if (top_gpa < (1ull << 56)) {
        xe_vs_leaf(e, XL_VS, gva, top_gpa, 0, tr_full_leaf(XL_VS));
        tr_run(e, fmt("%s vs-leaf->gpa-top-bit acc=load priv=vs", e->pair), XL_LOAD, XL_VS,
               gva + XE_TAG_OFFSET);
    }
    uint64_t wide = 1ull << xl_addr_bits(e->g_mode, true);
    if (!levels(e->vs_mode)) {
        tr_run(e, fmt("%s gpa=2^width acc=load priv=vs", e->pair), XL_LOAD, XL_VS,
               wide + XE_TAG_OFFSET);
        tr_run(e, fmt("%s gpa=2^63 acc=fetch priv=vu", e->pair), XL_FETCH, XL_VU, 1ull << 63);
    } else if (wide < (1ull << 56)) { /* a VS PTE holds at most a 56-bit GPA */
        xe_vs_leaf(e, XL_VU, gva, wide, 0, tr_full_leaf(XL_VU));
        tr_run(e, fmt("%s vs-leaf->gpa=2^width acc=store priv=vu", e->pair), XL_STORE, XL_VU,
               gva + XE_TAG_OFFSET);
    }
}

void tr_structure_cases(struct xe *e)
{
    leaf_levels(e);
    misaligned_superpages(e);
    invalid_ptes(e);
    reserved_encodings(e);
    tr_accessed_dirty(e);
    address_widths(e);
}
