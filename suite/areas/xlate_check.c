/*
 * xe_check() of xlate_env.h: program the status bits, ask the reference model what one access
 * must do, perform it on the hart, compare every field and report one line.
 */
#include "xlate_env.h"

/* ld a0, 0(a0) / sd a1, 0(a0) and their transformations: rs1 cleared (priv "Transformed
 * Instruction or Pseudoinstruction": Addr. Offset = 0 for an aligned access, imm = 0). */
#define INSN_LD_A0     0x00053503u
#define INSN_LD_XFORM  0x00003503u
#define INSN_SD_A1     0x00b53023u
#define INSN_SD_XFORM  0x00b03023u
#define INSN_AMOADD_D  0x00b5352fu /* amoadd.d a0, a1, (a0) */
#define INSN_AMO_XFORM 0x00b0352fu

const char *xe_acc_name(enum xl_access acc)
{
    static const char *const names[] = {"load", "store", "fetch", "hlvx"};
    return names[acc];
}

const char *xe_priv_name(enum xl_priv priv)
{
    return priv == XL_VS ? "vs" : "vu";
}

const char *xe_perm_name(uint64_t f)
{
    /* Indexed by PTE bits 4:1 (U X W R); a table, not fmt(): names are built per case. */
    static const char *const names[16] = {
            "----s", "r---s", "-w--s", "rw--s", "--x-s", "r-x-s", "-wx-s", "rwx-s",
            "----u", "r---u", "-w--u", "rw--u", "--x-u", "r-x-u", "-wx-u", "rwx-u",
    };
    return names[(f >> 1) & 0xf];
}

struct xe_op xe_amo_op(enum xl_priv priv)
{
    struct xe_op op = xe_plain_op(XL_STORE, priv);
    op.insn = INSN_AMOADD_D;
    op.xform = INSN_AMO_XFORM;
    op.amo = true;
    return op;
}

struct xe_op xe_plain_op(enum xl_access acc, enum xl_priv priv)
{
    struct xe_op op = {.acc = acc, .mode = priv == XL_VS ? MODE_VS : MODE_VU, .priv = priv};
    if (acc == XL_LOAD) {
        op.insn = INSN_LD_A0;
        op.xform = INSN_LD_XFORM;
        op.size = 8;
    } else if (acc == XL_STORE) {
        op.insn = INSN_SD_A1;
        op.xform = INSN_SD_XFORM;
        op.size = 8;
    }
    return op;
}

/* Where a trap from V=1 lands: medeleg sends it to HS, then hedeleg on to VS (priv
 * "Hypervisor Trap Delegation"). HLV/HSV run with V=0 from HS/U: medeleg decides. */
static enum level trap_level(const struct xe_op *op, unsigned cause)
{
    if (op->mode == MODE_M || !(csr_read(CSR_MEDELEG) & (1ull << cause)))
        return LEVEL_M;
    bool virt = op->mode == MODE_VS || op->mode == MODE_VU;
    return virt && (csr_read(CSR_HEDELEG) & (1ull << cause)) ? LEVEL_VS : LEVEL_HS;
}

static void set_bit(uint64_t *v, uint64_t bit, bool on)
{
    *v = on ? *v | bit : *v & ~bit;
}

/* Program vsatp, vsstatus, mstatus and hstatus for op; fence since vsatp may change roots. */
static void prepare(const struct xe *e, const struct xe_op *op)
{
    uint64_t root = e->vs_root[op->priv];
    csr_write(CSR_VSATP, ((uint64_t)e->vs_mode << ATP_MODE_SHIFT) | (root >> 12));
    uint64_t vs = csr_read(CSR_VSSTATUS);
    set_bit(&vs, MSTATUS_SUM, e->vs_sum);
    set_bit(&vs, MSTATUS_MXR, e->vs_mxr);
    csr_write(CSR_VSSTATUS, vs);
    uint64_t ms = csr_read(CSR_MSTATUS);
    set_bit(&ms, MSTATUS_SUM, e->hs_sum);
    set_bit(&ms, MSTATUS_MXR, e->hs_mxr);
    csr_write(CSR_MSTATUS, ms);
    uint64_t hs = csr_read(CSR_HSTATUS);
    set_bit(&hs, HSTATUS_SPVP, op->priv == XL_VS);
    set_bit(&hs, HSTATUS_HU, op->mode == MODE_U);
    csr_write(CSR_HSTATUS, hs);
    xe_fence();
}

static bool pmp_allows(void *ctx, uint64_t pa, enum xl_access acc)
{
    const struct xe *e = ctx;
    if (!e->pmp_page || (pa & ~0xfffull) != e->pmp_page)
        return true;
    unsigned need = acc == XL_STORE ? 2 : acc == XL_FETCH ? 4 : acc == XL_HLVX ? 5 : 1;
    return (e->pmp_perms & need) == need;
}

static void model_config(const struct xe *e, const struct xe_op *op, struct xl_config *c)
{
    uint64_t henvcfg = profile.envcfg ? csr_read(CSR_HENVCFG) : 0;
    uint64_t menvcfg = profile.envcfg ? csr_read(CSR_MENVCFG) : 0;
    *c = (struct xl_config){
            .vs_mode = e->vs_mode,
            .vs_root = e->vs_root[op->priv],
            .g_mode = e->g_mode,
            .g_root = e->g_root,
            .vs_sum = e->vs_sum,
            .vs_mxr = e->vs_mxr,
            .hs_mxr = e->hs_mxr,
            .vs_hw_ad = e->vs_hw_ad,
            .g_hw_ad = e->g_hw_ad,
            .vs_pbmte = henvcfg & ENVCFG_PBMTE,
            .g_pbmte = menvcfg & ENVCFG_PBMTE,
            .svnapot = profile.svnapot,
            .read = xe_model_read,
            .allow = e->pmp_page ? pmp_allows : 0,
            .ctx = (void *)e,
    };
}

static uint64_t load_value(uint64_t pa, unsigned size, bool sign)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < size; i++)
        v |= (uint64_t) * (volatile uint8_t *)(uintptr_t)(pa + i) << (8 * i);
    if (sign && size < 8 && (v >> (8 * size - 1)) & 1)
        v |= ~0ull << (8 * size);
    return v;
}

static const char *outcome_str(const struct xl_result *r)
{
    if (r->ok)
        return fmt("no trap, pa=0x%lx", r->pa);
    return fmt("cause=%u (%c-stage level %d: %s)", r->cause, r->stage, r->level, r->why);
}

/* Success: the value moved (loads return it, stores and AMOs leave it in memory, AMOs also
 * return the old value), and every A/D update the model predicts is in memory. */
static bool check_success(const char *name, const struct xe_op *op, const struct xl_result *r,
                          const struct trap *t, uint64_t got, uint64_t want, uint64_t want_mem)
{
    if (t->taken) {
        report_fail(name, "expected %s; got %s", outcome_str(r), trap_str(t));
        return false;
    }
    bool writes = op->acc == XL_STORE;
    if ((!writes || op->amo) && got != want) {
        report_fail(name, "expected returned value 0x%lx from pa 0x%lx; got 0x%lx", want, r->pa,
                    got);
        return false;
    }
    uint64_t mem = writes ? load_value(r->pa, op->size, false) : 0;
    if (writes && mem != want_mem) {
        report_fail(name, "expected 0x%lx in memory at pa 0x%lx; got 0x%lx", want_mem, r->pa, mem);
        return false;
    }
    for (unsigned i = 0; i < r->n_updates; i++) {
        uint64_t need = r->updates[i].pte & XE_LEAF_AD, have = xe_read(r->updates[i].pa);
        if ((have & need) != need) {
            report_fail(name, "expected PTE at 0x%lx to have A/D 0x%lx (Svadu update); got 0x%lx",
                        r->updates[i].pa, need, have);
            return false;
        }
    }
    report_pass(name);
    return true;
}

/* An address that fails the same width check as the faulting one: an implementation may write
 * sepc/stval with such a converted invalid address instead of the original one
 * ([sepc_acc_invalid_addr], [mtval_inv_addr_conv]). */
static bool converted_invalid(const struct xe *e, const struct xl_result *r, uint64_t v)
{
    if (r->level >= 0 || v == 0)
        return false;
    if (r->stage == 'g')
        return v >> xl_addr_bits(e->g_mode, true) != 0;
    unsigned bits = xl_addr_bits(e->vs_mode, false);
    uint64_t top = v >> (bits - 1);
    return top != 0 && top != (~0ull >> (bits - 1));
}

static bool check_fault(const char *name, const struct xe *e, const struct xe_op *op,
                        const struct xl_result *r, const struct trap *t, uint64_t va)
{
    enum level level = trap_level(op, r->cause);
    uint64_t epc = op->acc == XL_FETCH ? va : op->fn ? op->fn_epc : insn_slot_addr();
    bool epc_ok = t->epc == epc || (op->acc == XL_FETCH && converted_invalid(e, r, t->epc));
    bool ok = t->taken && t->level == level && t->cause == r->cause && epc_ok;
    /* tval: the faulting GVA or 0 ([mtval_op]: written informatively or zero), or a converted
     * invalid address. */
    ok = ok && (t->tval == va || t->tval == 0 || converted_invalid(e, r, t->tval));
    /* htval/mtval2: GPA >> 2 or 0 for guest-page faults, 0 otherwise ([htval_trapval]). */
    uint64_t tval2 = r->guest_fault ? r->gpa >> 2 : 0;
    /* tinst: the implicit-access pseudoinstruction is mandatory when tval2 is nonzero
     * ([H_trap_xtinst_guestpage]); an access fault of an implicit (page-table) access is 0, as
     * only explicit accesses have transformations ("tinst-values"); otherwise 0 or the
     * transformed instruction; fetch has none. */
    bool implicit_access_fault = r->access_fault && r->stage != 'p';
    uint64_t tinst =
            implicit_access_fault ? 0 : xl_expected_tinst(r, op->acc == XL_FETCH ? 0 : op->xform);
    if (level != LEVEL_VS) {
        bool tinst_ok = t->tinst == tinst || (t->tinst == 0 && !(r->implicit && t->tval2));
        /* GVA: 1 exactly when tval holds a guest virtual address ([hstatus_gva_op],
         * [mstatus_gva_op]); every access here is to a guest virtual address. */
        bool gva_ok = t->gva == (t->tval != 0);
        ok = ok && (t->tval2 == tval2 || t->tval2 == 0) && tinst_ok && gva_ok;
    }
    if (ok) {
        report_pass(name);
        return true;
    }
    const char *want = fmt("cause=%s at %s epc=0x%lx tval=0x%lx (or 0)", cause_name(r->cause),
                           level_name(level), epc, va);
    if (level != LEVEL_VS)
        want = fmt("%s tval2=0x%lx (or 0) tinst=0x%lx%s gva=(tval!=0)", want, tval2, tinst,
                   implicit_access_fault ? " (only)"
                   : r->implicit         ? " (0 only if tval2=0)"
                                         : " (or 0)");
    report_fail(name, "expected %s [%c-stage level %d: %s]; got %s", want, r->stage, r->level,
                r->why, trap_str(t));
    return false;
}

bool xe_check(const char *name, struct xe *e, const struct xe_op *op, uint64_t va)
{
    struct xl_config cfg;
    struct xl_result r;

    prepare(e, op);
    model_config(e, op, &cfg);
    xl_translate(&cfg, va, op->acc, op->priv, &r);
    if (r.ambiguous) {
        report_skip(name, fmt("the spec does not settle this: %s", r.ambiguous));
        return true;
    }

    uint64_t want = 0, want_mem = 0, stored = 0, saved = 0, got = 0;
    if (r.ok && op->acc == XL_FETCH) {
        want = (uint64_t)(*(volatile int32_t *)(uintptr_t)r.pa >> 20);
    } else if (r.ok && op->acc == XL_STORE) {
        saved = xe_read(r.pa & ~7ull);
        uint64_t old = load_value(r.pa, op->size, false);
        uint64_t mask = ~0ull >> (64 - 8 * op->size);
        stored = op->fn ? 0 : op->amo ? 0x0101010101010101ull & mask : ~old & mask;
        want = old;
        want_mem = op->amo ? (old + stored) & mask : stored;
    } else if (r.ok) {
        want = load_value(r.pa, op->size, op->sign);
    }

    struct trap t;
    if (op->acc == XL_FETCH)
        t = run_in(op->mode, (lower_fn)(uintptr_t)va, 0, &got);
    else if (op->fn)
        t = run_in(op->mode, op->fn, va, &got);
    else
        t = exec_insn(op->mode, op->insn, va, stored, &got);
    bool pass = r.ok ? check_success(name, op, &r, &t, got, want, want_mem)
                     : check_fault(name, e, op, &r, &t, va);
    if (r.ok && op->acc == XL_STORE)
        *(volatile uint64_t *)(uintptr_t)(r.pa & ~7ull) = saved;
    return pass;
}
