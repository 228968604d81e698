/*
 * Entry from OpenSBI fw_jump in HS-mode: a0 = hartid, a1 = host FDT. The first hart to arrive
 * runs the hypervisor; any other hart waits in lost_lottery (OpenSBI normally keeps them
 * stopped anyway).
 */
#include "vcpu_layout.h"

    .section .text.boot, "ax"
    .globl _start
_start:
    la      t0, boot_lottery
    li      t1, 1
    amoswap.w t1, t1, (t0)
    bnez    t1, lost_lottery

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

/*
 * OpenSBI before 1.3 (Debian 12 ships 1.1) publishes START_PENDING in hart_start before it
 * stores the start address (fixed upstream by e8e9ed37, "Set the state of a hart to
 * START_PENDING after the hart is ready"): a secondary hart that sees the state early jumps to
 * the stale address, the payload's entry, here, with a0 = its hartid. It waits until the boot
 * hart names it in hart_handoff (main.c, start_hart: stored before its hart_start) and enters
 * as it would have, saying so in via_payload_entry (the boot hart reports it). It spins rather
 * than sleeping: the firmware may already have consumed the IPI hart_start sends. A hart never
 * named waits here for ever.
 */
lost_lottery:
    csrw    sie, zero
1:  ld      a1, hart_handoff
    fence   r, rw
    beqz    a1, 2f
    ld      t0, PCPU_HARTID(a1)
    bne     t0, a0, 2f
    li      t0, 1
    sd      t0, PCPU_VIA_PAYLOAD_ENTRY(a1)
    j       secondary_entry
2:  .4byte  0x0100000f              /* pause (Zihintpause): a FENCE hint, harmless without it */
    j       1b

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
/* struct pcpu * of the hart being started, or 0; in .data so that a hart that arrives before
 * the boot hart has cleared .bss reads 0. */
    .globl  hart_handoff
    .balign 8
hart_handoff:
    .dword  0
