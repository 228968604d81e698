/*
 * CSR area, high halves: on RV64 the RV32-only high-half CSRs do not exist, and an access to
 * one is an illegal-instruction exception from every mode, V=1 included ([H_illegal_high_half]:
 * never a virtual-instruction exception), and from M ("CSR Listing": RV32 only).
 */
#include "csr_area.h"
#include "suite.h"

static const struct {
    const char *name;
    unsigned num;
} highs[] = {
        {"hedelegh", 0x612},   {"htimedeltah", 0x615}, {"henvcfgh", 0x61a}, {"hstateen0h", 0x61c},
        {"vstimecmph", 0x25d}, {"stimecmph", 0x15d},   {"menvcfgh", 0x31a}, {"cycleh", 0xc80},
        {"timeh", 0xc81},      {"instreth", 0xc82},    {"mstatush", 0x310},
};

void csr_high_checks(void)
{
    static const enum mode modes[] = {MODE_M, MODE_HS, MODE_U, MODE_VS, MODE_VU};

    rules("H_illegal_high_half htimedeltah_sz_acc_op henvcfgh_sz_acc_op hedelegh_sz_acc_op "
          "vstimecmp_acc");
    if (profile.misa >> 62 != 2) {
        report_skip("high-half CSRs", "not RV64 (misa.MXL)");
        return;
    }
    if (!profile.absent_csrs_trap) {
        report_skip("high-half CSRs", "this platform stops on a CSR it does not implement");
        return;
    }
    for (unsigned i = 0; i < sizeof(highs) / sizeof(highs[0]); i++) {
        for (unsigned m = 0; m < sizeof(modes) / sizeof(modes[0]); m++) {
            uint32_t insn = insn_csrrs(REG_A0, highs[i].num, REG_ZERO);
            struct trap t = exec_insn(modes[m], insn, 0, 0, NULL);
            expect_trap(fmt("%s read from %s on RV64", highs[i].name, mode_name(modes[m])), &t,
                        insn_trap(LEVEL_M, EXC_ILLEGAL_INSN, insn));
        }
    }
}
