/*
 * Exceptions the hypervisor hands to the guest, written the way a trap into VS-mode would be
 * (privileged spec §18.6.4 / §12.1.1): vsepc, vscause, vstval, vsstatus.SPP/SPIE/SIE, then
 * continue at vstvec (exceptions always go to its base, §12.1.2).
 */
#include "atomic.h"
#include "csr.h"
#include "guard.h"
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

/* The trapping instruction is WFI: from stval when the implementation fills it in (§18.6.1
 * lets it be 0), else read as the guest fetched it (two HLVX.HU: it may be 2-byte aligned). */
static bool is_wfi(const struct vcpu *v, const struct trap_info *t)
{
    unsigned long lo_cause, hi_cause;
    if (t->stval)
        return t->stval == INSN_WFI;
    unsigned long lo = guard_hlvx_hu(v->ctx.sepc, &lo_cause);
    unsigned long hi = guard_hlvx_hu(v->ctx.sepc + 2, &hi_cause);
    return !lo_cause && !hi_cause && (lo | hi << 16) == INSN_WFI;
}

/*
 * Virtual-instruction exceptions (cause 22, §18.6.1). WFI with hstatus.VTW=1 (§18.2.1, set
 * when vCPUs share a hart): the vCPU waits for an interrupt and gives its hart to others
 * (sched.c). Anything else is something the hypervisor keeps from the guest (the H extension,
 * stimecmp without Sstc, ...): real hardware without that feature raises an illegal-instruction
 * exception, so that is what the guest gets; stval holds the instruction bits when the
 * implementation provides them, as for cause 2.
 */
void inject_handle_virtual_insn(struct vcpu *v, const struct trap_info *t)
{
    if (is_wfi(v, t)) {
        v->ctx.sepc += 4;
        vcpu_wait_self(v);
        return;
    }
    inject_exception(v, EXC_ILLEGAL_INSN, t->stval);
}
