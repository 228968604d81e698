/*
 * The scheduler's pure parts: the round-robin choice (hypervisor/sched_pick.c) is fair (every
 * runnable vCPU runs before any runs twice, none that cannot run is picked) and the reset
 * state of a vCPU (hypervisor/vs_reset.c) is what the privileged spec and the SBI need.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "riscv/encoding.h"
#include "sched.h"
#include "vs_context.h"

static bool runnable_set[8];

static bool is_runnable(unsigned i, void *ctx)
{
    (void)ctx;
    return runnable_set[i];
}

static void test_round_robin(void **state)
{
    unsigned counts[8] = {0}, last = 0;
    (void)state;
    memset(runnable_set, 0, sizeof(runnable_set));
    assert_int_equal(sched_next(8, 0, is_runnable, NULL), -1);
    runnable_set[1] = runnable_set[4] = runnable_set[6] = true;
    for (int k = 0; k < 30; k++) {
        int i = sched_next(8, last, is_runnable, NULL);
        assert_true(i >= 0 && runnable_set[i]);
        counts[i]++;
        last = (unsigned)i;
    }
    assert_int_equal(counts[1], 10);
    assert_int_equal(counts[4], 10);
    assert_int_equal(counts[6], 10);
    /* The one that ran last is tried last: with only it runnable, it runs again. */
    memset(runnable_set, 0, sizeof(runnable_set));
    runnable_set[3] = true;
    assert_int_equal(sched_next(8, 3, is_runnable, NULL), 3);
    assert_int_equal(sched_next(1, 0, is_runnable, NULL), -1);
}

static void test_vs_reset(void **state)
{
    struct vs_state s;
    (void)state;
    memset(&s, 0xa5, sizeof(s));
    vs_reset(&s, ENVCFG_STCE | ENVCFG_CBZE, 0xc000000000000000UL);
    /* htimedelta has no reset value (§18.2.7): the SBI timer path needs guest time = host time */
    assert_int_equal(s.htimedelta, 0);
    assert_int_equal(s.vstimecmp, ~0UL);
    assert_int_equal(s.hvip, 0);
    assert_int_equal(s.vsie, 0);
    assert_int_equal(s.vsatp, 0); /* Linux's boot protocol: MMU off */
    assert_int_equal(s.vsstatus, 0);
    assert_int_equal(s.henvcfg, ENVCFG_STCE | ENVCFG_CBZE);
    assert_int_equal(s.hstateen0, 0xc000000000000000UL);
    assert_int_equal(s.scounteren, 7);
}

static void test_hstatus_built(void **state)
{
    (void)state;
    unsigned long h = vs_hstatus(false);
    assert_int_equal(h, HSTATUS_SPV | HSTATUS_SPVP | (2UL << 32));
    assert_int_equal(vs_hstatus(true), h | HSTATUS_VTW);
    unsigned long s = vs_sstatus(~0UL);
    assert_int_equal(s & SSTATUS_SIE, 0);
    /* The hypervisor's own SIE while the guest runs (vs_reset.c). */
    assert_int_equal(s & SSTATUS_SPIE, SSTATUS_SPIE);
    assert_int_equal(s & MSTATUS_FS, (unsigned long)FS_INITIAL << MSTATUS_FS_SHIFT);
    assert_int_equal(s & SSTATUS_SPP, SSTATUS_SPP);
    assert_int_equal(s & MSTATUS_UXL, MSTATUS_UXL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_round_robin),
            cmocka_unit_test(test_vs_reset),
            cmocka_unit_test(test_hstatus_built),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
