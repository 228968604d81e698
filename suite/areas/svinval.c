/*
 * Svinval with H (priv "Svinval"): SINVAL.VMA traps like SFENCE.VMA (TVM in HS, VTVM in VS,
 * virtual in VU), HINVAL.VVMA/HINVAL.GVMA like HFENCE.VVMA/HFENCE.GVMA (virtual from VS/VU,
 * HINVAL.GVMA under TVM illegal in HS), SFENCE.W.INVAL and SFENCE.INVAL.IR ignore TVM and VTVM
 * (illegal in U, virtual in VU). Encodings checked against riscv64-unknown-elf-objdump.
 */
#include "suite.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

#define INSN_SINVAL_VMA      0x16000073u /* sinval.vma x0, x0 */
#define INSN_HINVAL_VVMA     0x26000073u
#define INSN_HINVAL_GVMA     0x66000073u
#define INSN_SFENCE_W_INVAL  0x18000073u
#define INSN_SFENCE_INVAL_IR 0x18100073u

struct inval_case {
    enum mode mode;
    uint64_t hstatus, mstatus;
    /* outcome for sinval.vma, hinval.vvma, hinval.gvma, sfence.w.inval/inval.ir */
    enum insn_outcome sinval, hvvma, hgvma, wir;
};

static const struct inval_case cases[] = {
        {MODE_M, 0, 0, INSN_RUNS, INSN_RUNS, INSN_RUNS, INSN_RUNS},
        {MODE_HS, 0, 0, INSN_RUNS, INSN_RUNS, INSN_RUNS, INSN_RUNS},
        {MODE_HS, 0, MSTATUS_TVM, INSN_ILLEGAL, INSN_RUNS, INSN_ILLEGAL, INSN_RUNS},
        {MODE_HS, HSTATUS_VTVM, 0, INSN_RUNS, INSN_RUNS, INSN_RUNS, INSN_RUNS},
        {MODE_U, 0, 0, INSN_ILLEGAL, INSN_ILLEGAL, INSN_ILLEGAL, INSN_ILLEGAL},
        {MODE_VS, 0, 0, INSN_RUNS, INSN_VIRTUAL, INSN_VIRTUAL, INSN_RUNS},
        {MODE_VS, HSTATUS_VTVM, 0, INSN_VIRTUAL, INSN_VIRTUAL, INSN_VIRTUAL, INSN_RUNS},
        {MODE_VS, 0, MSTATUS_TVM, INSN_RUNS, INSN_VIRTUAL, INSN_VIRTUAL, INSN_RUNS},
        {MODE_VU, 0, 0, INSN_VIRTUAL, INSN_VIRTUAL, INSN_VIRTUAL, INSN_VIRTUAL},
};

void area_svinval(void)
{
    static const struct {
        const char *name;
        uint32_t insn;
    } insns[] = {{"sinval.vma", INSN_SINVAL_VMA},
                 {"hinval.vvma", INSN_HINVAL_VVMA},
                 {"hinval.gvma", INSN_HINVAL_GVMA},
                 {"sfence.w.inval", INSN_SFENCE_W_INVAL},
                 {"sfence.inval.ir", INSN_SFENCE_INVAL_IR}};

    rules("Svinval_illegal_instruction_u_mode Svinval_illegal_instruction_tvm "
          "Svinval_virtual_instruction_vu_vs Svinval_virtual_instruction_vtvms "
          "Svinval_sfence_w_inval_inval_u_mode Svinval_sfence_w_inval_inval_vu_mode "
          "Svinval_sfence_w_inval_inval_s_vs_mode H_virtinst_vs_sfence_sinval_satp_vtvm1 "
          "hstatus_vtvm_op mstatus_tvm_hs");
    if (exec_insn(MODE_M, INSN_SFENCE_W_INVAL, 0, 0, NULL).taken) {
        report_skip("all", "no Svinval (sfence.w.inval is illegal in M)");
        return;
    }
    for (unsigned i = 0; i < N(cases); i++) {
        const struct inval_case *c = &cases[i];
        const enum insn_outcome outs[] = {c->sinval, c->hvvma, c->hgvma, c->wir, c->wir};

        for (unsigned j = 0; j < N(insns); j++) {
            hart_reset();
            csr_set(CSR_HSTATUS, c->hstatus);
            csr_set(CSR_MSTATUS, c->mstatus);
            struct trap t = exec_insn(c->mode, insns[j].insn, 0, 0, NULL);
            expect_trap(fmt("%s in %s with VTVM=%u TVM=%u", insns[j].name, mode_name(c->mode),
                            c->hstatus != 0, c->mstatus != 0),
                        &t, insn_outcome(outs[j], c->mode, insns[j].insn));
        }
    }
    hart_reset();
}
