/*
 * HFENCE.VVMA, HFENCE.GVMA and SFENCE.VMA at V=1 (priv "Hypervisor Memory-Management Fence
 * Instructions", "Memory-Management Fences"): after a PTE changes and the fence the spec
 * requires has run, the hart must use the new mapping. Each case first loads through the old
 * mapping (so a translation may be cached), changes one PTE, fences, and loads again: the value
 * must come from the new page. Flushing more than required is always allowed, so nothing is
 * ever checked after a fence that is not required. Translations are also tagged: one cached
 * under one VMID (ASID) must not serve another VMID (ASID) that never cached it.
 */
#include "xlate_env.h"

#define FUNCT7_HFENCE_VVMA 0x11u
#define FUNCT7_HFENCE_GVMA 0x31u
#define FUNCT7_SFENCE_VMA  0x09u

/* hfence.vvma/hfence.gvma/sfence.vma rs1, rs2: rs1 = a0 (address), rs2 = a1 (ASID or VMID),
 * or x0 for "all". */
static uint32_t fence_insn(uint32_t funct7, bool addr, bool id)
{
    return (funct7 << 25) | ((id ? REG_A1 : 0u) << 20) | ((addr ? REG_A0 : 0u) << 15) | 0x73u;
}

static uint64_t tag(unsigned k)
{
    return xe_read(xe_page_spa(k) + XE_TAG_OFFSET);
}

static unsigned next_page(void)
{
    static unsigned k;
    k = (k + 2) % XE_PAGE_COUNT;
    return k;
}

static void set_atps(const struct xe *e, uint64_t asid, uint64_t vmid)
{
    csr_write(CSR_HGATP, ((uint64_t)e->g_mode << ATP_MODE_SHIFT) | (vmid << HGATP_VMID_SHIFT) |
                                 (e->g_root >> 12));
    csr_write(CSR_VSATP, ((uint64_t)e->vs_mode << ATP_MODE_SHIFT) | (asid << SATP_ASID_SHIFT) |
                                 (e->vs_root[XL_VS] >> 12));
}

/* One VS-mode load of page k's tag word. */
static bool load(uint64_t va, uint64_t *v, struct trap *t)
{
    struct xe_op op = xe_plain_op(XL_LOAD, XL_VS);
    *t = exec_insn(MODE_VS, op.insn, va, 0, v);
    return !t->taken;
}

/* Warm with a load through page `from`, run `change`, run the fence, load again: page `to`. */
struct fence_case {
    const char *name;
    unsigned from, to;
    uint64_t va;
    enum mode fence_mode;
    uint32_t fence;
    uint64_t a0, a1;
};

/* Set when the profile shows no stale translation: every case is then a skip with this reason. */
static const char *cannot_fail;

static void run_case(struct xe *e, const struct fence_case *c,
                     void (*change)(struct xe *e, unsigned k))
{
    uint64_t v;
    struct trap t;

    if (cannot_fail) {
        report_skip(c->name, cannot_fail);
        return;
    }

    xe_fence();
    if (!load(c->va, &v, &t) || v != tag(c->from)) {
        report_fail(c->name,
                    "expected the old page's tag 0x%lx before the change; got %s value 0x%lx",
                    tag(c->from), trap_str(&t), v);
        xe_restore(e);
        return;
    }
    change(e, c->from);
    t = exec_insn(c->fence_mode, c->fence, c->a0, c->a1, NULL);
    if (t.taken) {
        report_fail(c->name, "expected the fence to run; got %s", trap_str(&t));
    } else if (!load(c->va, &v, &t) || v != tag(c->to)) {
        report_fail(c->name,
                    "expected the new page's tag 0x%lx after the fence; got %s value 0x%lx",
                    tag(c->to), trap_str(&t), v);
    } else {
        report_pass(c->name);
    }
    xe_restore(e);
}

/* VS leaf of page k now maps the GPA of page k+1. */
static void change_vs_leaf(struct xe *e, unsigned k)
{
    xe_vs_leaf(e, XL_VS, xe_page_gva(e, k), xe_page_gpa(e, k + 1), 0, XE_LEAF_RWX | XE_LEAF_AD);
}

/* G leaf of page k's GPA now maps page k+1. */
static void change_g_leaf(struct xe *e, unsigned k)
{
    xe_g_leaf(e, xe_page_gpa(e, k), xe_page_spa(k + 1), 0, XE_LEAF_RWX | XL_PTE_U | XE_LEAF_AD);
}

/* The spare VS table change_vs_pointer points to: allocated (with its G-stage leaf) and fenced
 * before any case, so the case itself writes no G-stage PTE that only HFENCE.GVMA would order. */
static uint64_t spare_table;

/* The level-1 pointer of page k now leads to the spare level-0 table, which maps page k+1: a
 * non-leaf change, which only an rs1=x0 fence covers (priv "SFENCE.VMA": rs1 != x0 orders leaf
 * PTEs only). */
static void change_vs_pointer(struct xe *e, unsigned k)
{
    uint64_t gva = xe_page_gva(e, k), old = xe_vs_slot(e, XL_VS, gva, 0) & ~0xfffull;
    uint64_t table = spare_table;
    for (unsigned i = 0; i < 512; i++)
        *(volatile uint64_t *)(uintptr_t)(table + 8 * i) = xe_read(old + 8 * i);
    uint64_t slot = xe_vs_slot(e, XL_VS, gva, 0) - old + table;
    *(volatile uint64_t *)(uintptr_t)slot = xe_pte(xe_page_gpa(e, k + 1), XE_LEAF_RWX | XE_LEAF_AD);
    xe_edit(e, xe_vs_slot(e, XL_VS, gva, 1), xe_pte(table, 0));
}

static const char *args_name(bool addr, bool id, const char *id_name)
{
    return fmt("rs1=%s rs2=%s", addr ? "addr" : "x0", id ? id_name : "x0");
}

/* Runs c on a fresh page: fills in the pages, the address loaded and rs1's operand, the GVA or,
 * for HFENCE.GVMA, the GPA >> 2 ([norm:hfence-gvma_op]). rs1 is only used when c.fence names a
 * register for it. */
static void run_on_new_page(struct xe *e, struct fence_case c, bool gpa_operand, uint64_t asid,
                            uint64_t vmid, void (*change)(struct xe *e, unsigned k))
{
    unsigned k = next_page();
    c.from = k;
    c.to = k + 1;
    c.va = xe_page_gva(e, k) + XE_TAG_OFFSET;
    c.a0 = gpa_operand ? xe_page_gpa(e, k) >> 2 : xe_page_gva(e, k);
    set_atps(e, asid, vmid);
    run_case(e, &c, change);
}

static const enum mode fence_from[] = {MODE_HS, MODE_M};

static void vvma_cases(struct xe *e, uint64_t asid, uint64_t vmid)
{
    rules("hfence-vvma_hfence-gvma_op hfence-vvma_mode hfence-vvma_limits sfence_vma_v1");
    for (unsigned m = 0; m < 2; m++) {
        const char *from = mode_name(fence_from[m]);
        for (unsigned v = 0; v < 4; v++) {
            bool addr = v & 1, id = v & 2;
            struct fence_case c = {
                    .name = fmt("hfence.vvma %s from=%s after vs-leaf change",
                                args_name(addr, id, "asid"), from),
                    .fence_mode = fence_from[m],
                    .fence = fence_insn(FUNCT7_HFENCE_VVMA, addr, id),
                    .a1 = asid,
            };
            run_on_new_page(e, c, false, asid, vmid, change_vs_leaf);
        }
        for (unsigned id = 0; id < 2; id++) {
            struct fence_case c = {
                    .name = fmt("hfence.vvma %s from=%s after vs-pointer change",
                                args_name(false, id, "asid"), from),
                    .fence_mode = fence_from[m],
                    .fence = fence_insn(FUNCT7_HFENCE_VVMA, false, id),
                    .a1 = asid,
            };
            run_on_new_page(e, c, false, asid, vmid, change_vs_pointer);
        }
    }
    /* SFENCE.VMA at V=1 fences the VS-stage of the current VMID ([norm:sfence_vma_v1]). */
    for (unsigned addr = 0; addr < 2; addr++) {
        struct fence_case c = {
                .name = fmt("sfence.vma %s from=VS after vs-leaf change",
                            args_name(addr, false, "asid")),
                .fence_mode = MODE_VS,
                .fence = fence_insn(FUNCT7_SFENCE_VMA, addr, false),
        };
        run_on_new_page(e, c, false, asid, vmid, change_vs_leaf);
    }
    /* [hfence-vvma_asid]: rs2 bits XLEN-1:ASIDMAX (16 on RV64) are ignored. */
    rules("hfence-vvma_asid");
    struct fence_case c = {
            .name = "hfence.vvma rs1=x0 rs2=asid with bits 63..16 set from=HS after vs-leaf change",
            .fence_mode = MODE_HS,
            .fence = fence_insn(FUNCT7_HFENCE_VVMA, false, true),
            .a1 = asid | (~0ull << 16),
    };
    run_on_new_page(e, c, false, asid, vmid, change_vs_leaf);
}

static void gvma_cases(struct xe *e, uint64_t asid, uint64_t vmid)
{
    rules("hfence-gvma_op hfence-vvma_hfence-gvma_op hgatp_op_hfence_gvma");
    for (unsigned m = 0; m < 2; m++) {
        for (unsigned v = 0; v < 4; v++) {
            bool addr = v & 1, id = v & 2;
            struct fence_case c = {
                    .name = fmt("hfence.gvma %s from=%s after g-leaf change",
                                args_name(addr, id, "vmid"), mode_name(fence_from[m])),
                    .fence_mode = fence_from[m],
                    .fence = fence_insn(FUNCT7_HFENCE_GVMA, addr, id),
                    .a1 = vmid,
            };
            run_on_new_page(e, c, true, asid, vmid, change_g_leaf);
        }
    }
    /* [hfence-gvma_vmid]: rs2 bits XLEN-1:VMIDMAX (14 on RV64) are ignored. */
    rules("hfence-gvma_vmid");
    struct fence_case c = {
            .name = "hfence.gvma rs1=x0 rs2=vmid with bits 63..14 set from=HS after g-leaf change",
            .fence_mode = MODE_HS,
            .fence = fence_insn(FUNCT7_HFENCE_GVMA, false, true),
            .a1 = vmid | (~0ull << 14),
    };
    run_on_new_page(e, c, true, asid, vmid, change_g_leaf);
}

/* A translation cached under VMID 1 (ASID 1) must not serve VMID 2 (ASID 2). The PTE changes
 * while ID 1 is current, and then only ID 2 is fenced (HFENCE.VVMA rs2=ASID 2, HFENCE.GVMA
 * rs2=VMID 2, [hfence-vvma_hfence-gvma_op]): after that, ID 2 must see the new PTE, while ID 1
 * may still use its old translation. Needs at least 2 VMID (ASID) bits; with fewer the two
 * values are one and the same. */
static void tag_cases(struct xe *e)
{
    rules("hfence-vvma_hfence-gvma_op hgatp_vmid");
    for (int g = 0; g < 2; g++) {
        const char *name = g ? "vmid 2 never uses a translation cached under vmid 1"
                             : "asid 2 never uses a translation cached under asid 1";
        if ((g ? profile.vmidlen : profile.asidlen) < 2) {
            report_skip(name, g ? "VMIDLEN < 2" : "ASIDLEN < 2");
            continue;
        }
        if (cannot_fail) {
            report_skip(name, cannot_fail);
            continue;
        }
        unsigned k = next_page();
        uint64_t va = xe_page_gva(e, k) + XE_TAG_OFFSET, v;
        struct trap t;
        set_atps(e, 1, 1);
        xe_fence();
        if (!load(va, &v, &t) || v != tag(k)) {
            report_fail(name, "expected 0x%lx under id 1; got %s value 0x%lx", tag(k), trap_str(&t),
                        v);
            xe_restore(e);
            continue;
        }
        if (g)
            change_g_leaf(e, k);
        else
            change_vs_leaf(e, k);
        set_atps(e, g ? 1 : 2, g ? 2 : 1);
        uint32_t fence = fence_insn(g ? FUNCT7_HFENCE_GVMA : FUNCT7_HFENCE_VVMA, false, true);
        t = exec_insn(MODE_HS, fence, 0, 2, NULL);
        if (t.taken)
            report_fail(name, "expected the fence of id 2 to run; got %s", trap_str(&t));
        else if (!load(va, &v, &t) || v != tag(k + 1))
            report_fail(name, "expected the new page's tag 0x%lx under id 2; got %s value 0x%lx",
                        tag(k + 1), trap_str(&t), v);
        else
            report_pass(name);
        xe_restore(e);
    }
}

/*
 * The spec lets an implementation cache translations or not. Where a changed PTE is seen at
 * once without any fence (no cache survives the switches into VS-mode), every fence check
 * passes whether or not the fences work: they are reported as skips with that reason instead
 * of passes that prove nothing.
 */
static bool stale_translations_seen(struct xe *e, uint64_t asid, uint64_t vmid)
{
    unsigned k = next_page();
    uint64_t va = xe_page_gva(e, k) + XE_TAG_OFFSET, v = 0;
    struct trap t;

    set_atps(e, asid, vmid);
    xe_fence();
    bool stale = false;
    if (load(va, &v, &t) && v == tag(k)) {
        change_vs_leaf(e, k);
        stale = load(va, &v, &t) && v == tag(k);
    }
    xe_restore(e);
    pr("profile: stale translations seen without a fence = %s\n",
       stale ? "yes" : "no (the fence checks are skipped: they cannot tell a missing fence)");
    return stale;
}

void area_hfence(void)
{
    rules("hfence-vvma_hfence-gvma_op");
    if (!xe_setup_sv39(&xe, "all"))
        return;
    uint64_t asid = profile.asidlen ? 1 : 0, vmid = profile.vmidlen ? 1 : 0;
    cannot_fail = stale_translations_seen(&xe, asid, vmid)
                          ? 0
                          : "stale translations are never observable here (profile): the check "
                            "cannot fail";
    spare_table = xe_vs_table(&xe);
    xe_fence();
    vvma_cases(&xe, asid, vmid);
    gvma_cases(&xe, asid, vmid);
    tag_cases(&xe);
}
