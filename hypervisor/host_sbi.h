/*
 * Calls from the hypervisor down to the machine's SBI firmware (OpenSBI). Only what Debian's
 * OpenSBI 1.1 offers: legacy console (there is no DBCN), TIME, SRST.
 */
#ifndef HEXT_HYP_HOST_SBI_H
#define HEXT_HYP_HOST_SBI_H

#include <stdint.h>

struct sbiret {
    long error;
    long value;
};

struct sbiret host_sbi_call(unsigned long ext, unsigned long fid, unsigned long a0,
                            unsigned long a1, unsigned long a2);
/* Legacy console calls (v0.1), the only console OpenSBI 1.1 has. */
void host_sbi_putchar(char c);
int host_sbi_getchar(void);
void host_set_timer(uint64_t deadline);
/* System reset (SRST; legacy shutdown if SRST is missing). Does not return. */
__attribute__((noreturn)) void host_poweroff(void);

#endif
