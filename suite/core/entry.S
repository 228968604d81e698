/*
 * Reset entry, the M-mode trap vector, the way down into a lower mode and the HS/VS trap stubs.
 * Everything else is C (trap.c, run.c).
 */
#define FRAME_SIZE (32 * 8)

    .section .text.entry, "ax"
    .globl _start
_start:
    /* One hart runs the suite; the others must not touch shared state. */
    csrr t0, mhartid
    bnez t0, park
    la sp, main_stack_top
    la t0, m_trap_entry
    csrw mtvec, t0
    la t0, trap_stack_top
    csrw mscratch, t0
    la t0, __bss_start
    la t1, __bss_end
1:  bgeu t0, t1, 2f
    sd zero, 0(t0)
    addi t0, t0, 8
    j 1b
2:  call suite_main
park:
    wfi
    j park

    .text
    /*
     * mscratch holds the trap stack while no trap is being handled and 0 while one is, so a
     * trap inside the handler is caught instead of overwriting the first trap's frame.
     */
    .align 4
    .globl m_trap_entry
m_trap_entry:
    csrrw sp, mscratch, sp
    beqz sp, m_trap_nested
    addi sp, sp, -FRAME_SIZE
    sd x1, 1*8(sp)
    sd x3, 3*8(sp)
    sd x4, 4*8(sp)
    sd x5, 5*8(sp)
    sd x6, 6*8(sp)
    sd x7, 7*8(sp)
    sd x8, 8*8(sp)
    sd x9, 9*8(sp)
    sd x10, 10*8(sp)
    sd x11, 11*8(sp)
    sd x12, 12*8(sp)
    sd x13, 13*8(sp)
    sd x14, 14*8(sp)
    sd x15, 15*8(sp)
    sd x16, 16*8(sp)
    sd x17, 17*8(sp)
    sd x18, 18*8(sp)
    sd x19, 19*8(sp)
    sd x20, 20*8(sp)
    sd x21, 21*8(sp)
    sd x22, 22*8(sp)
    sd x23, 23*8(sp)
    sd x24, 24*8(sp)
    sd x25, 25*8(sp)
    sd x26, 26*8(sp)
    sd x27, 27*8(sp)
    sd x28, 28*8(sp)
    sd x29, 29*8(sp)
    sd x30, 30*8(sp)
    sd x31, 31*8(sp)
    csrrw t0, mscratch, zero
    sd t0, 2*8(sp)
    mv a0, sp
    call m_trap
    j park

m_trap_nested:
    la sp, crash_stack_top
    call m_trap_nested_crash
    j park

    /* void lower_enter(a0, a1, fn, sp): mstatus/mepc are set; run fn(a0, a1) after mret. */
    .globl lower_enter
lower_enter:
    mv sp, a3
    mret

    .globl lower_trampoline, run_return
lower_trampoline:
    jalr a2
run_return:
    ecall

    /* The instruction slot: exec_insn writes one instruction here (then fence.i). */
    .align 3
    .globl insn_slot
insn_slot:
    .word 0x00000013
    .word 0x00008067

    /* HS and VS trap vectors: hand the trap to M, which reads the trap CSRs of HS or VS (trap.c). */
    .align 4
    .globl hs_trap_stub
hs_trap_stub:
    ecall
    .align 4
    .globl vs_trap_stub
vs_trap_stub:
    ecall

    /* setjmp/longjmp for the return from a lower mode: only ra, sp and s0-s11 matter. */
    .globl run_setjmp
run_setjmp:
    sd ra, 0*8(a0)
    sd sp, 1*8(a0)
    sd s0, 2*8(a0)
    sd s1, 3*8(a0)
    sd s2, 4*8(a0)
    sd s3, 5*8(a0)
    sd s4, 6*8(a0)
    sd s5, 7*8(a0)
    sd s6, 8*8(a0)
    sd s7, 9*8(a0)
    sd s8, 10*8(a0)
    sd s9, 11*8(a0)
    sd s10, 12*8(a0)
    sd s11, 13*8(a0)
    li a0, 0
    ret

    .globl run_longjmp
run_longjmp:
    ld ra, 0*8(a0)
    ld sp, 1*8(a0)
    ld s0, 2*8(a0)
    ld s1, 3*8(a0)
    ld s2, 4*8(a0)
    ld s3, 5*8(a0)
    ld s4, 6*8(a0)
    ld s5, 7*8(a0)
    ld s6, 8*8(a0)
    ld s7, 9*8(a0)
    ld s8, 10*8(a0)
    ld s9, 11*8(a0)
    ld s10, 12*8(a0)
    ld s11, 13*8(a0)
    li a0, 1
    ret

    .bss
    .align 4
    .space 16384
    .globl main_stack_top
main_stack_top:
    .space 8192
    .globl trap_stack_top
trap_stack_top:
    .space 4096
crash_stack_top:
    .space 16384
    .globl lower_stack_top
lower_stack_top:
