/*
 * Virtual-instruction exceptions (cause 22) against illegal-instruction ones (cause 2), case by
 * case from the list under [H_cause_virtual_instruction]: VTSR, VTW, VTVM, counter enables,
 * hypervisor instructions from VS/VU, supervisor instructions from VU.
 * Encodings checked against riscv64-unknown-elf-objdump.
 */
#include "suite.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static struct expect illegal(uint32_t insn)
{
    return insn_trap(LEVEL_M, EXC_ILLEGAL_INSN, insn);
}

static struct expect virt(uint32_t insn)
{
    return insn_trap(LEVEL_M, EXC_VIRTUAL_INSN, insn);
}

static void run_check(const char *name, enum mode m, uint32_t insn, uint64_t a0, struct expect e)
{
    struct trap t = exec_insn(m, insn, a0, 0, NULL);

    expect_trap(name, &t, e);
}

/* [hstatus_vtsr_op]; TSR affects HS only ([mstatus_modes]); SRET in VU:
 * [H_virtinst_vu_sret_sfence]. */
static void check_sret(void)
{
    rules("H_virtinst_xtval hstatus_vtsr_op H_virtinst_vs_sret_vtsr1 mstatus_modes "
          "H_virtinst_vu_sret_sfence");
    static const struct {
        enum mode mode;
        uint64_t hstatus, mstatus;
        enum { OK, ILLEGAL, VIRT } outcome;
    } cases[] = {
            {MODE_VS, 0, 0, OK},
            {MODE_VS, HSTATUS_VTSR, 0, VIRT},
            {MODE_VS, 0, MSTATUS_TSR, OK},
            {MODE_HS, HSTATUS_VTSR, 0, OK},
            {MODE_HS, 0, MSTATUS_TSR, ILLEGAL},
            {MODE_VU, 0, 0, VIRT},
            {MODE_U, 0, 0, ILLEGAL},
    };

    for (unsigned i = 0; i < N(cases); i++) {
        hart_reset();
        csr_write(CSR_SEPC, run_return_addr());
        csr_write(CSR_VSEPC, run_return_addr());
        /* SPP=1 in the copy SRET uses: a completed SRET stays in the mode it ran in. */
        csr_set(CSR_MSTATUS, MSTATUS_SPP | cases[i].mstatus);
        csr_set(CSR_VSSTATUS, MSTATUS_SPP);
        csr_set(CSR_HSTATUS, cases[i].hstatus);
        struct expect e = cases[i].outcome == OK        ? finished_in(cases[i].mode)
                          : cases[i].outcome == ILLEGAL ? illegal(INSN_SRET)
                                                        : virt(INSN_SRET);
        run_check(fmt("sret in %s with%s%s%s", mode_name(cases[i].mode),
                      cases[i].hstatus ? " VTSR=1" : "", cases[i].mstatus ? " TSR=1" : "",
                      cases[i].hstatus | cases[i].mstatus ? "" : " VTSR=0 TSR=0"),
                  cases[i].mode, INSN_SRET, 0, e);
    }
    hart_reset();
}

/*
 * WFI. In HS and VS a VS-level software interrupt is made pending and locally enabled but
 * globally disabled (delegated to VS, vsstatus.SIE=0), so a WFI that executes resumes at once
 * (priv "Wait for Interrupt") and no case depends on time. In U and VU such an interrupt would
 * be taken, so none is set up there. Where the spec lets WFI either trap or complete (VTW=1 in
 * VS, [vtw_virtinstr]; TW=1 or U-mode, priv "mstatus" TW), both are accepted.
 */
static void check_wfi(void)
{
    rules("hstatus_vtw_op vtw_virtinstr H_virtinst_wfi_vtw1_tw0 H_virtinst_vu_wfi_tw0 "
          "mstatus_modes");
    static const struct {
        enum mode mode;
        uint64_t hstatus, mstatus;
        const char *rule;
    } cases[] = {
            {MODE_HS, HSTATUS_VTW, 0, "VTW affects VS only"},
            {MODE_VS, 0, 0, "completes"},
            {MODE_VS, HSTATUS_VTW, 0, "hstatus_vtw_op"},
            {MODE_VS, 0, MSTATUS_TW, "TW=1, illegal or completes"},
            {MODE_VU, 0, 0, "H_virtinst_vu_wfi_tw0"},
            {MODE_VU, 0, MSTATUS_TW, "TW=1, illegal or completes"},
            {MODE_U, 0, 0, "U-mode WFI, illegal or completes"},
    };

    for (unsigned i = 0; i < N(cases); i++) {
        enum mode m = cases[i].mode;

        hart_reset();
        if (m == MODE_HS || m == MODE_VS) {
            csr_write(CSR_HIDELEG, 1ul << IRQ_VSSI);
            csr_write(CSR_HIE, 1ul << IRQ_VSSI);
            csr_write(CSR_HVIP, 1ul << IRQ_VSSI);
        }
        csr_set(CSR_HSTATUS, cases[i].hstatus);
        csr_set(CSR_MSTATUS, cases[i].mstatus);
        struct trap t = exec_insn(m, INSN_WFI, 0, 0, NULL);
        struct expect alts[2] = {finished_in(m), finished_in(m)};
        unsigned n = 1;

        if (m == MODE_VU && !cases[i].mstatus) {
            /* VU is nominal U-mode, where WFI may complete within a bounded time ("Wait for
             * Interrupt"); the rule replaces only the illegal-instruction trap of U-mode. */
            alts[1] = virt(INSN_WFI);
            n = 2;
        } else if (m == MODE_VS && cases[i].hstatus) {
            alts[1] = virt(INSN_WFI);
            n = 2;
        } else if (cases[i].mstatus || m == MODE_U || m == MODE_VU) {
            alts[1] = illegal(INSN_WFI);
            n = 2;
        }
        expect_trap_any(fmt("wfi in %s with VTW=%u TW=%u (%s)", mode_name(m), cases[i].hstatus != 0,
                            cases[i].mstatus != 0, cases[i].rule),
                        &t, alts, n);
    }
    hart_reset();
}

/* [hstatus_vtvm_op]: VTVM traps SFENCE.VMA and satp in VS only; TVM does not affect VS. */
static void check_vtvm(void)
{
    rules("hstatus_vtvm_op H_virtinst_vs_sfence_sinval_satp_vtvm1 mstatus_modes "
          "H_virtinst_vu_sret_sfence");
    uint32_t satp_r = insn_csrrs(REG_A0, CSR_SATP, REG_ZERO);
    uint32_t satp_w = insn_csrrs(REG_ZERO, CSR_SATP, REG_A0);
    static const struct {
        enum mode mode;
        uint64_t hstatus, mstatus;
        bool virt;
    } cases[] = {
            {MODE_VS, HSTATUS_VTVM, 0, true},
            {MODE_VS, 0, 0, false},
            {MODE_VS, 0, MSTATUS_TVM, false},
            {MODE_HS, HSTATUS_VTVM, 0, false},
    };
    const struct {
        const char *name;
        uint32_t insn;
    } insns[] = {{"sfence.vma", INSN_SFENCE_VMA}, {"satp read", satp_r}, {"satp write", satp_w}};

    for (unsigned i = 0; i < N(cases); i++) {
        for (unsigned j = 0; j < N(insns); j++) {
            hart_reset();
            csr_set(CSR_HSTATUS, cases[i].hstatus);
            csr_set(CSR_MSTATUS, cases[i].mstatus);
            run_check(fmt("%s in %s with VTVM=%u TVM=%u", insns[j].name, mode_name(cases[i].mode),
                          cases[i].hstatus != 0, cases[i].mstatus != 0),
                      cases[i].mode, insns[j].insn, 0,
                      cases[i].virt ? virt(insns[j].insn) : finished_in(cases[i].mode));
        }
    }
    hart_reset();
    run_check("sfence.vma in VU", MODE_VU, INSN_SFENCE_VMA, 0, virt(INSN_SFENCE_VMA));
    run_check("sfence.vma in U", MODE_U, INSN_SFENCE_VMA, 0, illegal(INSN_SFENCE_VMA));
}

/*
 * Hypervisor instructions: virtual from VS/VU ([H_virtinst_vu_vs_hinst]); in U illegal unless
 * HU=1 for HLV/HLVX/HSV ([hstatus_hu_op]); HFENCE.GVMA in HS needs TVM=0 ([mstatus_tvm_hs]).
 */
static void check_hypervisor_insns(void)
{
    rules("H_virtinst_vu_vs_hinst hlsv_mode hlsv_virtinst hlsv_illegalinst hstatus_hu_op "
          "hfence-vvma_mode hfence-gvma_op hfence-vvma_hfence-gvma_exceptions hfence-vvma_tvm "
          "mstatus_tvm_hs");
    static uint64_t target;
    static const struct {
        const char *name;
        uint32_t insn;
        bool mem; /* HLV/HLVX/HSV: HU lets U run them */
    } insns[] = {
            {"hlv.b", 0x60054573, true},
            {"hlv.bu", 0x60154573, true},
            {"hlv.h", 0x64054573, true},
            {"hlv.hu", 0x64154573, true},
            {"hlvx.hu", 0x64354573, true},
            {"hlv.w", 0x68054573, true},
            {"hlv.wu", 0x68154573, true},
            {"hlvx.wu", 0x68354573, true},
            {"hlv.d", 0x6c054573, true},
            {"hsv.b", 0x62b54073, true},
            {"hsv.h", 0x66b54073, true},
            {"hsv.w", 0x6ab54073, true},
            {"hsv.d", 0x6eb54073, true},
            {"hfence.vvma", INSN_HFENCE_VVMA, false},
            {"hfence.gvma", INSN_HFENCE_GVMA, false},
    };
    uint64_t a0 = (uintptr_t)&target;

    for (unsigned j = 0; j < N(insns); j++) {
        uint32_t insn = insns[j].insn;

        hart_reset();
        run_check(fmt("%s in HS", insns[j].name), MODE_HS, insn, a0, finished_in(MODE_HS));
        run_check(fmt("%s in VS", insns[j].name), MODE_VS, insn, a0, virt(insn));
        run_check(fmt("%s in VU", insns[j].name), MODE_VU, insn, a0, virt(insn));
        run_check(fmt("%s in U with HU=0", insns[j].name), MODE_U, insn, a0, illegal(insn));
        csr_set(CSR_HSTATUS, HSTATUS_HU);
        run_check(fmt("%s in U with HU=1", insns[j].name), MODE_U, insn, a0,
                  insns[j].mem ? finished_in(MODE_U) : illegal(insn));
        run_check(fmt("%s in VU with HU=1", insns[j].name), MODE_VU, insn, a0, virt(insn));
    }
    hart_reset();
    csr_set(CSR_MSTATUS, MSTATUS_TVM);
    run_check("hfence.gvma in HS with TVM=1", MODE_HS, INSN_HFENCE_GVMA, 0,
              illegal(INSN_HFENCE_GVMA));
    run_check("hfence.vvma in HS with TVM=1", MODE_HS, INSN_HFENCE_VVMA, 0, finished_in(MODE_HS));
    hart_reset();
}

/*
 * Counters cycle/time/instret: mcounteren gates everything below M (illegal); then
 * hcounteren (and scounteren in VU) give virtual-instruction exceptions when V=1
 * ([H_virtinst_vs_nonhighctr_h0_m1], [H_virtinst_vu_nonhighctr_h0_s0_m1], [hcounteren_op]).
 */
static struct expect counter_expect(enum mode m, bool men, bool hen, bool sen, uint32_t insn)
{
    if (!men)
        return illegal(insn);
    switch (m) {
    case MODE_U:
        return sen ? finished_in(m) : illegal(insn);
    case MODE_VS:
        return hen ? finished_in(m) : virt(insn);
    case MODE_VU:
        return hen && sen ? finished_in(m) : virt(insn);
    default:
        return finished_in(m);
    }
}

/* Writes the three enables and says whether each took ([hcounteren_warl],
 * [mcounteren_flds_mandatory_warl]: any bit may be read-only zero). */
static bool counter_enables_take(uint64_t bit, bool men, bool hen, bool sen)
{
    csr_write(CSR_MCOUNTEREN, men ? bit : 0);
    csr_write(CSR_HCOUNTEREN, hen ? bit : 0);
    csr_write(CSR_SCOUNTEREN, sen ? bit : 0);
    return ((csr_read(CSR_MCOUNTEREN) & bit) != 0) == men &&
           ((csr_read(CSR_HCOUNTEREN) & bit) != 0) == hen &&
           ((csr_read(CSR_SCOUNTEREN) & bit) != 0) == sen;
}

static void check_counters(void)
{
    rules("hcounteren_op H_virtinst_vs_nonhighctr_h0_m1 H_virtinst_vu_nonhighctr_h0_s0_m1 "
          "hcounteren_warl");
    static const struct {
        const char *name;
        unsigned csr, bit;
    } ctrs[] = {{"cycle", CSR_CYCLE, 0}, {"time", CSR_TIME, 1}, {"instret", CSR_INSTRET, 2}};
    static const enum mode modes[] = {MODE_HS, MODE_U, MODE_VS, MODE_VU};

    for (unsigned c = 0; c < N(ctrs); c++) {
        uint32_t insn = insn_csrrs(REG_A0, ctrs[c].csr, REG_ZERO);
        uint64_t bit = 1ul << ctrs[c].bit;

        if (exec_insn(MODE_M, insn, 0, 0, NULL).taken) {
            report_skip(fmt("%s enables", ctrs[c].name), "counter not readable in M");
            continue;
        }
        for (unsigned k = 0; k < 8; k++) {
            bool men = k & 1, hen = k & 2, sen = k & 4;
            bool took = counter_enables_take(bit, men, hen, sen);

            for (unsigned i = 0; i < N(modes); i++) {
                const char *name = fmt("%s in %s with mcounteren=%u hcounteren=%u scounteren=%u",
                                       ctrs[c].name, mode_name(modes[i]), men, hen, sen);
                if (!took)
                    report_skip(name, "an enable bit is read-only zero (WARL)");
                else
                    run_check(name, modes[i], insn, 0,
                              counter_expect(modes[i], men, hen, sen, insn));
            }
        }
    }
    hart_reset();
}

void area_virtual_instruction(void)
{
    check_sret();
    check_wfi();
    check_vtvm();
    check_hypervisor_insns();
    check_counters();
}
