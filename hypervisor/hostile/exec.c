/*
 * Carries an operation out on this hart (start.S has the pieces that must be assembly) and
 * records what happened. The instruction under test runs from `slot`, written here and made
 * visible to fetch with FENCE.I (Zifencei), followed by a return.
 */
#include "hostile.h"

#include "riscv/encoding.h"

extern volatile unsigned long trap_taken, trap_cause, trap_tval, trap_epc;
unsigned long exec_slot(unsigned long a0, unsigned long a1);
unsigned long call_at(unsigned long addr);
/* a[0..7] in, a[0..7] out of one ecall (a6 = FID, a7 = EID). */
void sbi_ecall(unsigned long a[8]);

uint32_t slot[2] __attribute__((aligned(8)));
unsigned long mask_word;

#define INSN_RET  0x00008067u /* jalr x0, 0(ra) */
#define INSN_C_JR 0x8082u     /* c.jr ra */

static void load_slot(uint32_t insn)
{
    if (insn_compressed(insn)) {
        slot[0] = (insn & 0xffff) | INSN_C_JR << 16;
    } else {
        slot[0] = insn;
        slot[1] = INSN_RET;
    }
    __asm__ volatile("fence.i" : : : "memory");
}

static void run_sbi(const struct op *op, struct result *r)
{
    unsigned long a[8] = {op->arg[0], op->arg[1], op->arg[2], op->arg[3],
                          op->arg[4], op->arg[5], op->fid,    op->eid};
    unsigned long in[8];
    bool legacy_mask = op->eid >= 4 && op->eid <= 7;

    if (legacy_mask)
        mask_word = op->arg[5];
    /* A retentive suspend returns on a pending enabled interrupt (SBI §9.4, like WFI): make
     * one pending (VSSIP, enabled in sie but not taken, sstatus.SIE being 0). */
    __asm__ volatile("csrs sie, %0\n csrs sip, %0" : : "r"(MIP_SSIP));
    for (unsigned i = 0; i < 8; i++)
        in[i] = a[i];
    sbi_ecall(a);
    __asm__ volatile("csrc sip, %0\n csrc sie, %0" : : "r"(MIP_SSIP));
    r->error = (long)a[0];
    r->value = (long)a[1];
    r->regs_kept = true;
    for (unsigned i = 2; i < 8; i++)
        r->regs_kept &= a[i] == in[i];
}

void exec_op(const struct op *op, struct result *r)
{
    *r = (struct result){0};
    trap_taken = 0;
    switch (op->kind) {
    case OP_SBI:
        run_sbi(op, r);
        break;
    case OP_MEM:
    case OP_INSN:
        load_slot(op->insn);
        exec_slot(op->addr, op->value);
        break;
    case OP_FETCH:
        call_at(op->addr);
        break;
    case OP_SATP:
        __asm__ volatile("csrr %0, satp" : "=r"(r->satp_before));
        __asm__ volatile("csrw satp, %0" : : "r"(op->value) : "memory");
        __asm__ volatile("csrr %0, satp" : "=r"(r->satp_after));
        __asm__ volatile("csrw satp, %0\n sfence.vma" : : "r"(r->satp_before) : "memory");
        break;
    default:
        break;
    }
    r->trapped = trap_taken != 0;
    r->cause = trap_cause;
    r->tval = trap_tval;
    r->epc = trap_epc;
}
