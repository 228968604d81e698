/*
 * A vCPU's SBI HSM state (SBI spec v2.0 §9, table 31) and its transitions, each one
 * compare-and-swap: two harts that start the same stopped vCPU at once cannot both win (the
 * loser gets ALREADY_AVAILABLE, and never marks the running vCPU stopped). Pure C, host-tested
 * with threads.
 *
 * STOPPED -> CLAIMED (the winner of hart_start writes start_addr/opaque) -> START_PENDING
 * (published with release; the owner hart resets the vCPU) -> STARTED.
 */
#ifndef HEXT_HYP_HSM_STATE_H
#define HEXT_HYP_HSM_STATE_H

#include <stdbool.h>

enum vcpu_state {
    VCPU_STARTED,
    VCPU_STOPPED,
    VCPU_START_PENDING,
    VCPU_SUSPENDED = 4,
    VCPU_CLAIMED = 16 /* not an SBI state: reported as START_PENDING */
};

/* Atomically from -> to; false (state unchanged) when it was not from. */
bool hsm_transition(enum vcpu_state *s, enum vcpu_state from, enum vcpu_state to);
enum vcpu_state hsm_load(const enum vcpu_state *s);
/* Unconditional (the owner hart stopping its vCPU). */
void hsm_store(enum vcpu_state *s, enum vcpu_state to);

#endif
