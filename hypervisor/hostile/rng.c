/* xorshift64* (see hostile.h): small, fast, and the same sequence on the host and the guest. */
#include "hostile.h"

void rng_seed(struct rng *r, uint64_t seed)
{
    /* The state must never be 0; any other seed works as given. */
    r->s = seed ? seed : 0x9e3779b97f4a7c15ULL;
}

uint64_t rng_next(struct rng *r)
{
    r->s ^= r->s >> 12;
    r->s ^= r->s << 25;
    r->s ^= r->s >> 27;
    return r->s * 0x2545f4914f6cdd1dULL;
}

uint64_t rng_below(struct rng *r, uint64_t n)
{
    return rng_next(r) % n;
}
