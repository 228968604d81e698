/*
 * Console output. Hypervisor lines start with "[hext] ", guest lines with "[guest0] ". All
 * output goes through the host's SBI legacy putchar (the only console every platform's
 * OpenSBI 1.1 offers). Guest lines are also scanned for the guest's own verdict line.
 */
#ifndef HEXT_HYP_CONSOLE_H
#define HEXT_HYP_CONSOLE_H

#include <stdbool.h>

struct vm;

/* One hypervisor line; the newline is added. */
void hlog(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints a partial guest line, if any, so nothing is lost when the run ends. */
void guest_console_flush(void);
/* Prints the partial guest line buffered so far (a prompt waiting for input), keeping it
 * buffered for the verdict scan; the rest follows on the same output line. */
void guest_console_show_partial(void);
/* Details of the last "hext-verdict: PASS|FAIL ..." line the guest printed ("PASS ..."), or
 * NULL if it printed none. */
const char *guest_verdict(void);
/* Forgets the guest's verdict (guest restart). */
void guest_verdict_reset(void);
/* After a fault in the hypervisor: the console lock may be held by the code that faulted, and
 * the run is over anyway, so it is released for the last lines. */
void console_force_unlock(void);

#endif
