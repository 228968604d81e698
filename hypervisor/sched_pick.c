/* The scheduler's choice (sched.h), pure C so the host tests check its fairness. */
#include "sched.h"

int sched_next(unsigned n, unsigned last, bool (*runnable)(unsigned i, void *ctx), void *ctx)
{
    for (unsigned k = 1; k <= n; k++) {
        unsigned i = (last + k) % n;
        if (runnable(i, ctx))
            return (int)i;
    }
    return -1;
}
