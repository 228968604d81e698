/*
 * Smstateen with H (priv "Smstateen/Ssstateen"): mstateen0 gates henvcfg, senvcfg, hstateen0
 * and sstateen0 below M (illegal instruction), hstateen0 gates senvcfg and sstateen0 for VS/VU
 * (virtual instruction where the access would be allowed in HS). Zero bits of mstateen0 read
 * as zero in hstateen0, zero bits of hstateen0 read as zero in sstateen0 from VS. hart_reset
 * opens every enable; each case closes one.
 */
#include "suite.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

struct gate_case {
    const char *csr_name;
    unsigned csr;
    const char *closed; /* which enable is 0 */
    bool in_mstateen;   /* the bit is cleared in mstateen0 (else in hstateen0) */
    uint64_t bit;
    enum insn_outcome hs, vs, vu; /* reads from HS, VS, VU */
    bool aia;                     /* the CSR comes with Ssaia/Sscsrind (profile.ssaia) */
};

/*
 * [mstateen0_envcfg_op], [hstateen0_envcfg_op], [mstateen0_se0_op], [hstateen0_SE0_op]; the
 * outcome by level is [stateen_illegal_state_access]: illegal where a stateen bit of a more
 * privileged level than HS forbids it, virtual where only hstateen0 does and HS could access.
 * From VU a supervisor CSR that HS may access is virtual whatever hstateen0 says
 * ([H_virtinst_vu_nonhigh_supervisor_allowedhs_tvm0]); hypervisor CSRs never reach VS.
 */
static const struct gate_case gates[] = {
        {"henvcfg", CSR_HENVCFG, "mstateen0.ENVCFG", true, STATEEN0_ENVCFG, INSN_ILLEGAL,
         INSN_ILLEGAL, INSN_ILLEGAL, false},
        {"senvcfg", CSR_SENVCFG, "mstateen0.ENVCFG", true, STATEEN0_ENVCFG, INSN_ILLEGAL,
         INSN_ILLEGAL, INSN_ILLEGAL, false},
        {"senvcfg", CSR_SENVCFG, "hstateen0.ENVCFG", false, STATEEN0_ENVCFG, INSN_RUNS,
         INSN_VIRTUAL, INSN_VIRTUAL, false},
        {"hstateen0", CSR_HSTATEEN0, "mstateen0.SE0", true, STATEEN0_SE0, INSN_ILLEGAL,
         INSN_ILLEGAL, INSN_ILLEGAL, false},
        {"sstateen0", CSR_SSTATEEN0, "mstateen0.SE0", true, STATEEN0_SE0, INSN_ILLEGAL,
         INSN_ILLEGAL, INSN_ILLEGAL, false},
        {"sstateen0", CSR_SSTATEEN0, "hstateen0.SE0", false, STATEEN0_SE0, INSN_RUNS, INSN_VIRTUAL,
         INSN_VIRTUAL, false},
        /* [mstateen0_csrind_op], [hstateen0_csrind_op], [mstateen0_aia_op], [hstateen0_aia_op] */
        {"siselect", CSR_SISELECT, "mstateen0.CSRIND", true, STATEEN0_CSRIND, INSN_ILLEGAL,
         INSN_ILLEGAL, INSN_ILLEGAL, true},
        {"siselect", CSR_SISELECT, "hstateen0.CSRIND", false, STATEEN0_CSRIND, INSN_RUNS,
         INSN_VIRTUAL, INSN_VIRTUAL, true},
        {"vsiselect", CSR_VSISELECT, "mstateen0.CSRIND", true, STATEEN0_CSRIND, INSN_ILLEGAL,
         INSN_ILLEGAL, INSN_ILLEGAL, true},
        {"stopi", CSR_STOPI, "mstateen0.AIA", true, STATEEN0_AIA, INSN_ILLEGAL, INSN_ILLEGAL,
         INSN_ILLEGAL, true},
        {"stopi", CSR_STOPI, "hstateen0.AIA", false, STATEEN0_AIA, INSN_RUNS, INSN_VIRTUAL,
         INSN_VIRTUAL, true},
};

static void check_gates(void)
{
    rules("mstateen0_envcfg_op hstateen0_envcfg_op mstateen0_se0_op hstateen0_SE0_op "
          "stateen_illegal_state_access mstateen_bit_63_op hstateen_bit_63_op "
          "mstateen0_csrind_op hstateen0_csrind_op mstateen0_aia_op hstateen0_aia_op");
    for (unsigned i = 0; i < N(gates); i++) {
        const struct gate_case *g = &gates[i];
        if (g->aia && !profile.ssaia) {
            report_skip(fmt("%s read with %s=0", g->csr_name, g->closed), "no Ssaia");
            continue;
        }
        const enum mode modes[] = {MODE_HS, MODE_VS, MODE_VU};
        const enum insn_outcome outs[] = {g->hs, g->vs, g->vu};
        uint32_t insn = insn_csrrs(REG_A0, g->csr, REG_ZERO);
        /* [stateen_warl_access]: a bit may be read-only zero or one; then only one setting of
         * the gate exists, and the checks that need the other are skipped. */
        hart_reset();
        uint64_t reg = g->in_mstateen ? csr_read(CSR_MSTATEEN0) : csr_read(CSR_HSTATEEN0);
        if (g->in_mstateen)
            csr_clear(CSR_MSTATEEN0, g->bit);
        else
            csr_clear(CSR_HSTATEEN0, g->bit);
        uint64_t cleared = g->in_mstateen ? csr_read(CSR_MSTATEEN0) : csr_read(CSR_HSTATEEN0);
        if (!(reg & g->bit) || (cleared & g->bit)) {
            report_skip(fmt("%s read with %s=0", g->csr_name, g->closed),
                        fmt("%s is read-only %s", g->closed, (reg & g->bit) ? "one" : "zero"));
            continue;
        }

        for (unsigned m = 0; m < N(modes); m++) {
            const char *name =
                    fmt("%s read in %s with %s=0", g->csr_name, mode_name(modes[m]), g->closed);
            hart_reset();
            if (g->in_mstateen)
                csr_clear(CSR_MSTATEEN0, g->bit);
            else
                csr_clear(CSR_HSTATEEN0, g->bit);
            struct trap t = exec_insn(modes[m], insn, 0, 0, NULL);
            expect_trap(name, &t, insn_outcome(outs[m], modes[m], insn));
        }
        /* The same read with every enable open: allowed in HS (the gate, not the CSR, traps). */
        hart_reset();
        struct trap t = exec_insn(MODE_HS, insn, 0, 0, NULL);
        expect_trap(fmt("%s read in HS with every stateen bit set", g->csr_name), &t,
                    finished_in(MODE_HS));
    }
    hart_reset();
}

/* Which mstateen0/hstateen0 bits stick, for the profile and the read-only-zero rules. */
static void check_propagation(void)
{
    rules("mstateen_lower_priv_roz sstateen_vsmode_access_roz hstateen_bit_63_writable "
          "mstateen_bit_63_roz stateen_warl_access");
    hart_reset();
    uint64_t m_bits = csr_read(CSR_MSTATEEN0), h_bits = csr_read(CSR_HSTATEEN0);
    pr("profile: mstateen0 writable = 0x%lx, hstateen0 writable = 0x%lx\n", m_bits, h_bits);
    expect_masked("mstateen0.SE0 writable with H", m_bits, STATEEN0_SE0, STATEEN0_SE0);
    expect_masked("hstateen0.SE0 writable", h_bits, STATEEN0_SE0, STATEEN0_SE0);
    expect_masked("hstateen0 bits are a subset of mstateen0's", h_bits, 0, ~m_bits);

    csr_write(CSR_MSTATEEN0, m_bits & ~STATEEN0_ENVCFG);
    csr_write(CSR_HSTATEEN0, ~0ul);
    expect_masked("hstateen0.ENVCFG read-only zero while mstateen0.ENVCFG=0",
                  csr_read(CSR_HSTATEEN0), 0, STATEEN0_ENVCFG);

    /* sstateen0 read in VS: bits hstateen0 clears read zero (the low 32 bits are sstateen's). */
    hart_reset();
    csr_write(CSR_SSTATEEN0, ~0ul);
    uint64_t s_bits = csr_read(CSR_SSTATEEN0) & 0xffffffffu, got = 0;
    csr_write(CSR_HSTATEEN0, STATEEN0_SE0);
    struct trap t = csr_read_in(MODE_VS, CSR_SSTATEEN0, &got);
    if (t.taken)
        report_fail("sstateen0 read in VS shows zero where hstateen0 is zero", "got %s",
                    trap_str(&t));
    else
        expect_masked("sstateen0 read in VS shows zero where hstateen0 is zero", got, 0, s_bits);
    hart_reset();
}

void area_stateen(void)
{
    rules("mstateen_rv64_csrs hstateen_rv64_csrs");
    if (!profile.smstateen) {
        report_skip("all", "no Smstateen (mstateen0 is not implemented)");
        return;
    }
    check_gates();
    check_propagation();
}
