/*
 * SBI HSM extension (SBI spec v2.0 chapter 9) for the guest's vCPUs. The caller is always
 * started, so with one vCPU hart_start only ever finds it already running.
 */
#include "sbi.h"
#include "vcpu.h"

/* §9.3 table 33: suspend types. */
#define SUSPEND_RETENTIVE          0x00000000UL
#define SUSPEND_RESERVED_RET_LAST  0x0fffffffUL
#define SUSPEND_PLATFORM_RET_LAST  0x7fffffffUL
#define SUSPEND_NON_RETENTIVE      0x80000000UL
#define SUSPEND_RESERVED_NRET_LAST 0x8fffffffUL
#define SUSPEND_PLATFORM_NRET_LAST 0xffffffffUL

static long hart_status(const struct vcpu *v)
{
    switch (v->state) {
    case VCPU_STOPPED:
        return SBI_HSM_STOPPED;
    case VCPU_SUSPENDED:
        return SBI_HSM_SUSPENDED;
    default:
        return SBI_HSM_STARTED;
    }
}

static struct sbi_ret hart_suspend(unsigned long type)
{
    if (type > SUSPEND_PLATFORM_NRET_LAST)
        return (struct sbi_ret){SBI_ERR_INVALID_PARAM, 0};
    if (type == SUSPEND_RETENTIVE)
        /* Returning at once is a wake-up by an event, which §9.4 allows (like WFI). */
        return (struct sbi_ret){SBI_SUCCESS, 0};
    if ((type > SUSPEND_RETENTIVE && type <= SUSPEND_RESERVED_RET_LAST) ||
        (type > SUSPEND_NON_RETENTIVE && type <= SUSPEND_RESERVED_NRET_LAST))
        return (struct sbi_ret){SBI_ERR_INVALID_PARAM, 0};
    /* Non-retentive and platform-specific types are valid but not implemented. */
    return (struct sbi_ret){SBI_ERR_NOT_SUPPORTED, 0};
}

static struct sbi_ret hsm_handle(struct vcpu *v, unsigned long eid, unsigned long fid,
                                 const unsigned long *args)
{
    struct vm *vm = v->vm;
    (void)eid;

    switch (fid) {
    case SBI_HSM_HART_START:
        if (args[0] >= vm->nvcpus)
            return (struct sbi_ret){SBI_ERR_INVALID_PARAM, 0};
        if (vm->vcpu[args[0]].state != VCPU_STOPPED)
            return (struct sbi_ret){SBI_ERR_ALREADY_AVAILABLE, 0};
        /* Unreachable with one vCPU: only a stopped vCPU can be started. */
        return (struct sbi_ret){SBI_ERR_FAILED, 0};
    case SBI_HSM_HART_STOP:
        v->state = VCPU_STOPPED;
        vm_end(vm, VM_FAILED, "the guest stopped its last running hart (SBI HSM hart_stop)");
        return (struct sbi_ret){SBI_SUCCESS, 0};
    case SBI_HSM_HART_GET_STATUS:
        if (args[0] >= vm->nvcpus)
            return (struct sbi_ret){SBI_ERR_INVALID_PARAM, 0};
        return (struct sbi_ret){SBI_SUCCESS, hart_status(&vm->vcpu[args[0]])};
    case SBI_HSM_HART_SUSPEND:
        return hart_suspend(args[0]);
    default:
        return (struct sbi_ret){SBI_ERR_NOT_SUPPORTED, 0};
    }
}

const struct sbi_ext sbi_ext_hsm = {"hsm", SBI_EXT_HSM, SBI_EXT_HSM, false, hsm_handle};
