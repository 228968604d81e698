/*
 * MPRV with MPV=1 ([mstatus_mprv_hypervisor]): an M-mode load or store with mstatus.MPRV=1,
 * MPV=1 is translated and protected as if V=1 at privilege MPP: two-stage translation with
 * vsatp and hgatp, vsstatus.SUM/MXR at the VS-stage, mstatus.MXR at both stages
 * ([vsstatus_mxr_vm], [sstatus_mxr_vm]). Its faults trap to M with mtval the guest virtual
 * address, GVA=1, mtval2 the GPA for guest-page faults. Expected outcomes come from the model,
 * through the translation area's tables (xlate_env.h, Sv39 over Sv39x4).
 */
#include "xlate_env.h"

#define INSN_LD_XFORM 0x00003503u /* ld a0, 0(a0) with rs1 cleared */
#define INSN_SD_XFORM 0x00b03023u /* sd a1, 0(a0) */

/* mstatus bits the access runs with: MPRV, MPV and MPP (S for a VS access, U for VU). */
uint64_t mprv_status;
uint64_t mprv_load(uint64_t va);
uint64_t mprv_store(uint64_t va);
extern char mprv_load_insn[], mprv_store_insn[];
__asm__(".pushsection .text\n"
        ".option push\n"
        ".option norvc\n"
        "mprv_prologue:\n"
        "    li t0, 0x1800\n" /* MPP: run_in left M there */
        "    csrc mstatus, t0\n"
        "    la t0, mprv_status\n"
        "    ld t0, 0(t0)\n"
        "    csrs mstatus, t0\n"
        "    ret\n"
        ".globl mprv_load, mprv_load_insn\n"
        "mprv_load:\n"
        "    mv t1, ra\n"
        "    call mprv_prologue\n"
        "mprv_load_insn:\n"
        "    ld a0, 0(a0)\n"
        "    li t0, 0x20000\n" /* MPRV off again */
        "    csrc mstatus, t0\n"
        "    jr t1\n"
        ".globl mprv_store, mprv_store_insn\n"
        "mprv_store:\n"
        "    mv t1, ra\n"
        "    call mprv_prologue\n"
        "mprv_store_insn:\n"
        "    sd a1, 0(a0)\n"
        "    li t0, 0x20000\n"
        "    csrc mstatus, t0\n"
        "    jr t1\n"
        ".option pop\n"
        ".popsection\n");

static struct xe_op mprv_op(bool store, enum xl_priv priv)
{
    mprv_status = MSTATUS_MPRV | MSTATUS_MPV | (priv == XL_VS ? 1ul << MSTATUS_MPP_SHIFT : 0);
    return (struct xe_op){
            .acc = store ? XL_STORE : XL_LOAD,
            .mode = MODE_M,
            .priv = priv,
            .size = 8,
            .xform = store ? INSN_SD_XFORM : INSN_LD_XFORM,
            .fn = store ? mprv_store : mprv_load,
            .fn_epc = (uintptr_t)(store ? mprv_store_insn : mprv_load_insn),
    };
}

static unsigned next_page(void)
{
    static unsigned k;
    k = (k + 3) % XE_PAGE_COUNT;
    return k;
}

static void run(struct xe *e, const char *name, const struct xe_op *op, uint64_t va)
{
    xe_check(name, e, op, va);
    xe_restore(e);
    e->vs_sum = e->vs_mxr = e->hs_mxr = e->hs_sum = false;
}

/* Leaf permissions at both stages x MXR at each level x load/store x MPP. */
static void permissions(struct xe *e)
{
    static const uint64_t vs_perms[] = {XL_PTE_R | XL_PTE_W, XL_PTE_X, XL_PTE_R};
    static const uint64_t g_perms[] = {XL_PTE_R | XL_PTE_W, XL_PTE_X};

    for (unsigned v = 0; v < 3; v++)
        for (unsigned g = 0; g < 2; g++)
            for (unsigned mxr = 0; mxr < 3; mxr++)
                for (int store = 0; store < 2; store++)
                    for (int p = XL_VU; p <= XL_VS; p++) {
                        if (store && mxr)
                            continue; /* MXR changes nothing for stores */
                        unsigned k = next_page();
                        uint64_t u = p == XL_VU ? XL_PTE_U : 0;
                        xe_vs_leaf(e, (enum xl_priv)p, xe_page_gva(e, k), xe_page_gpa(e, k), 0,
                                   vs_perms[v] | u | XE_LEAF_AD);
                        xe_g_leaf(e, xe_page_gpa(e, k), xe_page_spa(k), 0,
                                  g_perms[g] | XL_PTE_U | XE_LEAF_AD);
                        e->vs_mxr = mxr == 1;
                        e->hs_mxr = mxr == 2;
                        struct xe_op op = mprv_op(store, (enum xl_priv)p);
                        run(e,
                            fmt("%s mprv=1 mpv=1 mpp=%s vs-leaf=%s g-leaf=%s mxr=%u hs-mxr=%u",
                                store ? "sd" : "ld", p == XL_VS ? "S" : "U",
                                xe_perm_name(vs_perms[v] | u), xe_perm_name(g_perms[g] | XL_PTE_U),
                                mxr == 1, mxr == 2),
                            &op, xe_page_gva(e, k) + XE_TAG_OFFSET);
                    }
}

/* Faults at each stage: mtval = GVA, GVA=1, mtval2 = GPA >> 2 for the guest-page fault; the
 * VS-stage SUM rule for MPP=S. */
static void faults(struct xe *e)
{
    for (int store = 0; store < 2; store++) {
        for (unsigned what = 0; what < 3; what++) {
            unsigned k = next_page();
            uint64_t gva = xe_page_gva(e, k), gpa = xe_page_gpa(e, k);
            const char *how = what == 0   ? "g-invalid"
                              : what == 1 ? "vs-invalid"
                                          : "vs-leaf-u sum=0";
            if (what == 0)
                xe_edit(e, xe_g_slot(e, gpa, 0), 0);
            else if (what == 1)
                xe_edit(e, xe_vs_slot(e, XL_VS, gva, 0), 0);
            else
                xe_vs_leaf(e, XL_VS, gva, gpa, 0, XE_LEAF_RWX | XL_PTE_U | XE_LEAF_AD);
            struct xe_op op = mprv_op(store, XL_VS);
            run(e, fmt("%s mprv=1 mpv=1 mpp=S %s", store ? "sd" : "ld", how), &op,
                gva + XE_TAG_OFFSET);
        }
    }
}

void area_mprv(void)
{
    rules("mstatus_mprv_hypervisor vsstatus_mxr_vm sstatus_mxr_vm H_vm_twostage vsstatus_v0 "
          "vsatp_v0 mstatus_gva_op mtval2_trapval");
    if (!xe_setup_sv39(&xe, "all"))
        return;
    permissions(&xe);
    faults(&xe);
}
