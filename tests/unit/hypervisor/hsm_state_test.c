/*
 * HSM state transitions (hypervisor/hsm_state.c) with real threads: several harts start the
 * same stopped vCPU at once, round after round. Exactly one start may win each round, and the
 * vCPU must end up claimed, never stopped (the check-then-store code before hsm_state.c let
 * two starts pass the STOPPED check; the loser's failure path then marked the vCPU STOPPED).
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "hsm_state.h"

#define STARTERS 4
#define ROUNDS   5000

static enum vcpu_state state = VCPU_STOPPED;
static pthread_barrier_t barrier;
static unsigned wins[ROUNDS];

static void *starter(void *arg)
{
    (void)arg;
    for (int r = 0; r < ROUNDS; r++) {
        pthread_barrier_wait(&barrier);
        if (hsm_transition(&state, VCPU_STOPPED, VCPU_CLAIMED))
            __atomic_fetch_add(&wins[r], 1, __ATOMIC_RELAXED);
        pthread_barrier_wait(&barrier);
        if (hsm_load(&state) != VCPU_CLAIMED)
            __atomic_fetch_add(&wins[r], 100, __ATOMIC_RELAXED);
        pthread_barrier_wait(&barrier);
        /* Between rounds one thread stops the vCPU again, as hart_stop would. */
        if (arg == 0)
            hsm_store(&state, VCPU_STOPPED);
    }
    return NULL;
}

static void test_racing_starts(void **state_)
{
    pthread_t t[STARTERS];
    (void)state_;
    pthread_barrier_init(&barrier, NULL, STARTERS);
    for (intptr_t i = 0; i < STARTERS; i++)
        assert_int_equal(pthread_create(&t[i], NULL, starter, (void *)i), 0);
    for (int i = 0; i < STARTERS; i++)
        pthread_join(t[i], NULL);
    for (int r = 0; r < ROUNDS; r++)
        assert_int_equal(wins[r], 1);
}

static void test_transitions(void **state_)
{
    enum vcpu_state s = VCPU_STARTED;
    (void)state_;
    assert_false(hsm_transition(&s, VCPU_STOPPED, VCPU_CLAIMED));
    assert_int_equal(s, VCPU_STARTED);
    hsm_store(&s, VCPU_STOPPED);
    assert_true(hsm_transition(&s, VCPU_STOPPED, VCPU_CLAIMED));
    assert_int_equal(hsm_load(&s), VCPU_CLAIMED);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_transitions),
            cmocka_unit_test(test_racing_starts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
