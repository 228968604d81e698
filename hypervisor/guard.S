/*
 * Accesses that may trap, done with a temporary trap vector that records the cause instead of
 * treating the trap as a hypervisor bug: probing CSRs that may not exist, and reading guest
 * memory with HLV/HLVX (the guest's page tables may not map the address).
 *
 * Each function returns the value read and stores scause (0: no trap) through its last
 * pointer argument. guard_vector skips the 4-byte instruction that trapped. For HLV/HLVX,
 * guard_vector_hlv also clears hstatus.SPV, so that its sret returns to HS-mode: a trap the
 * firmware takes and redirects here (OpenSBI 1.1 does that for a load access fault, which it
 * does not delegate) can leave SPV as the last guest entry set it. (Only there: where H is
 * absent, touching hstatus would trap again.) guest_enter restores hstatus before the guest
 * runs again.
 */
    .option arch, +h
    .section .text

.macro GUARD_BEGIN vector=guard_vector
    la      t0, \vector
    csrrw   t0, stvec, t0
    li      t1, 0
.endm

.macro GUARD_END out
    csrw    stvec, t0
    sd      t1, 0(\out)
    ret
.endm

    .balign 4
guard_vector_hlv:
    li      t2, 1 << 7          /* hstatus.SPV */
    csrc    hstatus, t2
    .balign 4
guard_vector:
    csrr    t1, scause
    csrr    t2, sepc
    addi    t2, t2, 4
    csrw    sepc, t2
    sret

/* unsigned long guard_hlvx_hu(unsigned long gva, unsigned long *scause) */
    .globl guard_hlvx_hu
guard_hlvx_hu:
    GUARD_BEGIN guard_vector_hlv
    .option push
    .option norvc
    hlvx.hu a0, (a0)
    .option pop
    GUARD_END a1

/* unsigned long guard_hlvx_wu(unsigned long gva, unsigned long *scause): gva 4-byte aligned */
    .globl guard_hlvx_wu
guard_hlvx_wu:
    GUARD_BEGIN guard_vector_hlv
    .option push
    .option norvc
    hlvx.wu a0, (a0)
    .option pop
    GUARD_END a1

/* unsigned long guard_hlv_d(unsigned long gva, unsigned long *scause) */
    .globl guard_hlv_d
guard_hlv_d:
    GUARD_BEGIN guard_vector_hlv
    .option push
    .option norvc
    hlv.d   a0, (a0)
    .option pop
    GUARD_END a1

/* unsigned long guard_read_hstatus(unsigned long *scause): traps where H is absent. */
    .globl guard_read_hstatus
guard_read_hstatus:
    mv      a2, a0
    GUARD_BEGIN
    li      a0, 0
    .option push
    .option norvc
    csrr    a0, hstatus
    .option pop
    GUARD_END a2

/* unsigned long guard_write_henvcfg(unsigned long val, unsigned long *scause): writes henvcfg
 * and returns what reads back (its WARL fields show which features exist). */
    .globl guard_write_henvcfg
guard_write_henvcfg:
    GUARD_BEGIN
    .option push
    .option norvc
    csrw    henvcfg, a0
    csrr    a0, henvcfg
    .option pop
    GUARD_END a1

/* unsigned long guard_read_instret(unsigned long *scause): traps unless M-mode lets S-mode read
 * the counter (mcounteren.IR). */
    .globl guard_read_instret
guard_read_instret:
    mv      a2, a0
    GUARD_BEGIN
    li      a0, 0
    .option push
    .option norvc
    csrr    a0, instret
    .option pop
    GUARD_END a2

/* unsigned long guard_read_senvcfg(unsigned long *scause): traps before privileged spec 1.12.
 * CSR numbers (senvcfg 0x10a, hstateen0 0x60c) for assemblers that lack the names. */
    .globl guard_read_senvcfg
guard_read_senvcfg:
    mv      a2, a0
    GUARD_BEGIN
    li      a0, 0
    .option push
    .option norvc
    csrr    a0, 0x10a
    .option pop
    GUARD_END a2

/* unsigned long guard_write_hstateen0(unsigned long val, unsigned long *scause): traps without
 * Smstateen (or when M-mode's mstateen0 keeps it from HS-mode); returns what reads back. */
    .globl guard_write_hstateen0
guard_write_hstateen0:
    GUARD_BEGIN
    .option push
    .option norvc
    csrw    0x60c, a0
    csrr    a0, 0x60c
    .option pop
    GUARD_END a1
