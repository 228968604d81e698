/*
 * The only way in and out of the guest.
 *
 * guest_enter(vcpu) saves the hypervisor's callee-saved registers on its stack, loads the
 * guest's registers from vcpu->ctx and srets into VS/VU-mode. Every trap from the guest lands
 * in trap_vector, which saves the guest's registers back into vcpu->ctx and returns from
 * guest_enter as if it were an ordinary call; the C run loop (vcpu.c) then reads scause and
 * dispatches (trap.c).
 *
 * The hypervisor keeps its per-hart pointer (struct pcpu) in tp; the guest's tp is saved and
 * restored with the other registers. sscratch holds the running vCPU's context while the guest runs and 0 while the hypervisor
 * runs, so a trap taken in the hypervisor itself is told apart and reported (hyp_fault).
 */
#include "vcpu_layout.h"

    .option arch, +h
    .section .text
    .globl guest_enter
guest_enter:
    addi    sp, sp, -112
    sd      ra, 0(sp)
    sd      s0, 8(sp)
    sd      s1, 16(sp)
    sd      s2, 24(sp)
    sd      s3, 32(sp)
    sd      s4, 40(sp)
    sd      s5, 48(sp)
    sd      s6, 56(sp)
    sd      s7, 64(sp)
    sd      s8, 72(sp)
    sd      s9, 80(sp)
    sd      s10, 88(sp)
    sd      s11, 96(sp)
    sd      sp, VCPU_HOST_SP(a0)

    /* Written every time: a trap the hypervisor took meanwhile (guard.S) changes them. */
    ld      t0, VCPU_SEPC(a0)
    csrw    sepc, t0
    ld      t0, VCPU_SSTATUS(a0)
    csrw    sstatus, t0
    ld      t0, VCPU_HSTATUS(a0)
    csrw    hstatus, t0
    csrw    sscratch, a0

    ld      ra, VCPU_REG(1)(a0)
    ld      sp, VCPU_REG(2)(a0)
    ld      gp, VCPU_REG(3)(a0)
    ld      tp, VCPU_REG(4)(a0)
    ld      t0, VCPU_REG(5)(a0)
    ld      t1, VCPU_REG(6)(a0)
    ld      t2, VCPU_REG(7)(a0)
    ld      s0, VCPU_REG(8)(a0)
    ld      s1, VCPU_REG(9)(a0)
    ld      a1, VCPU_REG(11)(a0)
    ld      a2, VCPU_REG(12)(a0)
    ld      a3, VCPU_REG(13)(a0)
    ld      a4, VCPU_REG(14)(a0)
    ld      a5, VCPU_REG(15)(a0)
    ld      a6, VCPU_REG(16)(a0)
    ld      a7, VCPU_REG(17)(a0)
    ld      s2, VCPU_REG(18)(a0)
    ld      s3, VCPU_REG(19)(a0)
    ld      s4, VCPU_REG(20)(a0)
    ld      s5, VCPU_REG(21)(a0)
    ld      s6, VCPU_REG(22)(a0)
    ld      s7, VCPU_REG(23)(a0)
    ld      s8, VCPU_REG(24)(a0)
    ld      s9, VCPU_REG(25)(a0)
    ld      s10, VCPU_REG(26)(a0)
    ld      s11, VCPU_REG(27)(a0)
    ld      t3, VCPU_REG(28)(a0)
    ld      t4, VCPU_REG(29)(a0)
    ld      t5, VCPU_REG(30)(a0)
    ld      t6, VCPU_REG(31)(a0)
    ld      a0, VCPU_REG(10)(a0)
    sret

    .balign 4
    .globl trap_vector
trap_vector:
    csrrw   sp, sscratch, sp        /* sp = vCPU context, sscratch = guest sp */
    beqz    sp, hyp_trap
    sd      ra, VCPU_REG(1)(sp)
    sd      gp, VCPU_REG(3)(sp)
    sd      tp, VCPU_REG(4)(sp)
    sd      t0, VCPU_REG(5)(sp)
    sd      t1, VCPU_REG(6)(sp)
    sd      t2, VCPU_REG(7)(sp)
    sd      s0, VCPU_REG(8)(sp)
    sd      s1, VCPU_REG(9)(sp)
    sd      a0, VCPU_REG(10)(sp)
    sd      a1, VCPU_REG(11)(sp)
    sd      a2, VCPU_REG(12)(sp)
    sd      a3, VCPU_REG(13)(sp)
    sd      a4, VCPU_REG(14)(sp)
    sd      a5, VCPU_REG(15)(sp)
    sd      a6, VCPU_REG(16)(sp)
    sd      a7, VCPU_REG(17)(sp)
    sd      s2, VCPU_REG(18)(sp)
    sd      s3, VCPU_REG(19)(sp)
    sd      s4, VCPU_REG(20)(sp)
    sd      s5, VCPU_REG(21)(sp)
    sd      s6, VCPU_REG(22)(sp)
    sd      s7, VCPU_REG(23)(sp)
    sd      s8, VCPU_REG(24)(sp)
    sd      s9, VCPU_REG(25)(sp)
    sd      s10, VCPU_REG(26)(sp)
    sd      s11, VCPU_REG(27)(sp)
    sd      t3, VCPU_REG(28)(sp)
    sd      t4, VCPU_REG(29)(sp)
    sd      t5, VCPU_REG(30)(sp)
    sd      t6, VCPU_REG(31)(sp)
    csrrw   t0, sscratch, zero
    sd      t0, VCPU_REG(2)(sp)
    csrr    t0, sepc
    sd      t0, VCPU_SEPC(sp)
    csrr    t0, sstatus
    sd      t0, VCPU_SSTATUS(sp)
    csrr    t0, hstatus
    sd      t0, VCPU_HSTATUS(sp)

    ld      tp, VCPU_PCPU(sp)   /* this hart's struct pcpu, for pcpu_self() */
    ld      sp, VCPU_HOST_SP(sp)
    ld      ra, 0(sp)
    ld      s0, 8(sp)
    ld      s1, 16(sp)
    ld      s2, 24(sp)
    ld      s3, 32(sp)
    ld      s4, 40(sp)
    ld      s5, 48(sp)
    ld      s6, 56(sp)
    ld      s7, 64(sp)
    ld      s8, 72(sp)
    ld      s9, 80(sp)
    ld      s10, 88(sp)
    ld      s11, 96(sp)
    addi    sp, sp, 112
    ret

/* A trap the hypervisor did not expect (expected ones go through guard.S): report, power off. */
hyp_trap:
    csrrw   sp, sscratch, sp        /* back to the hypervisor's sp, sscratch = 0 */
    andi    sp, sp, -16
    call    hyp_fault
1:  j       1b
