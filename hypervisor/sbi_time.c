/* SBI TIME extension (SBI spec v2.0 chapter 6): the guest's timer, see timer.c. */
#include "sbi.h"
#include "vcpu.h"

static struct sbi_ret time_handle(struct vcpu *v, unsigned long eid, unsigned long fid,
                                  const unsigned long *args)
{
    (void)eid;
    if (fid != SBI_TIME_SET_TIMER)
        return (struct sbi_ret){SBI_ERR_NOT_SUPPORTED, 0};
    vtimer_set(v, args[0]);
    return (struct sbi_ret){SBI_SUCCESS, 0};
}

const struct sbi_ext sbi_ext_time = {"time", SBI_EXT_TIME, SBI_EXT_TIME, false, time_handle};
