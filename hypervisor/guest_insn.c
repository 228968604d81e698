/* See guest_insn.h. */
#include "guest_insn.h"

#include "csr.h"
#include "guard.h"
#include "insn/insn.h"
#include "trap.h"
#include "vcpu.h"

static bool hlvx_hu(unsigned long addr, uint32_t *half, struct guest_insn *gi)
{
    *half = (uint32_t)guard_hlvx_hu(addr, &gi->cause);
    gi->addr = addr;
    return !gi->cause;
}

bool guest_insn_read(const struct vcpu *v, struct guest_insn *gi)
{
    unsigned long pc = v->ctx.sepc;
    uint32_t hi;

    gi->cause = 0;
    /* An aligned word never crosses a page, so one HLVX.WU reads any instruction there (the
     * upper half is dropped when the instruction is compressed). */
    if (!(pc & 3)) {
        gi->raw = (uint32_t)guard_hlvx_wu(pc, &gi->cause);
        gi->addr = pc;
        gi->len = insn_length(gi->raw);
        if (gi->len == 2)
            gi->raw &= 0xffff;
        return !gi->cause && gi->len != 0;
    }
    /* 2-byte aligned: a 32-bit instruction may straddle a page, so two halves. */
    if (!hlvx_hu(pc, &gi->raw, gi))
        return false;
    gi->len = insn_length(gi->raw);
    if (gi->len == 4) {
        if (!hlvx_hu(pc + 2, &hi, gi))
            return false;
        gi->raw |= hi << 16;
    }
    return gi->len != 0;
}

/*
 * The guest's translation of sepc changed since it fetched there (another vCPU, or a stale TLB
 * entry it has not fenced). Like KVM, the guest gets the fault instead of the run ending: the
 * instruction-fetch counterpart of the HLVX load fault, at the address that faulted (a G-stage
 * fault there means neither RAM nor a device, which the guest sees as an access fault,
 * §18.6.1).
 */
void guest_insn_fetch_fault(struct vcpu *v, const struct guest_insn *gi)
{
    unsigned long cause = gi->cause == EXC_LOAD_PAGE_FAULT ? EXC_INSN_PAGE_FAULT : EXC_INSN_ACCESS;
    inject_exception(v, cause, gi->addr);
}
