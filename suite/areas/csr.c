/*
 * CSR area, access rules: every H, VS and related S/M CSR, read and written from each of the
 * five modes. Writes to writable CSRs are `csrrs x0, csr, a0` with a0 = 0: a write attempt
 * that changes no bit (Zicsr: "will still attempt to write the unmodified value back"), so the
 * matrix leaves the hart's state alone. The read-only hgeip gets an unambiguous csrrw; whether
 * csrrs-with-zero counts as a write is checked once, separately, in csr_fields.c.
 */
#include "csr_area.h"
#include "suite.h"

enum csr_kind {
    HYP,    /* hypervisor CSR: [H_csrs_hs_not_vs] */
    HYP_RO, /* read-only hypervisor CSR (hgeip, [hgeip_sz_acc_op]) */
    VS,     /* VS CSR by its own number: [H_vscsrs_acc_vs], [H_vscsrs_acc_m_hs] */
    SUP,    /* supervisor CSR, replaced by its VS CSR when V=1: [H_vscsrs_sub] */
    MACH,   /* machine CSR */
};

struct csr_desc {
    const char *name;
    unsigned num;
    enum csr_kind kind;
    bool needs_envcfg;
    const char *rule; /* the CSR's own anchors; its kind adds the access rule */
};

static const struct csr_desc csrs[] = {
        {"hstatus", CSR_HSTATUS, HYP, false, RULE("hstatus_sz_acc_op")},
        {"hedeleg", CSR_HEDELEG, HYP, false, RULE("hedeleg_sz_acc")},
        {"hideleg", CSR_HIDELEG, HYP, false, RULE("hideleg_sz_acc")},
        {"hie", CSR_HIE, HYP, false, RULE("hip_hie_sz_acc")},
        {"hcounteren", CSR_HCOUNTEREN, HYP, false, RULE("hcounteren_sz")},
        {"hgeie", CSR_HGEIE, HYP, false, RULE("hgeie_sz_acc_op")},
        {"htval", CSR_HTVAL, HYP, false, RULE("htval_sz_acc_op")},
        {"hip", CSR_HIP, HYP, false, RULE("hip_hie_sz_acc")},
        {"hvip", CSR_HVIP, HYP, false, RULE("hvip_sz_op")},
        {"htinst", CSR_HTINST, HYP, false, RULE("htinst_sz_acc_op")},
        {"hgatp", CSR_HGATP, HYP, false, RULE("hgatp_sz_acc_op hgatp_tvm_illegal")},
        {"htimedelta", CSR_HTIMEDELTA, HYP, false,
         RULE("htimedelta_sz_acc_op time_htimedelta_req")},
        {"henvcfg", CSR_HENVCFG, HYP, true, RULE("henvcfg_sz_acc_op")},
        {"hgeip", CSR_HGEIP, HYP_RO, false, RULE("hgeip_sz_acc_op")},
        {"vsstatus", CSR_VSSTATUS, VS, false, RULE("vsstatus_sz_acc_op")},
        {"vsie", CSR_VSIE, VS, false, RULE("vsip_vsie_sz_acc_op")},
        {"vstvec", CSR_VSTVEC, VS, false, RULE("vstvec_sz_acc_op")},
        {"vsscratch", CSR_VSSCRATCH, VS, false, RULE("vsscratch_sz_acc_op")},
        {"vsepc", CSR_VSEPC, VS, false, RULE("vspec_sz_acc_op")},
        {"vscause", CSR_VSCAUSE, VS, false, RULE("vscause_sz_acc_op")},
        {"vstval", CSR_VSTVAL, VS, false, RULE("vstval_sz_acc_op")},
        {"vsip", CSR_VSIP, VS, false, RULE("vsip_vsie_sz_acc_op")},
        {"vsatp", CSR_VSATP, VS, false, RULE("vsatp_sz_acc_op")},
        {"sstatus", CSR_SSTATUS, SUP, false, RULE("H_vscsrs_sub")},
        {"sie", CSR_SIE, SUP, false, RULE("H_vscsrs_sub")},
        {"stvec", CSR_STVEC, SUP, false, RULE("H_vscsrs_sub")},
        {"scounteren", CSR_SCOUNTEREN, SUP, false, RULE("H_scsrs_nomatch")},
        {"senvcfg", CSR_SENVCFG, SUP, true, RULE("H_scsrs_nomatch")},
        {"sscratch", CSR_SSCRATCH, SUP, false, RULE("H_vscsrs_sub")},
        {"sepc", CSR_SEPC, SUP, false, RULE("H_vscsrs_sub")},
        {"scause", CSR_SCAUSE, SUP, false, RULE("H_vscsrs_sub")},
        {"stval", CSR_STVAL, SUP, false, RULE("H_vscsrs_sub")},
        {"sip", CSR_SIP, SUP, false, RULE("H_vscsrs_sub")},
        {"satp", CSR_SATP, SUP, false, RULE("H_vscsrs_sub")},
        {"mstatus", CSR_MSTATUS, MACH, false, RULE("H_cause_virtual_instruction")},
        {"mideleg", CSR_MIDELEG, MACH, false, RULE("H_cause_virtual_instruction")},
        {"mie", CSR_MIE, MACH, false, RULE("mip_mie_vs")},
        {"mip", CSR_MIP, MACH, false, RULE("mip_mie_vs")},
        {"mtval2", CSR_MTVAL2, MACH, false, RULE("mtval2_sz_acc_op")},
        {"mtinst", CSR_MTINST, MACH, false, RULE("mtinst_sz_acc_op")},
};

/*
 * The expected outcome of one access. Illegal instruction: the privilege is too low and V=0,
 * or the access is not allowed even in HS ("CSR Listing" privilege and read-only rules).
 * Virtual instruction: V=1 and the same access would be allowed in HS-mode
 * ([H_virtinst_vu_vs_nonhigh_allowedhs_tvm0], [H_virtinst_vu_nonhigh_supervisor_allowedhs_tvm0]).
 */
static struct expect expected(const struct csr_desc *c, enum mode m, bool write, uint32_t insn)
{
    struct expect illegal = insn_trap(LEVEL_M, EXC_ILLEGAL_INSN, insn);
    struct expect virt = insn_trap(LEVEL_M, EXC_VIRTUAL_INSN, insn);
    bool allowed_in_hs = c->kind != MACH && !(c->kind == HYP_RO && write);

    if (m == MODE_M)
        return c->kind == HYP_RO && write ? illegal : no_trap();
    if (m == MODE_U || !allowed_in_hs)
        return illegal;
    if (m == MODE_HS)
        return no_trap();
    if (m == MODE_VS && c->kind == SUP)
        return no_trap();
    return virt;
}

/* The access rule of each kind (the anchors of the enum above). */
static const char *const kind_rules[] = {
        [HYP] = RULE("H_csrs_hs_not_vs H_virtinst_vu_vs_nonhigh_allowedhs_tvm0"),
        [HYP_RO] = RULE("H_virtinst_vu_vs_nonhigh_allowedhs_tvm0"),
        [VS] = RULE("H_vscsrs_acc_vs H_vscsrs_acc_u H_vscsrs_acc_m_hs "
                    "H_virtinst_vu_vs_nonhigh_allowedhs_tvm0"),
        [SUP] = RULE("H_virtinst_vu_nonhigh_supervisor_allowedhs_tvm0"),
        [MACH] = RULE("H_cause_virtual_instruction"),
};

static void check_access(const struct csr_desc *c, enum mode m, bool write)
{
    rules(fmt("%s %s", kind_rules[c->kind], c->rule));
    uint32_t insn = !write              ? insn_csrrs(REG_A0, c->num, REG_ZERO)
                    : c->kind == HYP_RO ? insn_csrrw(REG_ZERO, c->num, REG_A0)
                                        : insn_csrrs(REG_ZERO, c->num, REG_A0);
    struct trap t = exec_insn(m, insn, 0, 0, NULL);

    expect_trap(fmt("%s %s from %s", c->name, write ? "write" : "read", mode_name(m)), &t,
                expected(c, m, write, insn));
}

void area_csr(void)
{
    static const enum mode modes[] = {MODE_M, MODE_HS, MODE_U, MODE_VS, MODE_VU};

    for (unsigned i = 0; i < sizeof(csrs) / sizeof(csrs[0]); i++) {
        rules(csrs[i].rule);
        if (csrs[i].needs_envcfg && !profile.envcfg) {
            report_skip(fmt("%s access", csrs[i].name), "no menvcfg: priv 1.12 CSRs absent");
            continue;
        }
        for (unsigned m = 0; m < sizeof(modes) / sizeof(modes[0]); m++) {
            check_access(&csrs[i], modes[m], false);
            check_access(&csrs[i], modes[m], true);
        }
    }
    hart_reset();
    csr_fields_checks();
    hart_reset();
    csr_alias_checks();
    hart_reset();
    csr_high_checks();
}
