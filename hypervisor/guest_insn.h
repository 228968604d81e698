/*
 * The instruction a guest trapped on, read as the guest fetches it (HLVX: its own translation
 * and privilege, execute permission, §18.3.1), for exits whose CSRs do not say enough: device
 * accesses without a transformed htinst (mmio.c) and virtual-instruction exceptions
 * (inject.c), whose stval §18.6.1 lets be 0 and which QEMU 7.2 leaves stale after HLV/HSV.
 */
#ifndef HEXT_HYP_GUEST_INSN_H
#define HEXT_HYP_GUEST_INSN_H

#include <stdbool.h>
#include <stdint.h>

struct vcpu;

struct guest_insn {
    uint32_t raw;              /* 16 or 32 bits */
    unsigned len;              /* 2 or 4 */
    unsigned long cause, addr; /* when the read faulted: the HS-mode trap HLVX took, where */
};

/* Reads the instruction at the vCPU's sepc; false if that faults (gi->cause != 0) or it is
 * longer than 32 bits (gi->cause == 0). */
bool guest_insn_read(const struct vcpu *v, struct guest_insn *gi);
/* After a faulting read: the guest gets the fault its own fetch would have raised. */
void guest_insn_fetch_fault(struct vcpu *v, const struct guest_insn *gi);

#endif
