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
};

static const struct csr_desc csrs[] = {
        {"hstatus", CSR_HSTATUS, HYP, false},
        {"hedeleg", CSR_HEDELEG, HYP, false},
        {"hideleg", CSR_HIDELEG, HYP, false},
        {"hie", CSR_HIE, HYP, false},
        {"hcounteren", CSR_HCOUNTEREN, HYP, false},
        {"hgeie", CSR_HGEIE, HYP, false},
        {"htval", CSR_HTVAL, HYP, false},
        {"hip", CSR_HIP, HYP, false},
        {"hvip", CSR_HVIP, HYP, false},
        {"htinst", CSR_HTINST, HYP, false},
        {"hgatp", CSR_HGATP, HYP, false},
        {"htimedelta", CSR_HTIMEDELTA, HYP, false},
        {"henvcfg", CSR_HENVCFG, HYP, true},
        {"hgeip", CSR_HGEIP, HYP_RO, false},
        {"vsstatus", CSR_VSSTATUS, VS, false},
        {"vsie", CSR_VSIE, VS, false},
        {"vstvec", CSR_VSTVEC, VS, false},
        {"vsscratch", CSR_VSSCRATCH, VS, false},
        {"vsepc", CSR_VSEPC, VS, false},
        {"vscause", CSR_VSCAUSE, VS, false},
        {"vstval", CSR_VSTVAL, VS, false},
        {"vsip", CSR_VSIP, VS, false},
        {"vsatp", CSR_VSATP, VS, false},
        {"sstatus", CSR_SSTATUS, SUP, false},
        {"sie", CSR_SIE, SUP, false},
        {"stvec", CSR_STVEC, SUP, false},
        {"scounteren", CSR_SCOUNTEREN, SUP, false},
        {"senvcfg", CSR_SENVCFG, SUP, true},
        {"sscratch", CSR_SSCRATCH, SUP, false},
        {"sepc", CSR_SEPC, SUP, false},
        {"scause", CSR_SCAUSE, SUP, false},
        {"stval", CSR_STVAL, SUP, false},
        {"sip", CSR_SIP, SUP, false},
        {"satp", CSR_SATP, SUP, false},
        {"mstatus", CSR_MSTATUS, MACH, false},
        {"mideleg", CSR_MIDELEG, MACH, false},
        {"mie", CSR_MIE, MACH, false},
        {"mip", CSR_MIP, MACH, false},
        {"mtval2", CSR_MTVAL2, MACH, false},
        {"mtinst", CSR_MTINST, MACH, false},
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

static void check_access(const struct csr_desc *c, enum mode m, bool write)
{
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
}
