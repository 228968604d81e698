/*
 * Guest exits: trap.c reads the trap CSRs once into struct trap_info and calls the handler
 * registered for the cause in its tables. Handlers live with their concern (sbi.c, mmio.c,
 * timer.c, inject.c).
 */
#ifndef HEXT_HYP_TRAP_H
#define HEXT_HYP_TRAP_H

struct vcpu;

struct trap_info {
    unsigned long scause, stval, htval, htinst;
};

void trap_handle_exit(struct vcpu *v);
/* Ends the run with FAIL, naming the trap and the CSRs that describe it. */
void trap_unhandled(struct vcpu *v, const struct trap_info *t, const char *why);
/* A trap taken in the hypervisor itself (trap_vector.S): report and power off. */
__attribute__((noreturn)) void hyp_fault(void);

/* Handlers (one per concern). */
void mmio_handle_guest_fault(struct vcpu *v, const struct trap_info *t);
void timer_handle_irq(struct vcpu *v, const struct trap_info *t);
void vcpu_handle_host_ipi(struct vcpu *v, const struct trap_info *t);
void inject_handle_virtual_insn(struct vcpu *v, const struct trap_info *t);
/* Delivers an exception to the guest's own trap handler (vstvec), as hardware would. */
void inject_exception(struct vcpu *v, unsigned long cause, unsigned long tval);

#endif
