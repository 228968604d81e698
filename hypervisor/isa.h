/*
 * riscv,isa strings (e.g. "rv64imafdch_zicbom_sstc"): queries and the guest's filtered copy.
 * Pure C, host-tested.
 */
#ifndef HEXT_HYP_ISA_H
#define HEXT_HYP_ISA_H

#include <stdbool.h>
#include <stddef.h>

/* Single-letter extension in the base part ("rv64imafdch" before the first '_'). */
bool isa_has_letter(const char *isa, char letter);
/* Multi-letter extension, compared case-insensitively ("sstc", "zicbom"). */
bool isa_has_ext(const char *isa, const char *ext);
/* Copy of isa without the single letters 'h' (no nested virtualization) and 'v' (vector state
 * is not switched between vCPUs) and without the multi-letter extensions listed in drop (n
 * entries). false when out is too small. */
bool isa_filter(const char *isa, char *out, size_t cap, const char *const *drop, size_t n);

/* Multi-letter extensions the guest never sees (isa.c). */
#define ISA_NOT_VIRTUALIZED_COUNT 4
extern const char *const isa_not_virtualized[ISA_NOT_VIRTUALIZED_COUNT];

#endif
