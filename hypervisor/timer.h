/*
 * Host timer use (timer.c). One deadline per hart: the earliest of its running vCPU's slice
 * end, its vCPUs' SBI-timer deadlines (SBI mode: multiplexed onto the host timer, delivered as
 * hvip.VSTIP), the vstimecmp of its waiting vCPUs (Sstc mode: the loaded vCPU's vstimecmp is
 * the hardware's business), and on the boot hart the periodic host work (host_work.h).
 */
#ifndef HEXT_HYP_TIMER_H
#define HEXT_HYP_TIMER_H

#include <stdbool.h>
#include <stdint.h>

struct options;
struct pcpu;

/* Sets up the mode (opt->timer, already checked against the hardware) and the slice. */
void timer_init(const struct options *opt, uint32_t timebase);
uint64_t timer_now(void);
uint64_t timer_slice_ticks(void);
/* Programs the host timer for p's earliest deadline (only when it changed). */
void timer_rearm(struct pcpu *p);
/* The host timer fired on p's hart: deliver what is due, re-arm. */
void timer_tick(struct pcpu *p);

#endif
