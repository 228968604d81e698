/*
 * Page-table builder and walker. References (privileged spec): Sv39 §12.4, Sv48 §12.5, Sv57
 * §12.6, PTE format §12.3.1 / §12.4.1, the walk algorithm §12.3.2, and the G-stage x4 modes
 * §18.5.1 (root VPN widened by two bits, root table 16 KiB).
 */
#include <stdbool.h>

#include "../string.h"
#include "pt.h"

#define PAGE_SHIFT     12
#define PAGE_SIZE      (1ULL << PAGE_SHIFT)
#define VPN_BITS       9
#define ENTRIES        512
#define PA_BITS        56 /* PPN is 44 bits (§12.4.1) */
#define SATP_MODE_SV39 8ULL
#define SATP_ID_SHIFT  44

unsigned pt_levels(enum pt_mode mode)
{
    switch (mode) {
    case PT_SV39:
    case PT_SV39X4:
        return 3;
    case PT_SV48:
    case PT_SV48X4:
        return 4;
    default:
        return 5;
    }
}

static bool is_x4(enum pt_mode mode)
{
    return mode == PT_SV39X4 || mode == PT_SV48X4 || mode == PT_SV57X4;
}

unsigned pt_va_bits(enum pt_mode mode)
{
    return PAGE_SHIFT + VPN_BITS * pt_levels(mode) + (is_x4(mode) ? 2 : 0);
}

const char *pt_strerror(int err)
{
    switch (err) {
    case 0:
        return "ok";
    case PT_ERR_ALIGN:
        return "address or size not 4 KiB aligned";
    case PT_ERR_RANGE:
        return "address outside the mode's range";
    case PT_ERR_NOMEM:
        return "out of page-table memory";
    case PT_ERR_EXISTS:
        return "range already mapped";
    case PT_ERR_FLAGS:
        return "invalid PTE flags";
    case PT_ERR_NOTMAPPED:
        return "not mapped";
    case PT_ERR_MODE:
        return "unknown mode";
    default:
        return "unknown error";
    }
}

static uint64_t level_size(unsigned level)
{
    return 1ULL << (PAGE_SHIFT + VPN_BITS * level);
}

/* VPN[level] of va; the x4 root index has two more bits (§18.5.1). */
static unsigned vpn(const struct pt *pt, uint64_t va, unsigned level)
{
    unsigned width = VPN_BITS + (is_x4(pt->mode) && level == pt_levels(pt->mode) - 1 ? 2 : 0);

    return (unsigned)(va >> (PAGE_SHIFT + VPN_BITS * level)) & ((1U << width) - 1);
}

static bool is_leaf(uint64_t pte)
{
    return pte & (PTE_R | PTE_W | PTE_X);
}

static uint64_t *table_of(uint64_t pte)
{
    return (uint64_t *)(uintptr_t)(((pte >> PTE_PPN_SHIFT) & PTE_PPN_MASK) << PAGE_SHIFT);
}

static uint64_t pte_for(uint64_t pa, uint64_t flags)
{
    return (pa >> PAGE_SHIFT) << PTE_PPN_SHIFT | flags;
}

/*
 * Range check for [va, va + size). Non-x4 modes take virtual addresses, which must be
 * sign-extended from the top VA bit (§12.4) and may not straddle the hole; x4 modes take
 * guest physical addresses, zero-extended (§18.5.1).
 */
static bool va_range_ok(const struct pt *pt, uint64_t va, uint64_t size)
{
    unsigned bits = pt_va_bits(pt->mode);
    uint64_t last = va + size - 1;

    if (size == 0 || last < va)
        return false;
    if (is_x4(pt->mode))
        return (last >> bits) == 0;
    if ((uint64_t)((int64_t)(va << (64 - bits)) >> (64 - bits)) != va)
        return false;
    return (va >> (bits - 1)) == (last >> (bits - 1));
}

int pt_init(struct pt *pt, enum pt_mode mode, pt_alloc_fn alloc, void *ctx)
{
    size_t root_bytes;

    if (mode < PT_SV39 || mode > PT_SV57X4)
        return PT_ERR_MODE;
    pt->mode = mode;
    pt->alloc = alloc;
    pt->ctx = ctx;
    root_bytes = is_x4(mode) ? 4 * PAGE_SIZE : PAGE_SIZE;
    pt->root = alloc(ctx, root_bytes);
    if (!pt->root)
        return PT_ERR_NOMEM;
    if ((uintptr_t)pt->root % root_bytes)
        return PT_ERR_ALIGN;
    memset(pt->root, 0, root_bytes);
    return 0;
}

/* Walks down to the entry for va at `level`, creating tables when `create`. Returns the
 * entry, or NULL with *err set: PT_ERR_EXISTS when a leaf above covers va, PT_ERR_NOTMAPPED
 * when a table is missing and !create. */
static uint64_t *entry_at(struct pt *pt, uint64_t va, unsigned level, bool create, int *err)
{
    uint64_t *table = pt->root;
    unsigned l;

    for (l = pt_levels(pt->mode) - 1; l > level; l--) {
        uint64_t *e = &table[vpn(pt, va, l)];

        if (!(*e & PTE_V)) {
            uint64_t *next;

            if (!create) {
                *err = PT_ERR_NOTMAPPED;
                return NULL;
            }
            next = pt->alloc(pt->ctx, PAGE_SIZE);
            if (!next || (uintptr_t)next % PAGE_SIZE) {
                *err = PT_ERR_NOMEM;
                return NULL;
            }
            memset(next, 0, PAGE_SIZE);
            /* Non-leaf: V only; A, D and U are reserved there (§12.3.1). */
            *e = pte_for((uintptr_t)next, PTE_V);
        } else if (is_leaf(*e)) {
            *err = PT_ERR_EXISTS;
            return NULL;
        }
        table = table_of(*e);
    }
    return &table[vpn(pt, va, level)];
}

/* Largest leaf level usable at va/pa with `left` bytes to go. */
static unsigned leaf_level(const struct pt *pt, uint64_t va, uint64_t pa, uint64_t left)
{
    unsigned level = pt_levels(pt->mode) - 1;

    while (level > 0 && ((va | pa) & (level_size(level) - 1) || left < level_size(level)))
        level--;
    return level;
}

/* Is any part of [va, va + size) already mapped at the granularity pt_map would use? */
static int check_free(struct pt *pt, uint64_t va, uint64_t pa, uint64_t size)
{
    uint64_t off = 0;

    while (off < size) {
        unsigned level = leaf_level(pt, va + off, pa + off, size - off);
        int err = 0;
        uint64_t *e = entry_at(pt, va + off, level, false, &err);

        if (err == PT_ERR_EXISTS || (e && (*e & PTE_V)))
            return PT_ERR_EXISTS;
        off += level_size(level);
    }
    return 0;
}

int pt_map(struct pt *pt, uint64_t va, uint64_t pa, uint64_t size, uint64_t pte_flags)
{
    uint64_t off;
    int err;

    if ((va | pa | size) & (PAGE_SIZE - 1))
        return PT_ERR_ALIGN;
    if (!va_range_ok(pt, va, size) || pa + size - 1 < pa || (pa + size - 1) >> PA_BITS)
        return PT_ERR_RANGE;
    /* A leaf needs R, W or X; W without R is reserved (§12.3.1, Table "Encoding of PTE
     * R/W/X fields"). */
    if (pte_flags & ~PTE_FLAGS_MASK || !is_leaf(pte_flags) ||
        (pte_flags & (PTE_R | PTE_W)) == PTE_W)
        return PT_ERR_FLAGS;
    /* Checked first so a refused map changes nothing. */
    err = check_free(pt, va, pa, size);
    if (err)
        return err;
    for (off = 0; off < size;) {
        unsigned level = leaf_level(pt, va + off, pa + off, size - off);
        uint64_t *e = entry_at(pt, va + off, level, true, &err);

        if (!e)
            return err;
        *e = pte_for(pa + off, pte_flags | PTE_V);
        off += level_size(level);
    }
    return 0;
}

int pt_walk(const struct pt *pt, uint64_t va, uint64_t *pa, uint64_t *pte_out, int *level)
{
    const uint64_t *table = pt->root;
    int l;

    if (!va_range_ok(pt, va, 1))
        return PT_ERR_RANGE;
    for (l = (int)pt_levels(pt->mode) - 1; l >= 0; l--) {
        uint64_t pte = table[vpn(pt, va, (unsigned)l)];
        uint64_t page = level_size((unsigned)l);
        uint64_t base = ((pte >> PTE_PPN_SHIFT) & PTE_PPN_MASK) << PAGE_SHIFT;

        /* §12.3.2 step 3: invalid, or W without R, is a fault. */
        if (!(pte & PTE_V) || (pte & (PTE_R | PTE_W)) == PTE_W)
            return PT_ERR_NOTMAPPED;
        if (!is_leaf(pte)) {
            table = table_of(pte);
            continue;
        }
        /* §12.3.2 step 6: a misaligned superpage is a fault. */
        if (base & (page - 1))
            return PT_ERR_NOTMAPPED;
        if (pa)
            *pa = base | (va & (page - 1));
        if (pte_out)
            *pte_out = pte;
        if (level)
            *level = l;
        return 0;
    }
    return PT_ERR_NOTMAPPED; /* a pointer at level 0 is a fault (§12.3.2 step 4) */
}

uint64_t *pt_page_entry(struct pt *pt, uint64_t va)
{
    int err;
    uint64_t *e;

    if (!va_range_ok(pt, va, PAGE_SIZE))
        return NULL;
    e = entry_at(pt, va, 0, false, &err);
    return e && is_leaf(*e) ? e : NULL;
}

uint64_t pt_satp(const struct pt *pt, uint64_t asid_or_vmid)
{
    /* satp.ASID is 16 bits, hgatp.VMID 14 bits, both at bit 44; PPN in bits 43:0. */
    uint64_t id_mask = is_x4(pt->mode) ? 0x3fff : 0xffff;
    uint64_t mode = SATP_MODE_SV39 + pt_levels(pt->mode) - 3;

    return mode << 60 | (asid_or_vmid & id_mask) << SATP_ID_SHIFT |
           ((uintptr_t)pt->root >> PAGE_SHIFT);
}
