/* Guest-virtual memory reads on the guest's behalf, translated by the hardware (HLV, §18.3.1):
 * the guest's current satp, privilege (hstatus.SPVP) and the G-stage table all apply. */
#include "guard.h"
#include "vcpu.h"

bool guest_read_ulong(struct vcpu *v, unsigned long gva, unsigned long *out)
{
    unsigned long cause;
    (void)v;
    if (gva & 7)
        return false;
    *out = guard_hlv_d(gva, &cause);
    return cause == 0;
}
