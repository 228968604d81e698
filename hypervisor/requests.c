/* See requests.h for the protocol. */
#include "requests.h"

uint64_t requests_post(struct requests *r, unsigned bits)
{
    __atomic_fetch_or(&r->pending, bits, __ATOMIC_SEQ_CST);
    return __atomic_add_fetch(&r->posted, 1, __ATOMIC_SEQ_CST);
}

bool requests_waiting(const struct requests *r)
{
    return __atomic_load_n(&r->pending, __ATOMIC_SEQ_CST) != 0 ||
           __atomic_load_n(&r->posted, __ATOMIC_SEQ_CST) !=
                   __atomic_load_n(&r->done, __ATOMIC_RELAXED);
}

unsigned requests_take(struct requests *r, uint64_t *gen)
{
    *gen = __atomic_load_n(&r->posted, __ATOMIC_SEQ_CST);
    return __atomic_exchange_n(&r->pending, 0, __ATOMIC_SEQ_CST);
}

void requests_finish(struct requests *r, uint64_t gen)
{
    __atomic_store_n(&r->done, gen, __ATOMIC_RELEASE);
}

bool requests_done(const struct requests *r, uint64_t gen)
{
    return __atomic_load_n(&r->done, __ATOMIC_ACQUIRE) >= gen;
}
