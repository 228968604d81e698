/*
 * SBI v0.1 legacy extensions (SBI spec v2.0 chapter 5), EIDs 0x00-0x08. Each EID is its own
 * call; the result is in a0 only. Hart masks are pointers into the guest's virtual memory.
 */
#include "csr.h"
#include "sbi.h"
#include "vcpu.h"

/* vCPU set from a legacy hart-mask pointer; 0 means every hart (§5.5). */
static long legacy_mask(struct vcpu *v, unsigned long mask_va, unsigned long *vcpus)
{
    unsigned long mask;

    if (!mask_va)
        return sbi_hart_mask(v->vm, 0, (unsigned long)-1, vcpus);
    if (!guest_read_ulong(v, mask_va, &mask))
        return SBI_ERR_INVALID_ADDRESS;
    return sbi_hart_mask(v->vm, mask, 0, vcpus);
}

static struct sbi_ret legacy_handle(struct vcpu *v, unsigned long eid, unsigned long fid,
                                    const unsigned long *args)
{
    unsigned long targets = 0;
    long err = SBI_SUCCESS;
    (void)fid;

    switch (eid) {
    case SBI_EXT_LEGACY_SET_TIMER:
        vtimer_set(v, args[0]);
        break;
    case SBI_EXT_LEGACY_PUTCHAR:
        guest_console_putc(v->vm, (char)(args[0] & 0xff));
        break;
    case SBI_EXT_LEGACY_GETCHAR:
        return (struct sbi_ret){host_getchar(), 0};
    case SBI_EXT_LEGACY_CLEAR_IPI:
        vcpu_clear_pending(v, MIP_VSSIP);
        break;
    case SBI_EXT_LEGACY_SEND_IPI:
        err = legacy_mask(v, args[0], &targets);
        if (!err)
            vcpu_send_ipi(v, targets);
        break;
    case SBI_EXT_LEGACY_FENCE_I:
        err = legacy_mask(v, args[0], &targets);
        if (!err && targets)
            vcpu_fence_i(v, targets);
        break;
    case SBI_EXT_LEGACY_SFENCE_VMA:
    case SBI_EXT_LEGACY_SFENCE_ASID:
        err = legacy_mask(v, args[0], &targets);
        if (!err)
            err = sbi_remote_sfence_vma(v, targets, args[1], args[2],
                                        eid == SBI_EXT_LEGACY_SFENCE_ASID, args[3]);
        break;
    case SBI_EXT_LEGACY_SHUTDOWN:
        sbi_system_reset(v, SBI_SRST_SHUTDOWN, SBI_SRST_REASON_NONE);
        break;
    default:
        err = SBI_ERR_NOT_SUPPORTED;
    }
    return (struct sbi_ret){err, 0};
}

const struct sbi_ext sbi_ext_legacy = {"legacy", SBI_EXT_LEGACY_SET_TIMER, SBI_EXT_LEGACY_SHUTDOWN,
                                       true, legacy_handle};
