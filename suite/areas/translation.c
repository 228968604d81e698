/*
 * Two-stage address translation (priv "Two-Stage Address Translation"): for every VS-stage mode
 * x G-stage mode pair the hart accepts, real tables are built once (xlate_env.c) and the case
 * families of translation_*.c change one or two PTEs per case. Each case's expected outcome
 * comes from the reference model in suite/model, which is unit-tested on the host.
 *
 * Implementation choices are detected first and printed as profile lines: whether each stage
 * updates A/D in hardware (Svadu) or raises a page fault (priv "Svade"/"Svadu").
 */
#include "translation.h"
#include "areas.h"

static const unsigned all_modes[] = {XL_MODE_BARE, XL_MODE_SV39, XL_MODE_SV48, XL_MODE_SV57};

unsigned tr_next_page(void)
{
    static unsigned k;
    k = (k + 1) % XE_PAGE_COUNT;
    return k;
}

uint64_t tr_full_leaf(enum xl_priv priv)
{
    return XE_LEAF_RWX | XE_LEAF_AD | (priv == XL_VU ? XL_PTE_U : 0);
}

void tr_run_op(struct xe *e, const char *name, const struct xe_op *op, uint64_t va)
{
    xe_check(name, e, op, va);
    xe_restore(e);
    e->vs_sum = e->vs_mxr = e->hs_mxr = e->hs_sum = false;
}

void tr_run(struct xe *e, const char *name, enum xl_access acc, enum xl_priv priv, uint64_t va)
{
    struct xe_op op = xe_plain_op(acc, priv);
    tr_run_op(e, name, &op, va);
}

static const char *ad_name(int v)
{
    return v < 0 ? "unknown" : v ? "hardware update" : "page fault";
}

/*
 * One access through a leaf with A clear: a page fault (Svade) or A set in memory (Svadu).
 * Returns 1 (hardware), 0 (fault) or -1 (neither: the A/D cases are skipped).
 */
static int probe_ad(struct xe *e, bool g_stage)
{
    unsigned k = tr_next_page();
    uint64_t gva = xe_page_gva(e, k), slot;
    if (g_stage) {
        slot = xe_g_slot(e, xe_page_gpa(e, k), 0);
        xe_edit(e, slot, xe_pte(xe_page_spa(k), XE_LEAF_RWX | XL_PTE_U));
    } else {
        slot = xe_vs_slot(e, XL_VS, gva, 0);
        xe_edit(e, slot, xe_pte(xe_page_gpa(e, k), XE_LEAF_RWX));
    }
    xe_fence();
    csr_write(CSR_VSATP, ((uint64_t)e->vs_mode << ATP_MODE_SHIFT) | (e->vs_root[XL_VS] >> 12));
    xe_fence();
    uint64_t v;
    struct xe_op op = xe_plain_op(XL_LOAD, XL_VS);
    struct trap t = exec_insn(MODE_VS, op.insn, gva + XE_TAG_OFFSET, 0, &v);
    unsigned fault = g_stage ? EXC_LOAD_GUEST_PAGE_FAULT : EXC_LOAD_PAGE_FAULT;
    int r = -1;
    if (t.taken && t.cause == fault)
        r = 0;
    else if (!t.taken && (xe_read(slot) & XL_PTE_A))
        r = 1;
    xe_restore(e);
    return r;
}

/* What a guest-page fault reports where the spec leaves a choice: htval/mtval2 = GPA >> 2 or 0,
 * tinst = the transformed load (explicit access) or the pseudoinstruction (VS-table read) or
 * 0 (priv "htval", [H_trap_xtinst]). Printed only: the checks accept every legal choice. */
static void probe_gpf_reporting(struct xe *e)
{
    for (int implicit = 0; implicit < 2; implicit++) {
        unsigned k = tr_next_page();
        uint64_t gva = xe_page_gva(e, k), gpa = xe_page_gpa(e, k);
        uint64_t page = implicit ? xe_vs_slot(e, XL_VS, gva, 0) & ~0xfffull : gpa;
        xe_edit(e, xe_g_slot(e, page, 0), 0);
        xe_fence();
        csr_write(CSR_VSATP, ((uint64_t)e->vs_mode << ATP_MODE_SHIFT) | (e->vs_root[XL_VS] >> 12));
        xe_fence();
        struct xe_op op = xe_plain_op(XL_LOAD, XL_VS);
        struct trap t = exec_insn(MODE_VS, op.insn, gva + XE_TAG_OFFSET, 0, NULL);
        xe_restore(e);
        const char *what = implicit ? "implicit-gpf" : "gpf";
        if (!t.taken || t.cause != EXC_LOAD_GUEST_PAGE_FAULT) {
            pr("profile: %s = not raised (%s)\n", what, trap_str(&t));
            continue;
        }
        uint64_t pseudo = implicit ? XL_TINST_PT_READ : op.xform;
        pr("profile: %s-tval2 = %s\n", what, t.tval2 ? "gpa" : "zero");
        pr("profile: %s-tinst = %s\n", what,
           t.tinst == 0        ? "zero"
           : t.tinst == pseudo ? (implicit ? "pseudoinstruction" : "transformed")
                               : fmt("0x%lx", t.tinst));
    }
}

/*
 * Svadu: with menvcfg.ADUE=1 the G-stage, and with henvcfg.ADUE=1 the VS-stage, must update
 * A/D in hardware instead of faulting (priv "Svadu" and the ADUE fields of menvcfg/henvcfg).
 * The A/D and implicit-access cases run again under that setting, named "... adue=1".
 */
static void svadu_cases(void)
{
    rules("henvcfg_adue_op menvcfg_adue_op");
    const char *name = "vs=sv39 g=sv39x4 adue=1";
    if (!profile.svadu) {
        report_skip(name, "menvcfg.ADUE is not writable (no Svadu)");
        return;
    }
    csr_set(CSR_MENVCFG, ENVCFG_ADUE);
    csr_set(CSR_HENVCFG, ENVCFG_ADUE);
    if (xe_setup(&xe, XL_MODE_SV39, XL_MODE_SV39)) {
        const char *suffix = " adue=1";
        unsigned n = 0;
        while (xe.pair[n])
            n++;
        for (unsigned i = 0; suffix[i] && n + 1 < sizeof(xe.pair); i++)
            xe.pair[n++] = suffix[i];
        xe.pair[n] = 0;
        int vs_ad = probe_ad(&xe, false), g_ad = probe_ad(&xe, true);
        expect_eq(fmt("%s vs-stage updates A in hardware", name), vs_ad == 1, 1);
        expect_eq(fmt("%s g-stage updates A in hardware", name), g_ad == 1, 1);
        xe.vs_hw_ad = vs_ad == 1;
        xe.g_hw_ad = g_ad == 1;
        xe.ad_known = vs_ad >= 0 && g_ad >= 0;
        tr_accessed_dirty(&xe);
        tr_implicit_cases(&xe);
    }
    csr_clear(CSR_HENVCFG, ENVCFG_ADUE);
    csr_clear(CSR_MENVCFG, ENVCFG_ADUE);
}

static bool pair_supported(unsigned vs, unsigned g)
{
    return (vs == XL_MODE_BARE || vsatp_mode_supported(vs)) &&
           (g == XL_MODE_BARE || hgatp_mode_supported(g));
}

void area_translation(void)
{
    rules("H_vm_supported H_vm_twostage");
    int vs_ad = -1, g_ad = -1;

    if (!pair_supported(XL_MODE_SV39, XL_MODE_SV39)) {
        report_skip("all", "neither Sv39 in vsatp nor Sv39x4 in hgatp is accepted");
        return;
    }
    if (!xe_setup(&xe, XL_MODE_SV39, XL_MODE_SV39))
        return;
    vs_ad = probe_ad(&xe, false);
    g_ad = probe_ad(&xe, true);
    pr("profile: vs-stage-ad = %s\n", ad_name(vs_ad));
    pr("profile: g-stage-ad = %s\n", ad_name(g_ad));
    /* With Svadu, ADUE=0 (the baseline) leaves no choice: A/D are managed as in Svade and a
     * clear bit faults at each stage ([henvcfg_adue_op], [menvcfg_adue_op]). Without Svadu the
     * probed behaviour is the implementation's. */
    if (profile.svadu) {
        rules("henvcfg_adue_op menvcfg_adue_op");
        expect_eq("vs=sv39 g=sv39x4 adue=0 vs-stage faults on A=0", vs_ad, 0);
        expect_eq("vs=sv39 g=sv39x4 adue=0 g-stage faults on A=0", g_ad, 0);
        vs_ad = g_ad = 0;
    }
    probe_gpf_reporting(&xe);

    for (unsigned g = 0; g < 4; g++) {
        for (unsigned v = 0; v < 4; v++) {
            if (!pair_supported(all_modes[v], all_modes[g])) {
                report_skip(fmt("vs=%s g=%s", xl_mode_name(all_modes[v], false),
                                xl_mode_name(all_modes[g], true)),
                            "mode not accepted by vsatp/hgatp (profile)");
                continue;
            }
            if (!xe_setup(&xe, all_modes[v], all_modes[g]))
                return;
            xe.vs_hw_ad = vs_ad == 1;
            xe.g_hw_ad = g_ad == 1;
            xe.ad_known = vs_ad >= 0 && g_ad >= 0;
            if (all_modes[v] == XL_MODE_SV39 && all_modes[g] == XL_MODE_SV39) {
                tr_permission_matrix(&xe);
                tr_amo_cases(&xe);
                tr_delivery_cases(&xe);
            }
            tr_structure_cases(&xe);
            tr_implicit_cases(&xe);
            tr_pmp_cases(&xe);
        }
    }
    svadu_cases();
}
