/* Time: nanosleep sleeps at least as long as asked; CLOCK_MONOTONIC never goes backwards. */
#define _GNU_SOURCE
#include "checks.h"

#include <errno.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static long long ns_of(const struct timespec *ts)
{
    return ts->tv_sec * 1000000000LL + ts->tv_nsec;
}

int check_nanosleep(struct check_ctx *ctx)
{
    /* Short: on instruction-counted clocks every nanosecond slept is simulated time. */
    static const long asks_ns[] = {1000, 100000, 1000000};
    struct timespec before, after, req;
    long long slept;

    for (size_t i = 0; i < sizeof(asks_ns) / sizeof(asks_ns[0]); i++) {
        req.tv_sec = 0;
        req.tv_nsec = asks_ns[i];
        clock_gettime(CLOCK_MONOTONIC, &before);
        if (nanosleep(&req, NULL) < 0)
            return fail(ctx, "nanosleep(%ld ns): %s", asks_ns[i], strerror(errno));
        clock_gettime(CLOCK_MONOTONIC, &after);
        slept = ns_of(&after) - ns_of(&before);
        /* POSIX nanosleep(): suspended until at least the requested time has elapsed. */
        if (slept < asks_ns[i])
            return fail(ctx, "nanosleep(%ld ns) returned after %lld ns", asks_ns[i], slept);
    }
    return CHECK_OK;
}

/*
 * Alternates the vDSO (reads the time CSR in user mode) with the system call (the kernel's
 * clocksource), so a disagreement between the two paths shows up as time going backwards.
 */
int check_monotonic(struct check_ctx *ctx)
{
    enum { READS = 500 };
    struct timespec ts;
    long long prev = 0, now;

    for (int i = 0; i < READS; i++) {
        if (i % 2)
            syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts);
        else
            clock_gettime(CLOCK_MONOTONIC, &ts);
        now = ns_of(&ts);
        /* POSIX clock_gettime(): CLOCK_MONOTONIC cannot be set and never jumps backwards. */
        if (now < prev)
            return fail(ctx, "read %d (%s) went back %lld ns", i, i % 2 ? "syscall" : "vDSO",
                        prev - now);
        prev = now;
    }
    return CHECK_OK;
}
