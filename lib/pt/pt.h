/*
 * Page-table builder and software walker for Sv39/Sv48/Sv57 (privileged spec §12.4-§12.6) and
 * the G-stage variants Sv39x4/Sv48x4/Sv57x4 (§18.5.1: two more GPA bits, 16 KiB root of 2048
 * entries).
 *
 * Tables hold physical addresses; this code takes a pointer's value as its physical address
 * (identity mapping, true for the hypervisor and suite, and on the host where tests only walk
 * with pt_walk). Leaves are always "largest aligned": 4 KiB, 2 MiB, 1 GiB, 512 GiB (Sv48 and
 * up), 256 TiB (Sv57 and up).
 */
#ifndef HEXT_LIB_PT_H
#define HEXT_LIB_PT_H

#include <stddef.h>
#include <stdint.h>

/* PTE bits, §12.3.1 / §12.4.1. */
#define PTE_V         (1ULL << 0)
#define PTE_R         (1ULL << 1)
#define PTE_W         (1ULL << 2)
#define PTE_X         (1ULL << 3)
#define PTE_U         (1ULL << 4)
#define PTE_G         (1ULL << 5)
#define PTE_A         (1ULL << 6)
#define PTE_D         (1ULL << 7)
#define PTE_PPN_SHIFT 10
#define PTE_PPN_MASK  ((1ULL << 44) - 1)
/* Bits a caller may pass in pte_flags (RSW 9:8 included; PBMT/N/reserved bits are not). */
#define PTE_FLAGS_MASK 0x3ffULL

enum pt_mode { PT_SV39, PT_SV48, PT_SV57, PT_SV39X4, PT_SV48X4, PT_SV57X4 };

enum pt_err {
    PT_ERR_ALIGN = -1,  /* va, pa or size not 4 KiB aligned */
    PT_ERR_RANGE = -2,  /* address beyond the mode's width, or range wraps */
    PT_ERR_NOMEM = -3,  /* alloc returned NULL */
    PT_ERR_EXISTS = -4, /* part of the range is already mapped */
    PT_ERR_FLAGS = -5,  /* no R/W/X, W without R, or bits outside PTE_FLAGS_MASK */
    PT_ERR_NOTMAPPED = -6,
    PT_ERR_MODE = -7,
};

/* Returns zeroed or unzeroed memory of `bytes` (4096, or 16384 for an x4 root), aligned to
 * `bytes`; pt zeroes it. NULL when out of memory. */
typedef void *(*pt_alloc_fn)(void *ctx, size_t bytes);

struct pt {
    enum pt_mode mode;
    uint64_t *root;
    pt_alloc_fn alloc;
    void *ctx;
};

int pt_init(struct pt *pt, enum pt_mode mode, pt_alloc_fn alloc, void *ctx);
/* Maps [va, va+size) to [pa, pa+size). pte_flags: V is added; pass A|D yourself if wanted
 * (G-stage leaves must have U, §18.5.1). va in the non-x4 modes may be sign-extended.
 * Errors other than PT_ERR_NOMEM leave the tables unchanged; after PT_ERR_NOMEM a leading
 * part of the range may be mapped. */
int pt_map(struct pt *pt, uint64_t va, uint64_t pa, uint64_t size, uint64_t pte_flags);
/* Software walk: *pa = translated address, *pte_out = leaf PTE, *level = leaf level
 * (0 = 4 KiB, 1 = 2 MiB, 2 = 1 GiB, ...). Any out pointer may be NULL. */
int pt_walk(const struct pt *pt, uint64_t va, uint64_t *pa, uint64_t *pte_out, int *level);
/* The leaf entry of a 4 KiB page pt_map made at va, for a caller that turns the mapping off
 * and on again by clearing and setting PTE_V (then fencing); NULL if va has no 4 KiB leaf. */
uint64_t *pt_page_entry(struct pt *pt, uint64_t va);
/* satp (ASID, 16 bits) or hgatp (VMID, 14 bits) value: MODE 8/9/10 (§12.1.11, §18.2.10). */
uint64_t pt_satp(const struct pt *pt, uint64_t asid_or_vmid);

/* Helpers used by the suite and tests. */
unsigned pt_levels(enum pt_mode mode);  /* 3, 4, 5 */
unsigned pt_va_bits(enum pt_mode mode); /* 39/48/57, +2 for x4 */
const char *pt_strerror(int err);

#endif
