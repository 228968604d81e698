/*
 * SBI RFENCE extension (SBI spec v2.0 chapter 8). The guest's sfence.vma is an hfence.vvma
 * for its VMID, done on every target vCPU's hart before the call returns (vcpu.c).
 */
#include "sbi.h"
#include "vcpu.h"

static struct sbi_ret rfence_handle(struct vcpu *v, unsigned long eid, unsigned long fid,
                                    const unsigned long *args)
{
    unsigned long targets;
    (void)eid;

    if (fid > SBI_RFENCE_HFENCE_LAST)
        return (struct sbi_ret){SBI_ERR_NOT_SUPPORTED, 0};
    long err = sbi_hart_mask(v->vm, args[0], args[1], &targets);
    if (err)
        return (struct sbi_ret){err, 0};
    /* §8.4-8.7: the guest has no H extension, so the HFENCE functions are not supported. */
    if (fid > SBI_RFENCE_SFENCE_VMA_ASID)
        return (struct sbi_ret){SBI_ERR_NOT_SUPPORTED, 0};
    if (fid != SBI_RFENCE_FENCE_I)
        return (struct sbi_ret){sbi_remote_sfence_vma(v, targets, args[2], args[3],
                                                      fid == SBI_RFENCE_SFENCE_VMA_ASID, args[4]),
                                0};
    if (targets)
        vcpu_fence_i(v, targets);
    return (struct sbi_ret){SBI_SUCCESS, 0};
}

const struct sbi_ext sbi_ext_rfence = {"rfence", SBI_EXT_RFENCE, SBI_EXT_RFENCE, false,
                                       rfence_handle};
