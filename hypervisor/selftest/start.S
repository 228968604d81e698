/*
 * Self-test guest: a bare-metal S-mode program the hypervisor runs instead of Linux
 * (make hyp-selftest). Entry at guest-physical 0x80200000, a0 = hartid, a1 = DTB.
 */
#include "../guest_start.inc"

    .section .text.start, "ax"
    .globl _start
_start:
    GUEST_START selftest_main, trap_entry

/* Exceptions: record scause/stval/sepc for the C checks, resume at the address the check set
 * (expect_resume), since a faulting instruction fetch has no instruction to skip. */
    .balign 4
trap_entry:
    csrr    t0, scause
    la      t1, trap_scause
    sd      t0, 0(t1)
    csrr    t0, stval
    la      t1, trap_stval
    sd      t0, 0(t1)
    csrr    t0, sepc
    la      t1, trap_sepc
    sd      t0, 0(t1)
    la      t1, expect_resume
    ld      t0, 0(t1)
    csrw    sepc, t0
    sret

/* Probes for the checks in selftest.c: one instruction each, so the compiler cannot move it
 * away from where the trap handler resumes. They return the loaded value (probe_load) or 0. */
    .globl probe_load, probe_store, probe_lh, probe_amoadd, call_at, mmio_c_sw_lw
probe_load:
    la      t0, 1f
    la      t1, expect_resume
    sd      t0, 0(t1)
    ld      a0, 0(a0)
1:  ret

probe_store:
    la      t0, 1f
    la      t1, expect_resume
    sd      t0, 0(t1)
    sw      zero, 0(a0)
1:  li      a0, 0
    ret

probe_lh:
    la      t0, 1f
    la      t1, expect_resume
    sd      t0, 0(t1)
    lh      a0, 0(a0)
1:  ret

probe_amoadd:
    la      t0, 1f
    la      t1, expect_resume
    sd      t0, 0(t1)
    amoadd.w a0, zero, (a0)
1:  ret

call_at:
    la      t0, 1f
    la      t1, expect_resume
    sd      t0, 0(t1)
    mv      t2, ra
    mv      t3, a0
    mv      a0, a1
    jalr    t3
1:  mv      ra, t2
    ret

/* C.SW then C.LW (compressed forms take x8-x15: a4, a5, a0). */
mmio_c_sw_lw:
    mv      a4, a0
    mv      a5, a1
    .option push
    .option rvc
    c.sw    a5, 0(a4)
    c.lw    a0, 0(a4)
    .option pop
    ret

/* stale_fetch.c maps this page alone at a virtual address of its own. */
    .section .text.stale, "ax"
    .balign 4096
    .globl stale_page
stale_page:
    .option push
    .option norvc
    lw      a0, 0(a0)
    ret
    .option pop
    .balign 4096

    .section .bss
    .balign 16
    .space  8192
stack_top:
