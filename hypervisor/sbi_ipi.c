/* SBI IPI extension (SBI spec v2.0 chapter 7): a supervisor software interrupt is VSSIP. */
#include "sbi.h"
#include "vcpu.h"

static struct sbi_ret ipi_handle(struct vcpu *v, unsigned long eid, unsigned long fid,
                                 const unsigned long *args)
{
    unsigned long targets;
    (void)eid;

    if (fid != SBI_IPI_SEND_IPI)
        return (struct sbi_ret){SBI_ERR_NOT_SUPPORTED, 0};
    long err = sbi_hart_mask(v->vm, args[0], args[1], &targets);
    if (err)
        return (struct sbi_ret){err, 0};
    vcpu_send_ipi(v, targets);
    return (struct sbi_ret){SBI_SUCCESS, 0};
}

const struct sbi_ext sbi_ext_ipi = {"ipi", SBI_EXT_IPI, SBI_EXT_IPI, false, ipi_handle};
