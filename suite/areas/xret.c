/*
 * What MRET and SRET leave behind ([mret_h], [sret_v0], [sret_v1]): MRET sets MPV=0 and MPP to
 * the least-privileged mode, SRET from HS sets hstatus.SPV=0 and SPP=0, SRET from VS sets
 * vsstatus.SPP=0 and SIE=SPIE, SPIE=1; MRET is illegal below M, in VS and VU too (it is not an
 * HS-qualified instruction, so no virtual-instruction exception: [H_cause_virtual_instruction]).
 */
#include "suite.h"

/*
 * MRET from M back to M (MPP=M) with MPV preset: afterwards MPV=0 and MPP=U. Only this return
 * can be observed: after an MRET to a lower mode, the trap that brings the suite back to M
 * rewrites MPP and MPV.
 */
static uint64_t mret_to_m(uint64_t mpv)
{
    uint64_t s = csr_read(CSR_MSTATUS) & ~(MSTATUS_MPV | MSTATUS_MPRV | MSTATUS_MPIE);

    csr_write(CSR_MSTATUS, s | MSTATUS_MPP | mpv);
    __asm__ volatile("la t0, 1f\n"
                     "csrw mepc, t0\n"
                     "mret\n"
                     "1:" ::
                             : "t0", "memory");
    return csr_read(CSR_MSTATUS);
}

static void check_mret_clears(void)
{
    rules("mret_h mstatus_mpv_op");
    for (unsigned mpv = 0; mpv < 2; mpv++)
        expect_masked(fmt("mret to M with MPV=%u leaves MPV=0 MPP=U", mpv),
                      mret_to_m(mpv ? MSTATUS_MPV : 0), 0, MSTATUS_MPV | MSTATUS_MPP);
    hart_reset();
}

/* SRET from HS into VS/VU/U: hstatus.SPV and sstatus.SPP are cleared ([sret_v0]). */
static void check_sret_clears(void)
{
    static const struct {
        bool spv, spp;
    } cases[] = {{true, true}, {true, false}, {false, true}};

    rules("sret_v0 sret_h hstatus_spv_sret");
    for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        hart_reset();
        csr_write(CSR_SEPC, run_return_addr());
        if (cases[i].spv)
            csr_set(CSR_HSTATUS, HSTATUS_SPV);
        if (cases[i].spp)
            csr_set(CSR_MSTATUS, MSTATUS_SPP);
        /* The run ends with an ecall to M, which writes neither hstatus.SPV nor sstatus.SPP. */
        struct trap t = exec_insn(MODE_HS, INSN_SRET, 0, 0, NULL);
        const char *name = fmt("sret from HS with SPV=%u SPP=%u clears SPV and SPP", cases[i].spv,
                               cases[i].spp);
        if (t.taken) {
            report_fail(name, "expected sret to complete; got %s", trap_str(&t));
            continue;
        }
        uint64_t hs = csr_read(CSR_HSTATUS), ms = csr_read(CSR_MSTATUS);
        if ((hs & HSTATUS_SPV) || (ms & MSTATUS_SPP))
            report_fail(name, "expected hstatus.SPV=0 sstatus.SPP=0; got SPV=%u SPP=%u",
                        (hs & HSTATUS_SPV) != 0, (ms & MSTATUS_SPP) != 0);
        else
            report_pass(name);
    }
    hart_reset();
}

/* SRET in VS: vsstatus.SPP=0, SIE=SPIE, SPIE=1, and the HS-level sstatus is untouched. */
static void check_sret_vs(void)
{
    rules("sret_v1");
    hart_reset();
    csr_write(CSR_VSEPC, run_return_addr());
    uint64_t vs = csr_read(CSR_VSSTATUS) & ~(MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP);
    csr_write(CSR_VSSTATUS, vs | MSTATUS_SPIE | MSTATUS_SPP);
    csr_set(CSR_MSTATUS, MSTATUS_SPP);
    struct trap t = exec_insn(MODE_VS, INSN_SRET, 0, 0, NULL);
    if (t.taken) {
        report_fail("sret in VS writes vsstatus SPP/SIE/SPIE", "expected no trap; got %s",
                    trap_str(&t));
    } else {
        expect_masked("sret in VS writes vsstatus SPP=0 SIE=1 SPIE=1", csr_read(CSR_VSSTATUS),
                      MSTATUS_SIE | MSTATUS_SPIE, MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP);
        expect_masked("sret in VS leaves sstatus.SPP", csr_read(CSR_MSTATUS), MSTATUS_SPP,
                      MSTATUS_SPP);
    }
    hart_reset();
}

static void check_mret_below_m(void)
{
    static const enum mode modes[] = {MODE_HS, MODE_U, MODE_VS, MODE_VU};

    rules("H_cause_virtual_instruction mret_h");
    for (unsigned i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
        struct trap t = exec_insn(modes[i], INSN_MRET, 0, 0, NULL);
        expect_trap(fmt("mret in %s is illegal", mode_name(modes[i])), &t,
                    insn_trap(LEVEL_M, EXC_ILLEGAL_INSN, INSN_MRET));
    }
}

void area_xret(void)
{
    check_mret_clears();
    check_sret_clears();
    check_sret_vs();
    check_mret_below_m();
}
