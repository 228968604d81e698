/*
 * The hostile guest's entry and the pieces that must be assembly: the trap handler (it records
 * the trap and resumes where the current operation said), the stub that runs the instruction
 * in exec.c's slot, a jump to any address, and one ecall with a0-a7 in and out.
 * Entry at guest-physical 0x80200000 in VS-mode, a0 = hartid, a1 = the DTB.
 */
#include "../guest_start.inc"

    .section .text.start, "ax"
    .globl _start
_start:
    GUEST_START hostile_main, trap_entry

/* Exceptions (interrupts stay disabled: sstatus.SIE = 0). Uses t0/t1 only. */
    .balign 4
trap_entry:
    csrr    t0, scause
    la      t1, trap_cause
    sd      t0, 0(t1)
    csrr    t0, stval
    la      t1, trap_tval
    sd      t0, 0(t1)
    csrr    t0, sepc
    la      t1, trap_epc
    sd      t0, 0(t1)
    li      t0, 1
    la      t1, trap_taken
    sd      t0, 0(t1)
    la      t1, expect_resume
    ld      t0, 0(t1)
    csrw    sepc, t0
    sret

.macro RESUME_AT label
    la      t0, \label
    la      t1, expect_resume
    sd      t0, 0(t1)
.endm

/* unsigned long exec_slot(a0, a1): runs slot (exec.c) with those operands, returns a0. */
    .globl exec_slot
exec_slot:
    RESUME_AT 1f
    mv      t2, ra
    la      t3, slot
    jalr    t3
1:  mv      ra, t2
    ret

/* unsigned long call_at(addr): a jump there; the fetch is expected to fault. */
    .globl call_at
call_at:
    RESUME_AT 1f
    mv      t2, ra
    jalr    a0
1:  mv      ra, t2
    ret

/* void sbi_ecall(unsigned long a[8]) */
    .globl sbi_ecall
sbi_ecall:
    RESUME_AT 1f
    addi    sp, sp, -16
    sd      a0, 0(sp)
    mv      t0, a0
    ld      a1, 8(t0)
    ld      a2, 16(t0)
    ld      a3, 24(t0)
    ld      a4, 32(t0)
    ld      a5, 40(t0)
    ld      a6, 48(t0)
    ld      a7, 56(t0)
    ld      a0, 0(t0)
    ecall
1:  ld      t0, 0(sp)
    sd      a0, 0(t0)
    sd      a1, 8(t0)
    sd      a2, 16(t0)
    sd      a3, 24(t0)
    sd      a4, 32(t0)
    sd      a5, 40(t0)
    sd      a6, 48(t0)
    sd      a7, 56(t0)
    addi    sp, sp, 16
    ret

    .section .bss
    .balign 16
    .globl trap_taken, trap_cause, trap_tval, trap_epc
trap_taken: .space 8
trap_cause: .space 8
trap_tval:  .space 8
trap_epc:   .space 8
expect_resume: .space 8
    .space  16384
stack_top:
