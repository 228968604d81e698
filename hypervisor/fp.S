/*
 * The guest's FP registers and fcsr, saved and restored when a hart switches vCPUs (sched.c,
 * lazily: only when sstatus.FS says the state changed). The hypervisor itself is built without
 * F/D; sstatus.FS is made non-Off for the access (§3.1.6.6) and put back.
 */
    .option arch, +d
    .section .text

.macro FP_ENABLE
    li      t0, 3 << 13
    csrrs   t1, sstatus, t0
.endm

/* void fp_save(struct fp_state *f) */
    .globl fp_save
fp_save:
    FP_ENABLE
    .irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    fsd     f\n, \n*8(a0)
    .endr
    frcsr   t2
    sd      t2, 32*8(a0)
    csrw    sstatus, t1
    ret

/* void fp_restore(const struct fp_state *f) */
    .globl fp_restore
fp_restore:
    FP_ENABLE
    .irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    fld     f\n, \n*8(a0)
    .endr
    ld      t2, 32*8(a0)
    fscsr   t2
    csrw    sstatus, t1
    ret
