/*
 * HLV, HLVX and HSV (priv "Hypervisor Virtual-Machine Load and Store Instructions"): every width
 * from HS, M and U (hstatus.HU=1) with hstatus.SPVP both ways; faults and their tval/tval2/
 * tinst/GVA; the permission rules (HLVX needs X instead of R at both stages, sstatus.MXR both
 * stages, vsstatus.MXR VS-stage only, vsstatus.SUM for SPVP=1, HS-level SUM ignored); HU=0 in U
 * (illegal instruction); MPRV does not affect them ([norm:mstatus_mprv_hlsv]). Accesses go
 * through the translation area's tables (xlate_env.h, Sv39 over Sv39x4) and the same model.
 */
#include "model/hlv_insn.h"
#include "xlate_env.h"

#define REG_T0 5

static const enum mode run_modes[] = {MODE_HS, MODE_M, MODE_U};

static struct xe_op hlv_op(enum hlv_op op, enum mode mode, enum xl_priv priv)
{
    const struct hlv_info *i = hlv_info(op);
    uint32_t insn = hlv_encode(op, i->store ? REG_A1 : REG_A0, REG_A0);
    return (struct xe_op){
            .acc = i->store  ? XL_STORE
                   : i->exec ? XL_HLVX
                             : XL_LOAD,
            .mode = mode,
            .priv = priv,
            .insn = insn,
            .size = i->size,
            .sign = i->sign,
            .xform = hlv_transform(insn),
    };
}

/* The accessed bytes end at the top of the tag word, whose top byte is 0x81: narrow loads
 * then read a negative value and show their sign or zero extension. */
static uint64_t target(const struct xe *e, unsigned k, enum hlv_op op)
{
    return xe_page_gva(e, k) + XE_TAG_OFFSET + 8 - hlv_info(op)->size;
}

static unsigned next_page(void)
{
    static unsigned k;
    k = (k + 1) % XE_PAGE_COUNT;
    return k;
}

/* VS leaf of page k: `flags` plus A/D, U as SPVP requires unless told otherwise. */
static void vs_leaf(struct xe *e, unsigned k, uint64_t flags)
{
    xe_vs_leaf(e, XL_VS, xe_page_gva(e, k), xe_page_gpa(e, k), 0, flags | XE_LEAF_AD);
}

static void g_leaf(struct xe *e, unsigned k, uint64_t flags)
{
    uint64_t gpa = xe_page_gpa(e, k);
    xe_edit(e, xe_g_slot(e, gpa, 0), flags ? xe_pte(xe_page_spa(k), flags | XE_LEAF_AD) : 0);
}

static uint64_t user_bit(enum xl_priv priv)
{
    return priv == XL_VU ? XL_PTE_U : 0;
}

static void run(struct xe *e, const char *name, const struct xe_op *op, uint64_t va)
{
    xe_check(name, e, op, va);
    xe_restore(e);
    e->vs_sum = e->vs_mxr = e->hs_mxr = e->hs_sum = false;
}

/* Every instruction from every allowed mode, both SPVP values, on a fully accessible page. */
static void widths(struct xe *e)
{
    rules("hlsv_op hlsv_priv hlsv_mode hstatus_hu_op hstatus_spvp_op");
    for (int op = 0; op < HLV_OP_COUNT; op++) {
        for (unsigned m = 0; m < 3; m++) {
            for (int p = XL_VU; p <= XL_VS; p++) {
                unsigned k = next_page();
                vs_leaf(e, k, XE_LEAF_RWX | user_bit(p));
                struct xe_op o = hlv_op(op, run_modes[m], p);
                run(e,
                    fmt("%s from=%s spvp=%d", hlv_info(op)->name, mode_name(run_modes[m]),
                        p == XL_VS),
                    &o, target(e, k, op));
            }
        }
    }
}

/* A VS-stage invalid leaf (page fault) and a G-stage invalid leaf (guest-page fault). */
static void faults(struct xe *e)
{
    rules("hlsv_priv htval_trapval H_trap_xtinst_val H_guest_page_fault");
    for (int op = 0; op < HLV_OP_COUNT; op++) {
        for (unsigned m = 0; m < 3; m++) {
            for (int g = 0; g < 2; g++) {
                enum xl_priv p = (op + g) & 1 ? XL_VS : XL_VU;
                unsigned k = next_page();
                vs_leaf(e, k, XE_LEAF_RWX | user_bit(p));
                if (g)
                    g_leaf(e, k, 0);
                else
                    xe_edit(e, xe_vs_slot(e, XL_VS, xe_page_gva(e, k), 0), 0);
                struct xe_op o = hlv_op(op, run_modes[m], p);
                run(e,
                    fmt("%s from=%s spvp=%d %s-invalid", hlv_info(op)->name,
                        mode_name(run_modes[m]), p == XL_VS, g ? "g" : "vs"),
                    &o, target(e, k, op));
            }
        }
    }
}

/* priv "HLVX": X takes the place of R at both stages; MXR (either level) cannot help HLVX, and
 * helps HLV at the stages it covers. */
static void permissions(struct xe *e)
{
    rules("hlsv_u_op hlsv_sstatus_mxr hlsv_vsstatus_mxr");
    static const uint64_t vs_perms[] = {XL_PTE_R, XL_PTE_X, XL_PTE_R | XL_PTE_X,
                                        XL_PTE_R | XL_PTE_W};
    static const uint64_t g_perms[] = {XL_PTE_R, XL_PTE_X, XL_PTE_R | XL_PTE_X};
    static const enum hlv_op ops[] = {HLV_W, HLVX_WU, HSV_W};

    for (unsigned v = 0; v < 4; v++) {
        for (unsigned g = 0; g < 3; g++) {
            for (unsigned mxr = 0; mxr < 3; mxr++) {
                for (unsigned i = 0; i < 3; i++) {
                    enum xl_priv p = (v + g + mxr + i) & 1 ? XL_VS : XL_VU;
                    unsigned k = next_page();
                    vs_leaf(e, k, vs_perms[v] | user_bit(p));
                    g_leaf(e, k, g_perms[g] | XL_PTE_U);
                    e->vs_mxr = mxr == 1;
                    e->hs_mxr = mxr == 2;
                    struct xe_op o = hlv_op(ops[i], MODE_HS, p);
                    run(e,
                        fmt("%s spvp=%d vs-leaf=%s g-leaf=%s mxr=%u hs-mxr=%u",
                            hlv_info(ops[i])->name, p == XL_VS,
                            xe_perm_name(vs_perms[v] | user_bit(p)),
                            xe_perm_name(g_perms[g] | XL_PTE_U), mxr == 1, mxr == 2),
                        &o, target(e, k, ops[i]));
                }
            }
        }
    }
}

/* SPVP=1 is a VS-level access: U=1 pages need vsstatus.SUM; HS-level SUM is ignored. SPVP=0 is
 * VU: U=0 pages fault. */
static void sum_rules(struct xe *e)
{
    rules("hlsv_trans hlsv_priv");
    static const enum hlv_op ops[] = {HLV_D, HSV_D, HLVX_WU};
    for (unsigned i = 0; i < 3; i++) {
        for (unsigned s = 0; s < 4; s++) {
            unsigned k = next_page();
            enum xl_priv p = s == 3 ? XL_VU : XL_VS;
            vs_leaf(e, k, XE_LEAF_RWX | (s == 3 ? 0 : XL_PTE_U));
            e->vs_sum = s == 1;
            e->hs_sum = s == 2;
            struct xe_op o = hlv_op(ops[i], MODE_HS, p);
            run(e,
                fmt("%s spvp=%d vs-leaf=%s sum=%u hs-sum=%u", hlv_info(ops[i])->name, p == XL_VS,
                    s == 3 ? "rwx-s" : "rwx-u", s == 1, s == 2),
                &o, target(e, k, ops[i]));
        }
    }
}

/* From U with hstatus.HU=0 every one of them is an illegal instruction (priv
 * [norm:hlsv_illegalinst]). */
static void hu_clear(void)
{
    rules("hlsv_illegalinst");
    csr_clear(CSR_HSTATUS, HSTATUS_HU);
    for (int op = 0; op < HLV_OP_COUNT; op++) {
        uint32_t insn = hlv_encode(op, hlv_info(op)->store ? REG_A1 : REG_A0, REG_A0);
        struct trap t = exec_insn(MODE_U, insn, xe_page_gva(&xe, 0), 0, NULL);
        expect_trap(fmt("%s from=U hu=0", hlv_info(op)->name), &t,
                    insn_trap(LEVEL_M, EXC_ILLEGAL_INSN, insn));
    }
}

/* M-mode HLV/HSV with MPRV=1, MPP=U, MPV=0: a U-level bare access if MPRV applied (no RAM at a
 * GVA), a two-stage access as hstatus.SPVP says if it does not. */
uint64_t hlv_mprv_load(uint64_t va);
uint64_t hlv_mprv_store(uint64_t va);
extern char hlv_mprv_load_insn[], hlv_mprv_store_insn[];
__asm__(".pushsection .text\n"
        ".option push\n"
        ".option arch, +h\n"
        ".option norvc\n"
        "hlv_mprv_prologue:\n"
        "    li t0, 0x1800\n" /* MPP */
        "    csrc mstatus, t0\n"
        "    li t0, 1\n"
        "    slli t0, t0, 39\n" /* MPV */
        "    csrc mstatus, t0\n"
        "    li t0, 0x20000\n" /* MPRV */
        "    csrs mstatus, t0\n"
        "    ret\n"
        ".globl hlv_mprv_load, hlv_mprv_load_insn\n"
        "hlv_mprv_load:\n"
        "    mv t1, ra\n"
        "    call hlv_mprv_prologue\n"
        "hlv_mprv_load_insn:\n"
        "    hlv.d a0, (a0)\n"
        "    csrc mstatus, t0\n"
        "    jr t1\n"
        ".globl hlv_mprv_store, hlv_mprv_store_insn\n"
        "hlv_mprv_store:\n"
        "    mv t1, ra\n"
        "    call hlv_mprv_prologue\n"
        "hlv_mprv_store_insn:\n"
        "    hsv.d a1, (a0)\n"
        "    csrc mstatus, t0\n"
        "    jr t1\n"
        ".option pop\n"
        ".popsection\n");

static void mprv(struct xe *e)
{
    rules("mstatus_mprv_hlsv");
    for (int store = 0; store < 2; store++) {
        for (int g = 0; g < 2; g++) {
            unsigned k = next_page();
            vs_leaf(e, k, XE_LEAF_RWX);
            if (g)
                g_leaf(e, k, 0);
            struct xe_op o = hlv_op(store ? HSV_D : HLV_D, MODE_M, XL_VS);
            o.fn = store ? hlv_mprv_store : hlv_mprv_load;
            o.fn_epc = (uintptr_t)(store ? hlv_mprv_store_insn : hlv_mprv_load_insn);
            o.xform = hlv_transform(*(volatile uint32_t *)(uintptr_t)o.fn_epc);
            run(e,
                fmt("%s from=M mprv=1 mpp=U mpv=0 spvp=1%s", store ? "hsv.d" : "hlv.d",
                    g ? " g-invalid" : ""),
                &o, target(e, k, HLV_D));
            csr_clear(CSR_MSTATUS, MSTATUS_MPRV);
        }
    }
}

void area_hlv(void)
{
    rules("hlsv_op");
    if (!xe_setup_sv39(&xe, "all"))
        return;
    widths(&xe);
    faults(&xe);
    permissions(&xe);
    sum_rules(&xe);
    hu_clear();
    mprv(&xe);
}
