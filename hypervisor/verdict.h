/*
 * The end of every run: statistics, the verdict line, power-off through the host SBI. The last
 * line the hypervisor prints is "hext-verdict: PASS|FAIL ..., clock S s" (COMMON.md).
 */
#ifndef HEXT_HYP_VERDICT_H
#define HEXT_HYP_VERDICT_H

#include <stdint.h>

struct vm;

/* Sets the timebase used for "clock S s" (before it is known, the clock is left out). */
void verdict_set_timebase(uint32_t timebase);
/* Every guest's run ended: prints statistics, a summary line per guest (verdict, exits, run
 * time) and the verdict (PASS only when every guest passed), powers off. */
__attribute__((noreturn)) void verdict_finish(void);
/* Failure outside a guest run (no H extension, bad device tree, hypervisor fault). */
__attribute__((noreturn)) void verdict_fail_and_poweroff(const char *reason);

#endif
