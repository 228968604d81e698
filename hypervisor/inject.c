/*
 * Exceptions the hypervisor hands to the guest, written the way a trap into VS-mode would be
 * (privileged spec §18.6.4 / §12.1.1): vsepc, vscause, vstval, vsstatus.SPP/SPIE/SIE, then
 * continue at vstvec (exceptions always go to its base, §12.1.2).
 */
#include "atomic.h"
#include "csr.h"
#include "guest_insn.h"
#include "stats.h"
#include "trap.h"
#include "vcpu.h"

#define VSTATUS_SPP_SHIFT 8

void inject_exception(struct vcpu *v, unsigned long cause, unsigned long tval)
{
    unsigned long vsstatus = csr_read(vsstatus);
    /* The trap into HS recorded the guest's mode in sstatus.SPP (1: VS, 0: VU). */
    unsigned long from_vs = v->ctx.sstatus & SSTATUS_SPP ? 1 : 0;

    vsstatus &= ~(SSTATUS_SPP | SSTATUS_SPIE | SSTATUS_SIE);
    vsstatus |= from_vs << VSTATUS_SPP_SHIFT;
    if (csr_read(vsstatus) & SSTATUS_SIE)
        vsstatus |= SSTATUS_SPIE;
    csr_write(vsstatus, vsstatus);
    csr_write(vscause, cause);
    csr_write(vstval, tval);
    csr_write(vsepc, v->ctx.sepc);
    v->ctx.sepc = csr_read(vstvec) & ~3UL;
    v->ctx.sstatus |= SSTATUS_SPP; /* the handler runs in VS-mode */
    ATOMIC_INC(stats.injected_faults);
}

#define INSN_WFI 0x10500073u

/*
 * Virtual-instruction exceptions (cause 22, §18.6.1). WFI with hstatus.VTW=1 (§18.2.1, set
 * when vCPUs share a hart): the vCPU waits for an interrupt and gives its hart to others
 * (sched.c). Anything else is something the hypervisor keeps from the guest (the H extension,
 * stimecmp without Sstc, ...): real hardware without that feature raises an illegal-instruction
 * exception, so that is what the guest gets, with the instruction's bits in stval (allowed for
 * cause 2, §12.1.11 "stval"). The instruction is read back rather than taken from stval, which
 * may be 0 and on QEMU 7.2 is stale after HLV/HSV (the bits of an earlier instruction).
 */
void inject_handle_virtual_insn(struct vcpu *v, const struct trap_info *t)
{
    struct guest_insn gi;
    (void)t;
    if (!guest_insn_read(v, &gi)) {
        if (gi.cause)
            guest_insn_fetch_fault(v, &gi);
        else
            inject_exception(v, EXC_ILLEGAL_INSN, 0);
        return;
    }
    if (gi.raw == INSN_WFI) {
        v->ctx.sepc += 4;
        vcpu_wait_self(v);
        return;
    }
    inject_exception(v, EXC_ILLEGAL_INSN, gi.raw);
}
