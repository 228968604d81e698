/*
 * The guest's physical memory: the G-stage page table (lib/pt) mapping guest RAM, and the
 * hgatp value (mode, VMID) that selects it (privileged spec §18.2.10, §18.5).
 */
#ifndef HEXT_HYP_GSTAGE_H
#define HEXT_HYP_GSTAGE_H

#include <stdint.h>

#include "options.h"

struct vm;

#define GUEST_RAM_GPA  0x80000000UL
#define GUEST_LOW_SIZE 0x200000UL /* first 2 MiB of guest RAM, backed separately */

struct gstage {
    enum opt_gstage mode; /* what runs; may differ from what was asked for */
    unsigned vmid_bits;   /* VMIDLEN */
};

/* Once, before any table: modes other than Sv39x4 are probed (write hgatp, read back) and fall
 * back to Sv39x4 with a message; VMIDLEN is measured. */
void gstage_probe(enum opt_gstage want, struct gstage *g);
/* Builds the table for vm's RAM (in vm's own table pages) and sets vm->hgatp with vmid.
 * Returns 0 or a pt error. */
int gstage_build(struct vm *vm, enum opt_gstage mode, unsigned long vmid);

#endif
