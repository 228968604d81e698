/* See hsm_state.h. */
#include "hsm_state.h"

bool hsm_transition(enum vcpu_state *s, enum vcpu_state from, enum vcpu_state to)
{
    return __atomic_compare_exchange_n(s, &from, to, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE);
}

enum vcpu_state hsm_load(const enum vcpu_state *s)
{
    return __atomic_load_n(s, __ATOMIC_ACQUIRE);
}

void hsm_store(enum vcpu_state *s, enum vcpu_state to)
{
    __atomic_store_n(s, to, __ATOMIC_RELEASE);
}
