/*
 * Periodic work the hypervisor does for the host, run from the boot hart's timer (timer.c):
 * today host console input, polled and pushed into guest 0's virtual UART. The timer only asks
 * when the next run is due; what the work is stays here.
 */
#ifndef HEXT_HYP_HOST_WORK_H
#define HEXT_HYP_HOST_WORK_H

#include <stdint.h>

struct options;

void host_work_init(const struct options *opt, uint32_t timebase, uint64_t now);
/* Host time of the next run; UINT64_MAX when there is no periodic work. */
uint64_t host_work_next(void);
void host_work_run(uint64_t now);

#endif
