/*
 * PLIC model (RISC-V Platform-Level Interrupt Controller Specification 1.0.0): a pure state
 * machine the hypervisor drives from guest MMIO traps and device interrupt lines.
 *
 * Contexts are numbered as the guest's DTB "interrupts-extended" lists them; the hypervisor
 * chooses the mapping. QEMU virt uses two per hart (M = 2h, S = 2h+1); a guest only needs its
 * S contexts, so a hypervisor may give one context per vhart (document in the guest DTB).
 * Sources are 1..nsources-1 (source 0 does not exist, §3). Registers are 32 bits wide;
 * misaligned offsets read 0 and ignore writes. Pending bits are read-only.
 */
#ifndef HEXT_DEVICES_PLIC_H
#define HEXT_DEVICES_PLIC_H

#include <stdbool.h>
#include <stdint.h>

#define PLIC_MAX_SOURCES   64
#define PLIC_MAX_CONTEXTS  16
#define PLIC_MMIO_SIZE     0x4000000
#define PLIC_PRIORITY_BITS 3 /* priorities 0..7, like QEMU virt */

struct plic {
    unsigned nsources, ncontexts;
    uint32_t priority[PLIC_MAX_SOURCES];
    uint64_t pending; /* bit per source */
    uint64_t level;   /* current input line levels */
    uint64_t claimed; /* claimed, not yet completed (gateway closed) */
    uint64_t enable[PLIC_MAX_CONTEXTS];
    uint32_t threshold[PLIC_MAX_CONTEXTS];
};

/* nsources includes source 0 (e.g. 32 gives sources 1..31); both clamped to the maxima. */
void plic_init(struct plic *p, unsigned nsources, unsigned ncontexts);
/* Reading a claim register claims (side effect), hence non-const. */
uint32_t plic_read(struct plic *p, uint64_t off);
void plic_write(struct plic *p, uint64_t off, uint32_t val);
/* Level-triggered input: pending while high and not in service; dropping the line before a
 * claim withdraws the request (as QEMU's PLIC does). */
void plic_set_level(struct plic *p, unsigned source, bool level);
/* True when ctx has an enabled pending source with priority above its threshold. */
bool plic_context_pending(const struct plic *p, unsigned ctx);

#endif
