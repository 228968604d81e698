/*
 * Guest exit dispatch: cause -> handler. Adding a cause is one line in a table.
 * Causes not listed here are delegated to the guest (hedeleg/hideleg, vcpu.c) or are errors.
 */
#include "trap.h"
#include "atomic.h"

#include "console.h"
#include "csr.h"
#include "fmt.h"
#include "sbi.h"
#include "stats.h"
#include "vcpu.h"
#include "verdict.h"

typedef void (*exit_handler)(struct vcpu *v, const struct trap_info *t);

static void handle_ecall(struct vcpu *v, const struct trap_info *t)
{
    (void)t;
    sbi_dispatch(v);
}

static const exit_handler exception_handlers[EXC_COUNT] = {
        [EXC_ECALL_VS] = handle_ecall,
        [EXC_INSN_GUEST_PAGE_FAULT] = mmio_handle_guest_fault,
        [EXC_LOAD_GUEST_PAGE_FAULT] = mmio_handle_guest_fault,
        [EXC_STORE_GUEST_PAGE_FAULT] = mmio_handle_guest_fault,
        [EXC_VIRTUAL_INSN] = inject_handle_virtual_insn,
};

static const exit_handler interrupt_handlers[IRQ_COUNT] = {
        [IRQ_SSI] = vcpu_handle_host_ipi,
        [IRQ_STI] = timer_handle_irq,
};

void trap_handle_exit(struct vcpu *v)
{
    struct trap_info t = {csr_read(scause), csr_read(stval), csr_read(htval), csr_read(htinst)};
    unsigned long code = t.scause & ~CAUSE_INTERRUPT;
    exit_handler h = 0;

    if (t.scause & CAUSE_INTERRUPT) {
        if (code < IRQ_COUNT) {
            ATOMIC_INC(stats.interrupts[code]);
            h = interrupt_handlers[code];
        }
    } else if (code < EXC_COUNT) {
        ATOMIC_INC(stats.exceptions[code]);
        h = exception_handlers[code];
    }
    if (h)
        h(v, &t);
    else
        trap_unhandled(v, &t, "no handler for this cause");
}

void trap_unhandled(struct vcpu *v, const struct trap_info *t, const char *why)
{
    char reason[VM_REASON_LEN];
    fmt_snprintf(reason, sizeof(reason),
                 "guest%u trap the hypervisor cannot handle (%s): scause 0x%lx sepc 0x%lx "
                 "stval 0x%lx htval 0x%lx htinst 0x%lx",
                 v->vm->id, why, t->scause, v->ctx.sepc, t->stval, t->htval, t->htinst);
    vm_end(v->vm, VM_FAILED, reason);
}

void hyp_fault(void)
{
    char reason[VM_REASON_LEN];
    console_force_unlock();
    fmt_snprintf(reason, sizeof(reason),
                 "trap in the hypervisor itself: scause 0x%lx sepc 0x%lx stval 0x%lx",
                 csr_read(scause), csr_read(sepc), csr_read(stval));
    verdict_fail_and_poweroff(reason);
}
