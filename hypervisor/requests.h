/*
 * Work posted to a vCPU by other harts (IPIs, interrupt line changes, remote fences), and when
 * it is done. Pure C (atomic builtins), host-tested with threads.
 *
 * Protocol. Any hart posts: OR the bits into `pending`, then increment `posted` (both seq_cst);
 * then it kicks the owner hart (host IPI). Only the vCPU's owner hart takes: it reads `posted`,
 * then takes `pending` with one atomic exchange (a bit posted meanwhile stays for the next
 * take, it is never cleared unseen), does the work, then publishes the `posted` value it read as
 * `done`. A poster whose increment returned g knows its work is done when done >= g: the owner
 * read posted >= g before its exchange, so the exchange saw the poster's bits.
 */
#ifndef HEXT_HYP_REQUESTS_H
#define HEXT_HYP_REQUESTS_H

#include <stdbool.h>
#include <stdint.h>

struct requests {
    unsigned pending;
    uint64_t posted; /* number of posts so far */
    uint64_t done;   /* written by the owner only */
};

/* Returns the post's generation, for requests_done(). */
uint64_t requests_post(struct requests *r, unsigned bits);
/* Owner: whether a take would find work (bits, or posts not yet published as done). */
bool requests_waiting(const struct requests *r);
/* Owner: *gen is what requests_finish() publishes once the returned bits are handled. */
unsigned requests_take(struct requests *r, uint64_t *gen);
void requests_finish(struct requests *r, uint64_t gen);
/* Poster: the owner handled the post that returned gen. */
bool requests_done(const struct requests *r, uint64_t gen);

#endif
