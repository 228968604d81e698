/*
 * PLIC model after the RISC-V Platform-Level Interrupt Controller Specification 1.0.0:
 * memory map (§3), priorities (§4), pending bits (§5), enables (§6), thresholds (§7),
 * claim (§8) and completion (§9); gateways for level-triggered sources.
 */
#include "plic.h"

#define PRIORITY_BASE  0x0
#define PENDING_BASE   0x1000
#define ENABLE_BASE    0x2000
#define ENABLE_STRIDE  0x80
#define CONTEXT_BASE   0x200000
#define CONTEXT_STRIDE 0x1000
#define PRIORITY_MASK  ((1U << PLIC_PRIORITY_BITS) - 1)

void plic_init(struct plic *p, unsigned nsources, unsigned ncontexts)
{
    *p = (struct plic){0};
    p->nsources = nsources > PLIC_MAX_SOURCES ? PLIC_MAX_SOURCES : nsources;
    p->ncontexts = ncontexts > PLIC_MAX_CONTEXTS ? PLIC_MAX_CONTEXTS : ncontexts;
}

/* Bits of the sources that exist: 1..nsources-1 (source 0 means "no interrupt"). */
static uint64_t valid_sources(const struct plic *p)
{
    uint64_t all = p->nsources >= 64 ? ~0ULL : (1ULL << p->nsources) - 1;

    return all & ~1ULL;
}

/* The best source ctx could claim: highest priority above the threshold, ties to the lowest
 * ID (§8); 0 when none. */
static unsigned best_source(const struct plic *p, unsigned ctx)
{
    uint64_t candidates = p->pending & p->enable[ctx];
    uint32_t best_prio = p->threshold[ctx];
    unsigned best = 0, s;

    for (s = 1; s < p->nsources; s++) {
        if ((candidates >> s & 1) && p->priority[s] > best_prio) {
            best_prio = p->priority[s];
            best = s;
        }
    }
    return best;
}

bool plic_context_pending(const struct plic *p, unsigned ctx)
{
    return ctx < p->ncontexts && best_source(p, ctx) != 0;
}

/* Gateway: a level-triggered source requests while its line is high and it is not in
 * service. This model also withdraws a pending request when the line drops before a claim
 * (as QEMU does); the spec leaves that to the gateway's implementation. */
static void gateway_update(struct plic *p, unsigned s)
{
    uint64_t bit = 1ULL << s;

    if ((p->level & bit) && !(p->claimed & bit))
        p->pending |= bit;
    else if (!(p->level & bit))
        p->pending &= ~bit;
}

void plic_set_level(struct plic *p, unsigned source, bool level)
{
    if (source == 0 || source >= p->nsources)
        return;
    if (level)
        p->level |= 1ULL << source;
    else
        p->level &= ~(1ULL << source);
    gateway_update(p, source);
}

static uint32_t claim(struct plic *p, unsigned ctx)
{
    unsigned s = best_source(p, ctx);

    if (s) {
        p->pending &= ~(1ULL << s);
        p->claimed |= 1ULL << s;
    }
    return s;
}

/* §9: a completion for a source not enabled for this context is ignored. */
static void complete(struct plic *p, unsigned ctx, uint32_t s)
{
    if (s == 0 || s >= p->nsources || !(p->enable[ctx] >> s & 1))
        return;
    p->claimed &= ~(1ULL << s);
    gateway_update(p, s);
}

/* 32-bit word `word` of a 64-bit bitmap. */
static uint32_t bitmap_word(uint64_t map, uint64_t word)
{
    return word < 2 ? (uint32_t)(map >> (32 * word)) : 0;
}

uint32_t plic_read(struct plic *p, uint64_t off)
{
    if (off % 4)
        return 0;
    if (off < PENDING_BASE)
        return off / 4 < p->nsources ? p->priority[off / 4] : 0;
    if (off < ENABLE_BASE)
        return bitmap_word(p->pending, (off - PENDING_BASE) / 4);
    if (off < CONTEXT_BASE) {
        uint64_t ctx = (off - ENABLE_BASE) / ENABLE_STRIDE;

        if (ctx >= p->ncontexts)
            return 0;
        return bitmap_word(p->enable[ctx], (off - ENABLE_BASE) % ENABLE_STRIDE / 4);
    }
    if (off < PLIC_MMIO_SIZE) {
        uint64_t ctx = (off - CONTEXT_BASE) / CONTEXT_STRIDE;
        uint64_t reg = (off - CONTEXT_BASE) % CONTEXT_STRIDE;

        if (ctx >= p->ncontexts)
            return 0;
        if (reg == 0)
            return p->threshold[ctx];
        if (reg == 4)
            return claim(p, (unsigned)ctx);
    }
    return 0;
}

void plic_write(struct plic *p, uint64_t off, uint32_t val)
{
    if (off % 4)
        return;
    if (off < PENDING_BASE) {
        /* Source 0 does not exist; priorities are WARL with PLIC_PRIORITY_BITS bits. */
        if (off / 4 != 0 && off / 4 < p->nsources)
            p->priority[off / 4] = val & PRIORITY_MASK;
        return;
    }
    if (off < ENABLE_BASE)
        return; /* pending bits are read-only here (§5 allows either; QEMU ignores too) */
    if (off < CONTEXT_BASE) {
        uint64_t ctx = (off - ENABLE_BASE) / ENABLE_STRIDE;
        uint64_t word = (off - ENABLE_BASE) % ENABLE_STRIDE / 4;

        if (ctx >= p->ncontexts || word >= 2)
            return;
        p->enable[ctx] &= ~(0xffffffffULL << (32 * word));
        p->enable[ctx] |= ((uint64_t)val << (32 * word)) & valid_sources(p);
        return;
    }
    if (off < PLIC_MMIO_SIZE) {
        uint64_t ctx = (off - CONTEXT_BASE) / CONTEXT_STRIDE;
        uint64_t reg = (off - CONTEXT_BASE) % CONTEXT_STRIDE;

        if (ctx >= p->ncontexts)
            return;
        if (reg == 0)
            p->threshold[ctx] = val & PRIORITY_MASK;
        else if (reg == 4)
            complete(p, (unsigned)ctx, val);
    }
}
