/* Threads: a mutex keeps a shared counter exact; a raw futex wait is woken by a futex wake. */
#define _GNU_SOURCE
#include "checks.h"

#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

enum { THREADS = 4, INCREMENTS = 200 };

static pthread_mutex_t counter_lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static void *increment(void *arg)
{
    (void)arg;
    for (int i = 0; i < INCREMENTS; i++) {
        pthread_mutex_lock(&counter_lock);
        /* Read, yield, write: without the mutex another thread's increment would be lost. */
        long seen = counter;

        if (i % 16 == 0)
            sched_yield();
        counter = seen + 1;
        pthread_mutex_unlock(&counter_lock);
    }
    return NULL;
}

int check_threads_mutex(struct check_ctx *ctx)
{
    pthread_t threads[THREADS];
    int err;

    for (int i = 0; i < THREADS; i++) {
        err = pthread_create(&threads[i], NULL, increment, NULL);
        if (err)
            return fail(ctx, "pthread_create: %s", strerror(err));
    }
    for (int i = 0; i < THREADS; i++)
        pthread_join(threads[i], NULL);
    if (counter != THREADS * INCREMENTS)
        return fail(ctx, "counter %ld, expected %d", counter, THREADS * INCREMENTS);
    return CHECK_OK;
}

static long futex(atomic_uint *word, int op, unsigned val, const struct timespec *timeout)
{
    return syscall(SYS_futex, word, op | FUTEX_PRIVATE_FLAG, val, timeout, NULL, 0);
}

static atomic_uint futex_word;
static long waiter_ret = -2;
static int waiter_errno;

static void *waiter(void *arg)
{
    (void)arg;
    waiter_ret = futex(&futex_word, FUTEX_WAIT, 0, NULL);
    waiter_errno = errno;
    return NULL;
}

/* futex(2): FUTEX_WAIT sleeps only while *word == val; FUTEX_WAKE returns how many it woke. */
int check_futex(struct check_ctx *ctx)
{
    const struct timespec short_wait = {0, 100000};
    pthread_t thread;
    long woken = 0;
    int err;

    if (futex(&futex_word, FUTEX_WAIT, 1, NULL) != -1 || errno != EAGAIN)
        return fail(ctx, "FUTEX_WAIT with a stale value did not fail with EAGAIN");
    if (futex(&futex_word, FUTEX_WAIT, 0, &short_wait) != -1 || errno != ETIMEDOUT)
        return fail(ctx, "FUTEX_WAIT with a timeout did not fail with ETIMEDOUT");

    err = pthread_create(&thread, NULL, waiter, NULL);
    if (err)
        return fail(ctx, "pthread_create: %s", strerror(err));
    /* The word never changes, so the waiter sleeps until a wake finds it. Yielding suffices on
     * one hart; with several, the waiter's hart may not have run yet (QEMU -icount runs harts
     * in turn), so later tries sleep, which gives the other harts time, up to 2 s. */
    const struct timespec pause = {0, 100000};
    for (int tries = 0; tries < 20100 && woken == 0; tries++) {
        woken = futex(&futex_word, FUTEX_WAKE, 1, NULL);
        if (woken == 0 && tries < 100)
            sched_yield();
        else if (woken == 0)
            nanosleep(&pause, NULL);
    }
    if (woken != 1)
        return fail(ctx, "FUTEX_WAKE woke %ld waiters, expected 1", woken);
    pthread_join(thread, NULL);
    if (waiter_ret != 0)
        return fail(ctx, "woken FUTEX_WAIT returned %ld (%s), expected 0", waiter_ret,
                    strerror(waiter_errno));
    return CHECK_OK;
}
