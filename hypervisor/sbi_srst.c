/* SBI SRST extension (SBI spec v2.0 chapter 10): how the guest powers off or reboots. */
#include "fmt.h"
#include "sbi.h"
#include "vcpu.h"

static void end(struct vcpu *v, enum vm_end how, const char *what)
{
    char reason[VM_REASON_LEN];
    fmt_snprintf(reason, sizeof(reason), "guest%u %s", v->vm->id, what);
    vm_end(v->vm, how, reason);
}

void sbi_system_reset(struct vcpu *v, unsigned long type, unsigned long reason)
{
    if (type == SBI_SRST_SHUTDOWN) {
        if (reason == SBI_SRST_REASON_FAIL)
            end(v, VM_FAILED, "shut down with reason 'system failure'");
        else
            end(v, VM_POWEROFF, "powered off");
    } else if (v->vm->opt->reboot == OPT_REBOOT_POWEROFF) {
        end(v, reason == SBI_SRST_REASON_FAIL ? VM_FAILED : VM_POWEROFF,
            reason == SBI_SRST_REASON_FAIL ? "rebooted with reason 'system failure'"
                                           : "rebooted (hext.reboot=poweroff)");
    } else {
        vm_end(v->vm, VM_REBOOT, type == SBI_SRST_COLD_REBOOT ? "cold reboot" : "warm reboot");
    }
}

static struct sbi_ret srst_handle(struct vcpu *v, unsigned long eid, unsigned long fid,
                                  const unsigned long *args)
{
    unsigned long type = args[0], reason = args[1];
    (void)eid;

    if (fid != SBI_SRST_RESET)
        return (struct sbi_ret){SBI_ERR_NOT_SUPPORTED, 0};
    /* §10.1 errors: a reserved or platform-specific type or reason this SBI does not
     * implement (it implements none) is INVALID_PARAM. */
    if (type > SBI_SRST_WARM_REBOOT || reason > SBI_SRST_REASON_FAIL)
        return (struct sbi_ret){SBI_ERR_INVALID_PARAM, 0};
    sbi_system_reset(v, type, reason);
    return (struct sbi_ret){SBI_SUCCESS, 0};
}

const struct sbi_ext sbi_ext_srst = {"srst", SBI_EXT_SRST, SBI_EXT_SRST, false, srst_handle};
