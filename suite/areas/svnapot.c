/*
 * Svnapot at both stages (priv "Svnapot"): a level-0 leaf with N=1 and PPN[3:0] = 1000 maps a
 * 64 KiB region, the address supplying PPN[3:0]; N with any other PPN[3:0], or above level 0,
 * is reserved. Svnapot has no enable bit, so its presence is probed with one G-stage NAPOT
 * leaf (profile), then the reference model (with Svnapot) gives each case's outcome.
 */
#include "translation.h"

/* A NAPOT PTE target for page k: its 64 KiB region with PPN[3:0] = 1000 ("Svnapot"). */
static uint64_t napot_pa(uint64_t pa, unsigned low_ppn)
{
    return ((pa >> 12) & ~0xfull) << 12 | (uint64_t)low_ppn << 12;
}

static bool probe(struct xe *e)
{
    unsigned k = tr_next_page();
    uint64_t gva = xe_page_gva(e, k), v = 0;

    xe_g_leaf(e, xe_page_gpa(e, k), napot_pa(xe_page_spa(k), 8), 0,
              XE_LEAF_RWX | XL_PTE_U | XE_LEAF_AD | XL_PTE_N);
    csr_write(CSR_VSATP, ((uint64_t)e->vs_mode << ATP_MODE_SHIFT) | (e->vs_root[XL_VS] >> 12));
    xe_fence();
    struct xe_op op = xe_plain_op(XL_LOAD, XL_VS);
    struct trap t = exec_insn(MODE_VS, op.insn, gva + XE_TAG_OFFSET, 0, &v);
    xe_restore(e);
    return !t.taken && v == xe_read(xe_page_spa(k) + XE_TAG_OFFSET);
}

void area_svnapot(void)
{
    static const struct {
        const char *name;
        unsigned low_ppn, level;
    } leaves[] = {{"napot ppn[3..0]=1000", 8, 0},
                  {"napot ppn[3..0]=0100 (reserved)", 4, 0},
                  {"napot at level 1 (reserved)", 8, 1}};

    rules("H_vm_gpatrans hgatp_mode_x4");
    if (!xe_setup_sv39(&xe, "all"))
        return;
    profile.svnapot = probe(&xe);
    pr("profile: svnapot = %s\n", profile.svnapot ? "yes" : "no (N=1 leaves are reserved)");
    if (!profile.svnapot) {
        report_skip("all", "no Svnapot: N=1 is reserved, checked by the translation area");
        return;
    }
    for (unsigned i = 0; i < sizeof(leaves) / sizeof(leaves[0]); i++) {
        for (int g = 0; g < 2; g++) {
            unsigned k = tr_next_page(), l = leaves[i].level;
            uint64_t gva = xe_page_gva(&xe, k), gpa = xe_page_gpa(&xe, k);
            uint64_t span = 1ull << (12 + 9 * l);
            if (g)
                xe_g_leaf(&xe, gpa & ~(span - 1),
                          napot_pa(xe_page_spa(k) & ~(span - 1), leaves[i].low_ppn), l,
                          XE_LEAF_RWX | XL_PTE_U | XE_LEAF_AD | XL_PTE_N);
            else
                xe_vs_leaf(&xe, XL_VS, gva & ~(span - 1),
                           napot_pa(gpa & ~(span - 1), leaves[i].low_ppn), l,
                           tr_full_leaf(XL_VS) | XL_PTE_N);
            tr_run(&xe,
                   fmt("%s %s-leaf@%u %s acc=load priv=vs", xe.pair, g ? "g" : "vs", l,
                       leaves[i].name),
                   XL_LOAD, XL_VS, gva + XE_TAG_OFFSET);
        }
    }
    hart_reset();
}
