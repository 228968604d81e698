/*
 * Traps and delegation: where an exception from each mode lands under medeleg/hedeleg
 * ([H_trap_deleg]), what the trap writes (cause, epc, tval, MPV/SPV/SPP/SPVP, GVA), and where
 * MRET/SRET return to ([mstatus_mpv_op], [hstatus_spv_sret]).
 */
#include "suite.h"

static const enum mode lower_modes[] = {MODE_HS, MODE_U, MODE_VS, MODE_VU};

static bool is_virtual(enum mode m)
{
    return m == MODE_VS || m == MODE_VU;
}

/* An instruction that is illegal in every mode: a write to the read-only mvendorid. */
static uint32_t illegal_everywhere(void)
{
    return insn_csrrw(REG_ZERO, CSR_MVENDORID, REG_ZERO);
}

/* Writes medeleg; false when a bit of `bits` is read-only zero ([medeleg_mideleg_warl]): the
 * checks that need it are then skipped, not failed. */
static bool medeleg_takes(uint64_t bits)
{
    csr_write(CSR_MEDELEG, bits);
    return (csr_read(CSR_MEDELEG) & bits) == bits;
}

#define MEDELEG_RO "the medeleg bit is read-only zero (WARL)"

/* [H_trap_deleg]: M unless medeleg; then HS unless V was 1 and hedeleg; then VS. */
static enum level route(enum mode from, bool medeleg, bool hedeleg)
{
    if (!medeleg || from == MODE_M)
        return LEVEL_M;
    return is_virtual(from) && hedeleg ? LEVEL_VS : LEVEL_HS;
}

static void check_illegal_routing(void)
{
    rules("H_trap_deleg hedeleg_op H_trap_m_csrwrites H_trap_hs_csrwrites");
    uint32_t insn = illegal_everywhere();

    for (unsigned i = 0; i < 4; i++) {
        for (unsigned d = 0; d < 4; d++) {
            bool md = d & 1, hd = d & 2;
            enum mode m = lower_modes[i];

            const char *name =
                    fmt("illegal instruction from %s, medeleg=%u hedeleg=%u", mode_name(m), md, hd);
            hart_reset();
            if (!medeleg_takes(md ? 1ul << EXC_ILLEGAL_INSN : 0)) {
                report_skip(name, MEDELEG_RO);
                continue;
            }
            csr_write(CSR_HEDELEG, hd ? 1ul << EXC_ILLEGAL_INSN : 0);
            struct trap t = exec_insn(m, insn, 0, 0, NULL);
            struct expect e = insn_trap(route(m, md, hd), EXC_ILLEGAL_INSN, insn);
            e.fields |= EXPECT_FROM;
            e.from = m;
            if (e.level == LEVEL_VS)
                e.fields &= ~(EXPECT_TVAL2 | EXPECT_TINST); /* VS has neither register */
            expect_trap(name, &t, e);
        }
    }
    hart_reset();
}

/* Ecall causes: 8 from U/VU, 9 from HS, 10 from VS, 11 from M ([H_cause_ecall]). */
static void check_ecall(void)
{
    rules("H_cause_ecall H_cause H_trap_deleg hedeleg_acc");
    static const struct {
        enum mode mode;
        uint64_t cause;
    } cases[] = {{MODE_M, EXC_ECALL_M},
                 {MODE_HS, EXC_ECALL_HS},
                 {MODE_U, EXC_ECALL_U},
                 {MODE_VS, EXC_ECALL_VS},
                 {MODE_VU, EXC_ECALL_U}};

    for (unsigned i = 0; i < 5; i++) {
        struct trap t = exec_insn(cases[i].mode, INSN_ECALL, 0, 0, NULL);
        struct expect e = trap_at(LEVEL_M, cases[i].cause);
        e.fields = EXPECT_EPC | EXPECT_FROM;
        e.epc = insn_slot_addr();
        e.from = cases[i].mode;
        expect_trap(fmt("ecall from %s", mode_name(cases[i].mode)), &t, e);
    }
    /* Delegated: VS ecall goes to HS (hedeleg bit 10 is read-only 0); VU ecall reaches VS. */
    if (!medeleg_takes((1ul << EXC_ECALL_VS) | (1ul << EXC_ECALL_U))) {
        report_skip("ecall with medeleg/hedeleg set", MEDELEG_RO);
        hart_reset();
        return;
    }
    csr_write(CSR_HEDELEG, (1ul << EXC_ECALL_U) | (1ul << EXC_ECALL_VS));
    struct trap t = exec_insn(MODE_VS, INSN_ECALL, 0, 0, NULL);
    expect_trap("ecall from VS with medeleg/hedeleg set reaches HS", &t,
                trap_at(LEVEL_HS, EXC_ECALL_VS));
    t = exec_insn(MODE_VU, INSN_ECALL, 0, 0, NULL);
    expect_trap("ecall from VU with medeleg/hedeleg set reaches VS", &t,
                trap_at(LEVEL_VS, EXC_ECALL_U));
    t = exec_insn(MODE_U, INSN_ECALL, 0, 0, NULL);
    expect_trap("ecall from U with medeleg/hedeleg set reaches HS", &t,
                trap_at(LEVEL_HS, EXC_ECALL_U));
    hart_reset();
}

/*
 * GVA is written on every trap: 1 only when tval holds a guest virtual address
 * ([mstatus_gva_op], [hstatus_gva_op]). Preset to 1 so that a stale value shows.
 */
static void check_gva_cleared(void)
{
    rules("mstatus_gva_op hstatus_gva_op");
    uint32_t insn = illegal_everywhere();

    for (unsigned i = 0; i < 4; i++) {
        csr_set(CSR_MSTATUS, MSTATUS_GVA);
        struct trap t = exec_insn(lower_modes[i], insn, 0, 0, NULL);
        expect_eq(fmt("mstatus.GVA=0 after illegal instruction from %s", mode_name(lower_modes[i])),
                  t.gva, 0);
    }
    if (!medeleg_takes(1ul << EXC_ILLEGAL_INSN)) {
        report_skip("hstatus.GVA=0 after illegal instruction", MEDELEG_RO);
        hart_reset();
        return;
    }
    for (unsigned i = 0; i < 4; i++) {
        csr_set(CSR_HSTATUS, HSTATUS_GVA);
        struct trap t = exec_insn(lower_modes[i], insn, 0, 0, NULL);
        expect_eq(fmt("hstatus.GVA=0 after illegal instruction from %s", mode_name(lower_modes[i])),
                  t.gva, 0);
    }
    hart_reset();
}

/* ld a0, 0(a0) and its transformation with rs1 = 0 ("Transformed Instruction ..."). */
#define INSN_LD_A0       0x00053503u
#define INSN_LD_A0_XFORM 0x00003503u
#define PMP_NA4          (2u << 3)

/*
 * A load access fault (PMP denies one word) from each mode: cause 5, tval = the address or 0
 * ([mtval_op]: zero or exception-specific information; writing the address is the Sstvala
 * option), GVA = 1 exactly when tval holds a guest virtual address ([mstatus_gva_op],
 * [hstatus_gva_op]), tval2 = 0 ([mtval2_trapval]: not a guest-page fault), tinst 0 or the
 * transformed load ([H_trap_xtinst_val]).
 */
static void check_access_fault(void)
{
    rules("mstatus_gva_op hstatus_gva_op mtval2_trapval H_trap_xtinst_val H_trap_xtinst mtval_op");
    static uint64_t denied __attribute__((aligned(8)));

    if (!profile.pmp) {
        report_skip("load access faults", "no PMP to make one");
        return;
    }
    for (unsigned lvl = 0; lvl < 2; lvl++) {
        for (unsigned i = 0; i < 4; i++) {
            enum mode m = lower_modes[i];

            const char *name =
                    fmt("load access fault from %s to %s", mode_name(m), lvl ? "HS" : "M");
            hart_reset();
            if (lvl && !medeleg_takes(1ul << EXC_LOAD_ACCESS)) {
                report_skip(name, MEDELEG_RO);
                continue;
            }
            csr_write(CSR_PMPADDR0, (uintptr_t)&denied >> 2);
            csr_set(CSR_PMPCFG0, PMP_NA4);
            if (is_virtual(m))
                csr_clear(CSR_MSTATUS, MSTATUS_GVA);
            struct trap t = exec_insn(m, INSN_LD_A0, (uintptr_t)&denied, 0, NULL);
            struct expect e = trap_at(lvl ? LEVEL_HS : LEVEL_M, EXC_LOAD_ACCESS);
            e.fields = EXPECT_EPC | EXPECT_TVAL | EXPECT_TVAL2 | EXPECT_TINST | EXPECT_GVA;
            e.epc = insn_slot_addr();
            e.tval = (uintptr_t)&denied;
            e.tinst = INSN_LD_A0_XFORM;
            e.gva = is_virtual(m);
            struct expect zero = e;
            zero.tval = 0;
            zero.gva = false;
            const struct expect alts[] = {e, zero};
            expect_trap_any(name, &t, alts, 2);
        }
    }
    hart_reset();
}

/* [H_trap_hs_csrwrites]: SPVP takes SPP when V was 1, and is left alone when V was 0. */
static void check_spvp(void)
{
    rules("hstatus_spvp_op hstatus_spv_op H_trap_hs_csrwrites");
    static const struct {
        enum mode mode;
        bool preset, expected;
    } cases[] = {{MODE_VS, false, true},
                 {MODE_VU, true, false},
                 {MODE_HS, true, true},
                 {MODE_U, false, false}};
    uint32_t insn = illegal_everywhere();

    if (!medeleg_takes(1ul << EXC_ILLEGAL_INSN)) {
        report_skip("hstatus.SPVP after a trap to HS", MEDELEG_RO);
        hart_reset();
        return;
    }
    for (unsigned i = 0; i < 4; i++) {
        if (cases[i].preset)
            csr_set(CSR_HSTATUS, HSTATUS_SPVP);
        else
            csr_clear(CSR_HSTATUS, HSTATUS_SPVP);
        exec_insn(cases[i].mode, insn, 0, 0, NULL);
        bool virt = cases[i].mode == MODE_VS || cases[i].mode == MODE_VU;
        expect_eq(fmt("hstatus.SPV after a trap from %s to HS", mode_name(cases[i].mode)),
                  (csr_read(CSR_HSTATUS) & HSTATUS_SPV) != 0, virt);
        expect_eq(fmt("hstatus.SPVP after a trap from %s to HS (preset %u)",
                      mode_name(cases[i].mode), cases[i].preset),
                  (csr_read(CSR_HSTATUS) & HSTATUS_SPVP) != 0, cases[i].expected);
    }
    hart_reset();
}

/*
 * [H_trap_vs_csrwrites]: a trap into VS writes vsepc/vscause/vstval and vsstatus.SPP/SPIE/SIE
 * and leaves hstatus and the HS-level sstatus, sepc, scause alone.
 */
static void check_vs_trap_side_effects(void)
{
    rules("H_trap_vs_csrwrites");
    uint32_t insn = illegal_everywhere();

    if (!medeleg_takes(1ul << EXC_ILLEGAL_INSN)) {
        report_skip("VS trap", MEDELEG_RO);
        hart_reset();
        return;
    }
    csr_write(CSR_HEDELEG, 1ul << EXC_ILLEGAL_INSN);
    csr_write(CSR_SEPC, 0x1230);
    csr_write(CSR_SCAUSE, EXC_LOAD_PAGE_FAULT);
    csr_set(CSR_VSSTATUS, MSTATUS_SIE | MSTATUS_SPP);
    uint64_t hstatus = csr_read(CSR_HSTATUS);
    uint64_t sstatus = csr_read(CSR_SSTATUS);
    struct trap t = exec_insn(MODE_VU, insn, 0, 0, NULL);
    uint64_t vsstatus = csr_read(CSR_VSSTATUS);

    expect_eq("VS trap, level", t.level, LEVEL_VS);
    expect_masked("VS trap, vsstatus.SPP=0 (from VU)", vsstatus, 0, MSTATUS_SPP);
    expect_masked("VS trap, vsstatus.SPIE=old SIE, SIE=0", vsstatus, MSTATUS_SPIE,
                  MSTATUS_SPIE | MSTATUS_SIE);
    expect_eq("VS trap, hstatus unchanged", csr_read(CSR_HSTATUS), hstatus);
    expect_masked("VS trap, sstatus SPP/SPIE/SIE unchanged", csr_read(CSR_SSTATUS), sstatus,
                  MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_SIE);
    expect_eq("VS trap, sepc unchanged", csr_read(CSR_SEPC), 0x1230);
    expect_eq("VS trap, scause unchanged", csr_read(CSR_SCAUSE), EXC_LOAD_PAGE_FAULT);
    hart_reset();
}

/* MRET from M with chosen MPP/MPV ([mstatus_mpv_op]: MPV ignored when MPP=3). */
static uint64_t mret_with(uint64_t mstatus_bits)
{
    uint64_t s = csr_read(CSR_MSTATUS) & ~(MSTATUS_MPP | MSTATUS_MPV | MSTATUS_MPRV);

    csr_write(CSR_MSTATUS, s | mstatus_bits);
    csr_write(CSR_MEPC, run_return_addr());
    __asm__ volatile("mret");
    return 0;
}

static void check_mret(void)
{
    rules("mret_h mstatus_mpv_op");
    static const struct {
        unsigned mpp;
        bool mpv;
        enum mode lands;
    } cases[] = {{3, true, MODE_M},
                 {1, true, MODE_VS},
                 {0, true, MODE_VU},
                 {1, false, MODE_HS},
                 {0, false, MODE_U}};

    for (unsigned i = 0; i < 5; i++) {
        uint64_t bits =
                ((uint64_t)cases[i].mpp << MSTATUS_MPP_SHIFT) | (cases[i].mpv ? MSTATUS_MPV : 0);
        struct trap t = run_in(MODE_M, mret_with, bits, NULL);
        struct expect e = finished_in(cases[i].lands);
        expect_trap(fmt("mret with MPP=%u MPV=%u enters %s", cases[i].mpp, cases[i].mpv,
                        mode_name(cases[i].lands)),
                    &t, e);
    }
}

/* SRET: from HS, V becomes SPV ([hstatus_spv_sret]); from VS, vsstatus.SPP picks VS/VU. */
static void check_sret(void)
{
    rules("sret_v0 sret_v1 hstatus_spv_sret");
    static const struct {
        enum mode from;
        bool spv, spp;
        enum mode lands;
    } cases[] = {{MODE_HS, true, true, MODE_VS},  {MODE_HS, true, false, MODE_VU},
                 {MODE_HS, false, true, MODE_HS}, {MODE_HS, false, false, MODE_U},
                 {MODE_VS, false, true, MODE_VS}, {MODE_VS, false, false, MODE_VU},
                 {MODE_VS, true, false, MODE_VU}};

    for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        hart_reset();
        csr_write(CSR_SEPC, run_return_addr());
        csr_write(CSR_VSEPC, run_return_addr());
        if (cases[i].spv)
            csr_set(CSR_HSTATUS, HSTATUS_SPV);
        uint64_t spp = cases[i].spp ? MSTATUS_SPP : 0;
        if (cases[i].from == MODE_HS)
            csr_set(CSR_MSTATUS, spp);
        else
            csr_set(CSR_VSSTATUS, spp);
        struct trap t = exec_insn(cases[i].from, INSN_SRET, 0, 0, NULL);
        struct expect e = finished_in(cases[i].lands);
        expect_trap(fmt("sret from %s with SPV=%u SPP=%u enters %s", mode_name(cases[i].from),
                        cases[i].spv, cases[i].spp, mode_name(cases[i].lands)),
                    &t, e);
    }
    hart_reset();
    uint32_t sret = INSN_SRET;
    struct trap t = exec_insn(MODE_U, sret, 0, 0, NULL);
    expect_trap("sret from U is illegal", &t, insn_trap(LEVEL_M, EXC_ILLEGAL_INSN, sret));
}

void area_traps(void)
{
    check_illegal_routing();
    check_ecall();
    check_gva_cleared();
    check_access_fault();
    check_spvp();
    check_vs_trap_side_effects();
    check_mret();
    check_sret();
}
