/*
 * VS-stage page-table accesses are translated by the G-stage as implicit loads (stores for
 * A/D updates) and user-level accesses; a fault there is a guest-page fault for the original
 * access type with htval = the PTE's GPA >> 2 and tinst = 0x3000/0x3020 when htval is nonzero
 * (priv "Two-Stage Address Translation" [H_vm_gpapriv], "htval", [H_trap_xtinst_guestpage]).
 * Each non-root VS table has its own G-stage page (xlate_env.c), so one edit breaks one level.
 * The root stays intact: the suite's own code is reached through it.
 */
#include "translation.h"

#define G_TABLE_OK (XL_PTE_R | XL_PTE_W | XL_PTE_U | XE_LEAF_AD)

struct table_fault {
    const char *name;
    uint64_t g_flags; /* the G-stage leaf of the VS table; 0: invalid */
    enum xl_access acc;
    enum xl_priv priv;
    bool vs_leaf_a0; /* clear A in the VS leaf, so Svadu must write the table */
};

static const struct table_fault faults[] = {
        {"invalid", 0, XL_LOAD, XL_VS, false},
        {"invalid", 0, XL_STORE, XL_VU, false},
        {"invalid", 0, XL_FETCH, XL_VS, false},
        {"no-u", XL_PTE_R | XL_PTE_W | XE_LEAF_AD, XL_LOAD, XL_VU, false},
        {"x-only", XL_PTE_X | XL_PTE_U | XE_LEAF_AD, XL_FETCH, XL_VU, false},
        {"w-only", XL_PTE_W | XL_PTE_U | XE_LEAF_AD, XL_LOAD, XL_VS, false},
        {"r-only", XL_PTE_R | XL_PTE_U | XE_LEAF_AD, XL_STORE, XL_VS, false},
        {"r-only vs-leaf-a=0", XL_PTE_R | XL_PTE_U | XE_LEAF_AD, XL_LOAD, XL_VS, true},
        {"a=0", XL_PTE_R | XL_PTE_W | XL_PTE_U, XL_LOAD, XL_VS, false},
        {"ok", G_TABLE_OK, XL_FETCH, XL_VU, false},
};

void tr_implicit_cases(struct xe *e)
{
    rules("H_vm_gpapriv mtval2_trapval_vstrans H_trap_xtinst_guestpage H_trap_xtinst_guestpage_rw "
          "htval_trapval");
    if (e->vs_mode == XL_MODE_BARE || e->g_mode == XL_MODE_BARE)
        return;
    unsigned top = xl_levels(e->vs_mode) - 1;
    for (unsigned l = 0; l < top; l++) {
        for (unsigned i = 0; i < sizeof(faults) / sizeof(faults[0]); i++) {
            const struct table_fault *f = &faults[i];
            unsigned k = tr_next_page();
            uint64_t gva = xe_page_gva(e, k);
            const char *name = fmt("%s vs-table@%u g-leaf=%s acc=%s priv=%s", e->pair, l, f->name,
                                   xe_acc_name(f->acc), xe_priv_name(f->priv));
            if (f->vs_leaf_a0 && !e->ad_known) {
                report_skip(name, "A/D profile unknown");
                continue;
            }
            if (f->vs_leaf_a0 && l != 0)
                continue; /* the leaf lives in the level-0 table */
            if ((f->g_flags & XL_PTE_A) == 0 && f->g_flags && !e->ad_known) {
                report_skip(name, "A/D profile unknown");
                continue;
            }
            uint64_t table = xe_vs_slot(e, f->priv, gva, l) & ~0xfffull;
            xe_vs_leaf(e, f->priv, gva, xe_page_gpa(e, k), 0,
                       tr_full_leaf(f->priv) & ~(f->vs_leaf_a0 ? XL_PTE_A : 0));
            xe_edit(e, xe_g_slot(e, table, 0), f->g_flags ? xe_pte(table, f->g_flags) : 0);
            tr_run(e, name, f->acc, f->priv, f->acc == XL_FETCH ? gva : gva + XE_TAG_OFFSET);
        }
    }
}

/* PMP forbids S/U access to one page: the test page itself, the VS table holding its leaf, or
 * the G table holding its G leaf. Each is an access fault for the original access type, with
 * tval the GVA and tval2 0 (priv "Virtual Address Translation Process" step 2, [pmp]). With
 * the VS table read-only, an A/D update (Svadu) is a store access fault, a missing D otherwise
 * a page fault. */
void tr_pmp_cases(struct xe *e)
{
    rules("H_pmp H_trap_xtinst_val");
    static const struct {
        const char *what;
        enum xl_access acc;
        enum xl_priv priv;
    } runs[] = {
            {"page", XL_LOAD, XL_VS},        {"page", XL_STORE, XL_VU},
            {"page", XL_FETCH, XL_VS},       {"vs-table@0", XL_LOAD, XL_VS},
            {"vs-table@0", XL_FETCH, XL_VU}, {"g-table@0", XL_STORE, XL_VS},
    };
    if (!profile.pmp) {
        report_skip(fmt("%s pmp", e->pair), "no PMP to forbid an access with");
        return;
    }
    for (unsigned i = 0; i < sizeof(runs) / sizeof(runs[0]); i++) {
        bool vs_table = runs[i].what[0] == 'v', g_table = runs[i].what[0] == 'g';
        if ((vs_table && e->vs_mode == XL_MODE_BARE) || (g_table && e->g_mode == XL_MODE_BARE))
            continue;
        unsigned k = tr_next_page();
        uint64_t gva = xe_page_gva(e, k), gpa = xe_page_gpa(e, k);
        uint64_t page = vs_table  ? xe_vs_slot(e, runs[i].priv, gva, 0)
                        : g_table ? xe_g_slot(e, gpa, 0)
                                  : xe_page_spa(k);
        const char *name = fmt("%s pmp-none=%s acc=%s priv=%s", e->pair, runs[i].what,
                               xe_acc_name(runs[i].acc), xe_priv_name(runs[i].priv));
        if (e->vs_mode != XL_MODE_BARE)
            xe_vs_leaf(e, runs[i].priv, gva, gpa, 0, tr_full_leaf(runs[i].priv));
        xe_pmp_limit(e, page & ~0xfffull, 0);
        tr_run(e, name, runs[i].acc, runs[i].priv,
               runs[i].acc == XL_FETCH ? gva : gva + XE_TAG_OFFSET);
    }
    /* [H_exception_priority]: translation faults of an explicit access come before the access
     * fault of its physical address, so a guest-page fault hides the PMP denial. */
    if (e->g_mode != XL_MODE_BARE) {
        rules("H_exception_priority H_pmp");
        unsigned k = tr_next_page();
        uint64_t gva = xe_page_gva(e, k), gpa = xe_page_gpa(e, k);
        if (e->vs_mode != XL_MODE_BARE)
            xe_vs_leaf(e, XL_VS, gva, gpa, 0, tr_full_leaf(XL_VS));
        xe_edit(e, xe_g_slot(e, gpa, 0), 0);
        xe_pmp_limit(e, xe_page_spa(k), 0);
        tr_run(e, fmt("%s pmp-none=page g-invalid acc=load priv=vs", e->pair), XL_LOAD, XL_VS,
               gva + XE_TAG_OFFSET);
        rules("H_pmp H_trap_xtinst_val");
    }
    if (e->vs_mode == XL_MODE_BARE || !e->ad_known)
        return;
    unsigned k = tr_next_page();
    uint64_t gva = xe_page_gva(e, k);
    xe_vs_leaf(e, XL_VS, gva, xe_page_gpa(e, k), 0, tr_full_leaf(XL_VS) & ~XL_PTE_D);
    xe_pmp_limit(e, xe_vs_slot(e, XL_VS, gva, 0) & ~0xfffull, 1);
    tr_run(e, fmt("%s pmp-r=vs-table@0 vs-leaf-d=0 acc=store priv=vs", e->pair), XL_STORE, XL_VS,
           gva + XE_TAG_OFFSET);
}

/* Delegated faults: medeleg sends page and guest-page faults to HS (stval, htval, htinst,
 * hstatus.GVA); hedeleg sends page faults on to VS (vstval); guest-page faults cannot be
 * delegated past HS (priv "Hypervisor Trap Delegation": hedeleg bits 20, 21, 23 read-only 0). */
void tr_delivery_cases(struct xe *e)
{
    rules("H_guest_page_fault hedeleg_op H_trap_deleg mtval2_htval_virtaddr htval_trapval");
    const uint64_t pf = (1ull << EXC_INSN_PAGE_FAULT) | (1ull << EXC_LOAD_PAGE_FAULT) |
                        (1ull << EXC_STORE_PAGE_FAULT);
    const uint64_t gpf = (1ull << EXC_INSN_GUEST_PAGE_FAULT) | (1ull << EXC_LOAD_GUEST_PAGE_FAULT) |
                         (1ull << EXC_STORE_GUEST_PAGE_FAULT);
    static const enum xl_access accs[] = {XL_LOAD, XL_STORE, XL_FETCH};

    csr_write(CSR_MEDELEG, pf | gpf);
    for (int hedeleg = 0; hedeleg < 2; hedeleg++) {
        csr_write(CSR_HEDELEG, hedeleg ? pf : 0);
        const char *to = hedeleg ? "medeleg+hedeleg" : "medeleg";
        for (unsigned a = 0; a < 3; a++) {
            for (int g = 0; g < 2; g++) {
                /* VS's own handler runs at VS through the VS root: only VS-mode runs there. */
                enum xl_priv priv = hedeleg || a == 1 ? XL_VS : XL_VU;
                unsigned k = tr_next_page();
                uint64_t gva = xe_page_gva(e, k), gpa = xe_page_gpa(e, k);
                uint64_t slot = g ? xe_g_slot(e, gpa, 0) : xe_vs_slot(e, priv, gva, 0);
                xe_edit(e, slot, 0);
                tr_run(e,
                       fmt("%s %s-invalid@0 acc=%s priv=%s deleg=%s", e->pair, g ? "g" : "vs",
                           xe_acc_name(accs[a]), xe_priv_name(priv), to),
                       accs[a], priv, accs[a] == XL_FETCH ? gva : gva + XE_TAG_OFFSET);
            }
        }
        unsigned k = tr_next_page();
        uint64_t gva = xe_page_gva(e, k);
        uint64_t table = xe_vs_slot(e, XL_VS, gva, 0) & ~0xfffull;
        xe_edit(e, xe_g_slot(e, table, 0), 0);
        tr_run(e, fmt("%s vs-table@0 g-leaf=invalid acc=load priv=vs deleg=%s", e->pair, to),
               XL_LOAD, XL_VS, gva + XE_TAG_OFFSET);
    }
    csr_write(CSR_HEDELEG, 0);
    csr_write(CSR_MEDELEG, 0);
}
