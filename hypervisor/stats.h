/* Counters the hypervisor prints when the run ends (stats.c). Updated on the exit path:
 * plain increments, nothing else. */
#ifndef HEXT_HYP_STATS_H
#define HEXT_HYP_STATS_H

#include <stdbool.h>
#include <stdint.h>

#include "csr.h"

struct stats {
    uint64_t exceptions[EXC_COUNT];
    uint64_t interrupts[IRQ_COUNT];
    uint64_t mmio_uart, mmio_plic, mmio_decode_htinst, mmio_decode_hlvx;
    uint64_t injected_faults; /* access faults and illegal instructions handed to the guest */
    bool count_instret;       /* instret readable from HS-mode */
    uint64_t hyp_instret;     /* instructions retired between guest exit and entry */
    unsigned guest_boots;
};

extern struct stats stats;

/* Prints the counters; timebase converts ticks to seconds. */
void stats_print(uint32_t timebase);

#endif
