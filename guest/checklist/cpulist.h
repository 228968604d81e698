/* Linux CPU lists ("0-3,5", Documentation/admin-guide/cputopology.rst); pure, host-tested. */
#ifndef HEXT_GUEST_CPULIST_H
#define HEXT_GUEST_CPULIST_H

#include <stdint.h>

/* Bit i set for each CPU i (< 64) in text; -1 for text that is not a CPU list. */
int cpulist_parse(const char *text, uint64_t *cpus);

#endif
