/*
 * FS with V=1: both vsstatus.FS and the HS-level sstatus.FS are in effect; an FP write sets
 * both to Dirty; Off in either raises illegal instruction, never virtual instruction
 * ([vsstatus_fs_op], [H_illegalinst_xstatus_fs_vs]). With V=0, vsstatus.FS is not touched
 * ([H_vscsrs_v0]). Encodings checked against riscv64-unknown-elf-objdump.
 */
#include "suite.h"

#define FMV_D_X_F0_A0 0xf2050053u /* fmv.d.x ft0, a0: writes FP state */
#define FS_SHIFT      MSTATUS_FS_SHIFT

static unsigned fs_of(uint64_t status)
{
    return (status & MSTATUS_FS) >> FS_SHIFT;
}

static void set_fs(unsigned hs_fs, unsigned vs_fs)
{
    uint64_t m = csr_read(CSR_MSTATUS) & ~MSTATUS_FS;
    uint64_t v = csr_read(CSR_VSSTATUS) & ~MSTATUS_FS;

    csr_write(CSR_MSTATUS, m | ((uint64_t)hs_fs << FS_SHIFT));
    csr_write(CSR_VSSTATUS, v | ((uint64_t)vs_fs << FS_SHIFT));
}

static void check_dirty(const char *what, uint32_t insn)
{
    rules("vsstatus_fs_op vsstatus_sd_xs_op H_vscsrs_v0");
    static const enum mode modes[] = {MODE_VS, MODE_VU, MODE_HS};

    for (unsigned i = 0; i < 3; i++) {
        enum mode m = modes[i];
        bool v = m != MODE_HS;

        hart_reset();
        set_fs(FS_CLEAN, FS_CLEAN);
        struct trap t = exec_insn(m, insn, 0x4000000000000000ul, 0, NULL);
        if (t.taken) {
            report_fail(fmt("%s in %s sets FS Dirty", what, mode_name(m)), "got %s", trap_str(&t));
            continue;
        }
        expect_eq(fmt("%s in %s sets sstatus.FS Dirty", what, mode_name(m)),
                  fs_of(csr_read(CSR_MSTATUS)), FS_DIRTY);
        expect_eq(fmt("%s in %s, vsstatus.FS %s", what, mode_name(m), v ? "Dirty" : "unchanged"),
                  fs_of(csr_read(CSR_VSSTATUS)), v ? FS_DIRTY : FS_CLEAN);
        if (v)
            expect_masked(fmt("%s in %s sets vsstatus.SD", what, mode_name(m)),
                          csr_read(CSR_VSSTATUS), MSTATUS_SD, MSTATUS_SD);
    }
}

static void check_off(const char *what, uint32_t insn)
{
    rules("vsstatus_fs_op H_illegalinst_xstatus_fs_vs");
    static const enum mode modes[] = {MODE_VS, MODE_VU};

    for (unsigned i = 0; i < 2; i++) {
        for (unsigned which = 0; which < 2; which++) {
            hart_reset();
            set_fs(which ? FS_OFF : FS_CLEAN, which ? FS_CLEAN : FS_OFF);
            struct trap t = exec_insn(modes[i], insn, 0, 0, NULL);
            expect_trap(fmt("%s in %s with %s.FS=Off", what, mode_name(modes[i]),
                            which ? "sstatus" : "vsstatus"),
                        &t, insn_trap(LEVEL_M, EXC_ILLEGAL_INSN, insn));
        }
    }
}

void area_fp_dirty(void)
{
    rules("vsstatus_fs_op");
    if (!(profile.misa & (1ul << ('D' - 'A')))) {
        report_skip("all", "no D extension");
        return;
    }
    uint32_t fcsr_write = insn_csrrw(REG_ZERO, CSR_FCSR, REG_A0);

    check_dirty("fmv.d.x", FMV_D_X_F0_A0);
    check_dirty("fcsr write", fcsr_write);
    check_off("fmv.d.x", FMV_D_X_F0_A0);
    check_off("fcsr write", fcsr_write);
    hart_reset();
}
