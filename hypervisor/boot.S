/*
 * Entry from OpenSBI fw_jump in HS-mode: a0 = hartid, a1 = host FDT. The first hart to arrive
 * runs the hypervisor; any other hart parks (OpenSBI normally keeps them stopped anyway).
 */
#include "vcpu_layout.h"

    .section .text.boot, "ax"
    .globl _start
_start:
    la      t0, boot_lottery
    li      t1, 1
    amoswap.w t1, t1, (t0)
    bnez    t1, park

    csrw    sie, zero
    csrw    sscratch, zero          /* 0: "trap taken in the hypervisor" (trap_vector.S) */
    la      t0, trap_vector
    csrw    stvec, t0

    la      t0, __bss_start
    la      t1, __bss_end
1:  bgeu    t0, t1, 2f
    sd      zero, (t0)
    addi    t0, t0, 8
    j       1b
2:
    la      sp, hyp_stack_top
    call    hyp_main
park:
    wfi
    j       park

/*
 * A secondary hart, started by the hypervisor through SBI HSM hart_start before the guests
 * boot (main.c): a0 = hartid, a1 = its struct pcpu, which starts with its stack top and is
 * kept in tp (pcpu_self()).
 */
    .globl secondary_entry
    .balign 4
secondary_entry:
    csrw    sie, zero
    csrw    sscratch, zero
    la      t0, trap_vector
    csrw    stvec, t0
    ld      sp, PCPU_STACK_TOP(a1)
    mv      tp, a1
    mv      a0, a1
    call    sched_secondary_main
1:  wfi
    j       1b

    .section .data
boot_lottery:
    .word   0
