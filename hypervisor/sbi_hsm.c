/*
 * SBI HSM extension (SBI spec v2.0 chapter 9) for the guest's vCPUs, whether they have a host
 * hart each or share one: hart_start claims a stopped vCPU with compare-and-swap and kicks its
 * owner hart (vcpu.c); a stopped or suspended vCPU gives its hart to others (sched.c).
 */
#include "sbi.h"
#include "vcpu.h"

/* §9.4 table: suspend types (32 bits wide). */
#define SUSPEND_RETENTIVE          0x00000000UL
#define SUSPEND_NON_RETENTIVE      0x80000000UL
#define SUSPEND_PLATFORM_NRET_LAST 0xffffffffUL

static long hart_status(const struct vcpu *v)
{
    switch (hsm_load(&v->state)) {
    case VCPU_STOPPED:
        return SBI_HSM_STOPPED;
    case VCPU_START_PENDING:
    case VCPU_CLAIMED:
        return SBI_HSM_START_PENDING;
    case VCPU_SUSPENDED:
        return SBI_HSM_SUSPENDED;
    default:
        return SBI_HSM_STARTED;
    }
}

static struct sbi_ret hart_suspend(struct vcpu *v, unsigned long type)
{
    if (type > SUSPEND_PLATFORM_NRET_LAST)
        return (struct sbi_ret){SBI_ERR_INVALID_PARAM, 0};
    if (type == SUSPEND_RETENTIVE) {
        /* §9.4: like WFI, resumed by an interrupt, returning SUCCESS. */
        vcpu_wait_self(v);
        return (struct sbi_ret){SBI_SUCCESS, 0};
    }
    /* §9.4 errors: a reserved type, or a platform-specific one this SBI does not implement
     * (none), is INVALID_PARAM; the default non-retentive type is defined but not offered. */
    if (type == SUSPEND_NON_RETENTIVE)
        return (struct sbi_ret){SBI_ERR_NOT_SUPPORTED, 0};
    return (struct sbi_ret){SBI_ERR_INVALID_PARAM, 0};
}

/* §9.2: the calling hart stops; its vCPU's run loop ends (vcpu.c) and waits to be started. */
static struct sbi_ret hart_stop(struct vcpu *v)
{
    struct vm *vm = v->vm;
    vcpu_stop_self(v);
    for (unsigned i = 0; i < vm->nvcpus; i++)
        if (hsm_load(&vm->vcpu[i].state) != VCPU_STOPPED)
            return (struct sbi_ret){SBI_SUCCESS, 0};
    vm_end(vm, VM_FAILED, "the guest stopped its last running hart (SBI HSM hart_stop)");
    return (struct sbi_ret){SBI_SUCCESS, 0};
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
        /* §9.1: start_addr must be guest memory the hart can execute from. Whether the vCPU
         * is stopped is decided by vcpu_start's compare-and-swap, not by a separate check. */
        if (!guest_ram_ptr(vm, args[1], 2))
            return (struct sbi_ret){hsm_load(&vm->vcpu[args[0]].state) == VCPU_STOPPED
                                            ? SBI_ERR_INVALID_ADDRESS
                                            : SBI_ERR_ALREADY_AVAILABLE,
                                    0};
        return (struct sbi_ret){vcpu_start(&vm->vcpu[args[0]], args[1], args[2]), 0};
    case SBI_HSM_HART_STOP:
        return hart_stop(v);
    case SBI_HSM_HART_GET_STATUS:
        if (args[0] >= vm->nvcpus)
            return (struct sbi_ret){SBI_ERR_INVALID_PARAM, 0};
        return (struct sbi_ret){SBI_SUCCESS, hart_status(&vm->vcpu[args[0]])};
    case SBI_HSM_HART_SUSPEND:
        return hart_suspend(v, args[0]);
    default:
        return (struct sbi_ret){SBI_ERR_NOT_SUPPORTED, 0};
    }
}

const struct sbi_ext sbi_ext_hsm = {"hsm", SBI_EXT_HSM, SBI_EXT_HSM, false, hsm_handle};
