/*
 * The guest's timer (timer.c). SBI mode: the guest's deadline is multiplexed onto the host
 * timer (SBI set_timer to OpenSBI) and delivered as hvip.VSTIP. Sstc mode: the guest writes
 * vstimecmp itself (henvcfg.STCE = 1); the host timer only paces console polling.
 */
#ifndef HEXT_HYP_TIMER_H
#define HEXT_HYP_TIMER_H

#include <stdbool.h>
#include <stdint.h>

struct vm;

/* Sets up the mode (opt.timer, already checked against the hardware) and the poll period. */
void timer_init(struct vm *vm, uint32_t timebase);
/* On the vCPU's hart, when it starts: no deadline yet. */
struct vcpu;
void timer_hart_init(struct vcpu *v);
uint64_t timer_now(void);

#endif
