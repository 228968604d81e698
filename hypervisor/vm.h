/*
 * The guests (vm.c): each owns its RAM, its G-stage table and VMID, its devices and its
 * console; its vCPUs belong to host harts (sched.h). A guest's life: set up, boot, run, end;
 * on a reboot it boots again once every one of its vCPUs is put away.
 */
#ifndef HEXT_HYP_VM_H
#define HEXT_HYP_VM_H

#include <stdbool.h>
#include <stdint.h>

#include "vcpu.h"

struct guest_image;

#define GUEST_FDT_MAX 0x10000UL /* the guest DTB's room, at the top of guest RAM */

/* What every guest shares, set once by main.c before any guest is set up. */
struct vm_host {
    const char *isa;                 /* the guests' riscv,isa */
    const char *mmu_type;            /* the host's, "" when absent */
    uint32_t cbom_block, cboz_block; /* Zicbom/Zicboz block sizes; 0: not offered */
    uint32_t timebase;
    unsigned long mvendorid, marchid, mimpid;
};
extern struct vm_host vm_host;
extern unsigned long vm_henvcfg, vm_hstateen0; /* per-vCPU reset values (vs_reset) */

extern struct vm vms[VM_MAX_GUESTS];
extern unsigned nvms;

/* Sets up guest id with RAM backed from ram_high (2 MiB-aligned; see gstage.c): 0, or a
 * pt error from the G-stage table. */
int vm_setup(struct vm *vm, unsigned id, const struct options *opt, const struct guest_image *img,
             unsigned nvcpus, unsigned mem_mib, uint8_t *ram_high, unsigned long vmid);
/* The DTB's bootargs (images with a command line). */
const char *vm_bootargs(const struct vm *vm);
/* The image and its initrd, once copied in (guest_load.h), leave room for the DTB at the top
 * of RAM. */
bool vm_image_fits(const struct vm *vm);
/* Bytes of host memory a guest of mem_mib uses (a 2 MiB multiple). */
uint64_t vm_footprint(unsigned mem_mib);
/* First boot: images in place, DTB, devices, vCPU 0 started (the guest starts the others). */
void vm_boot(struct vm *vm);
/* On the owner hart of vCPU 0, when the guest's run ended and all its vCPUs are parked:
 * reboots it (hext.reboot=restart) or marks it finished. */
void vm_settle(struct vm *vm);
/* Its owner hart has put v away after its guest's run ended. */
void vm_park_vcpu(struct vcpu *v);
bool vm_all_finished(void);

#endif
