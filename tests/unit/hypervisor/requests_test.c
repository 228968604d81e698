/*
 * The request mailbox (hypervisor/requests.c) with real threads: posters change a "page table"
 * entry, post a fence and wait for it; the owner thread's fence copies the table into its
 * "TLB". A poster whose wait ended must find its own change in the TLB: the fence it waited
 * for was done after its post.
 *
 * The code before requests.c cleared the bits after doing the work and counted a fence done
 * when its bit was gone, so a post between the work and the clear was lost and its wait
 * satisfied by the earlier flush. test_post_during_work replays exactly that interleaving (it
 * fails against the old protocol every time; the threaded run hits the window only rarely on
 * a loaded 2-core host, so it stresses the new protocol rather than proving the old one wrong).
 */
#include <pthread.h>
#include <sched.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "requests.h"

#define POSTERS   3
#define ROUNDS    20000
#define REQ_FENCE 1u
#define REQ_OTHER 2u

static struct requests req;
static unsigned long table[POSTERS], tlb[POSTERS];
static int stop;
static unsigned long stale;

static void *owner(void *arg)
{
    (void)arg;
    while (!__atomic_load_n(&stop, __ATOMIC_ACQUIRE)) {
        if (!requests_waiting(&req)) {
            sched_yield();
            continue;
        }
        uint64_t gen;
        unsigned bits = requests_take(&req, &gen);
        if (bits & REQ_FENCE)
            for (int i = 0; i < POSTERS; i++)
                __atomic_store_n(&tlb[i], __atomic_load_n(&table[i], __ATOMIC_ACQUIRE),
                                 __ATOMIC_RELEASE);
        sched_yield(); /* a real fence takes time: posts land meanwhile */
        requests_finish(&req, gen);
    }
    return NULL;
}

static void *poster(void *arg)
{
    int me = (int)(intptr_t)arg;
    for (unsigned long k = 1; k <= ROUNDS; k++) {
        __atomic_store_n(&table[me], k, __ATOMIC_RELEASE);
        sched_yield(); /* the guest's SBI call comes a while after its page-table store */
        uint64_t gen = requests_post(&req, REQ_FENCE);
        while (!requests_done(&req, gen))
            sched_yield();
        if (__atomic_load_n(&tlb[me], __ATOMIC_ACQUIRE) < k)
            __atomic_fetch_add(&stale, 1, __ATOMIC_RELAXED);
    }
    return NULL;
}

static void test_fences_with_threads(void **state)
{
    pthread_t o, p[POSTERS];
    (void)state;
    assert_int_equal(pthread_create(&o, NULL, owner, NULL), 0);
    for (int i = 0; i < POSTERS; i++)
        assert_int_equal(pthread_create(&p[i], NULL, poster, (void *)(intptr_t)i), 0);
    for (int i = 0; i < POSTERS; i++)
        pthread_join(p[i], NULL);
    __atomic_store_n(&stop, 1, __ATOMIC_RELEASE);
    pthread_join(o, NULL);
    assert_int_equal(stale, 0);
    assert_true(req.done == req.posted);
    assert_int_equal(req.posted, POSTERS * ROUNDS);
}

/* A post that lands between the owner's take and its finish is neither lost nor done. */
static void test_post_during_work(void **state)
{
    struct requests r = {0};
    uint64_t gen;
    (void)state;
    assert_false(requests_waiting(&r));
    uint64_t a = requests_post(&r, REQ_FENCE);
    assert_int_equal(requests_take(&r, &gen), REQ_FENCE);
    uint64_t b = requests_post(&r, REQ_OTHER);
    requests_finish(&r, gen);
    assert_true(requests_done(&r, a));
    assert_false(requests_done(&r, b));
    assert_true(requests_waiting(&r));
    assert_int_equal(requests_take(&r, &gen), REQ_OTHER);
    requests_finish(&r, gen);
    assert_true(requests_done(&r, b));
    assert_false(requests_waiting(&r));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_post_during_work),
            cmocka_unit_test(test_fences_with_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
