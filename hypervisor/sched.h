/*
 * Host harts and the vCPUs they run (sched.c). Every vCPU is assigned to one host hart for the
 * whole run: 1:1 when there are enough harts, else several per hart, time-sliced round-robin by
 * the host timer (hext.slice=). A vCPU that waits (WFI with hstatus.VTW=1, retentive HSM
 * suspend) gives up its slice until one of its enabled interrupts is pending.
 *
 * struct pcpu is touched only by its own hart, except `index`/`hartid` (read-only after
 * set-up), which other harts use to kick it, and `arrived` and `via_payload_entry`, which the
 * boot hart reads.
 */
#ifndef HEXT_HYP_SCHED_H
#define HEXT_HYP_SCHED_H

#include <stdbool.h>
#include <stdint.h>

#include "vcpu.h"

#define PCPU_MAX       8
#define PCPU_MAX_VCPUS (VM_MAX_GUESTS * VM_MAX_VCPUS)

struct pcpu {
    unsigned long stack_top; /* first: PCPU_STACK_TOP (boot.S) */
    unsigned index;
    unsigned long hartid;
    /* Set by boot.S when the firmware sent this hart to the payload's entry: written before
     * `arrived`, read by the boot hart after it. */
    unsigned long via_payload_entry;
    struct vcpu *vcpus[PCPU_MAX_VCPUS];
    unsigned nvcpus;
    unsigned next;        /* round-robin position */
    struct vcpu *running; /* the vCPU whose exit is being handled, or NULL */
    struct vcpu *loaded;  /* whose VS state is in the CSRs, or NULL */
    struct vcpu *fp_owner;
    const struct vm *hgatp_vm;              /* whose hgatp is installed */
    struct vcpu *last_of_vm[VM_MAX_GUESTS]; /* last vCPU of each guest loaded here */
    uint64_t slice_end, armed;
    bool resched;
    bool arrived; /* set once by the hart on its first C code (release), read by the boot hart */
};

_Static_assert(offsetof(struct pcpu, stack_top) == PCPU_STACK_TOP, "vcpu_layout.h");
_Static_assert(offsetof(struct pcpu, hartid) == PCPU_HARTID, "vcpu_layout.h");
_Static_assert(offsetof(struct pcpu, via_payload_entry) == PCPU_VIA_PAYLOAD_ENTRY, "vcpu_layout.h");

extern struct pcpu pcpus[PCPU_MAX];
extern unsigned npcpus;
extern bool vmid_shared; /* guests share a VMID: flush translations on every guest switch */

struct pcpu *pcpu_self(void);
/* Set-up (boot hart, before any vCPU runs). */
void sched_init_pcpu(unsigned index, unsigned long hartid);
void sched_assign(struct pcpu *p, struct vcpu *v);
/* Whether vCPUs share this hart (then they are time-sliced and WFI exits). */
bool sched_shared(const struct pcpu *p);
/* Round-robin: the first index i after `last` (wrapping, last itself tried last) with
 * runnable(i) true, or -1. Pure, host-tested. */
int sched_next(unsigned n, unsigned last, bool (*runnable)(unsigned i, void *ctx), void *ctx);
/* The hart's life: run its vCPUs until every guest has ended (returns only on the boot hart). */
void sched_run(struct pcpu *p);
/* Makes p look at its vCPUs' requests and states soon (host IPI unless p is this hart). */
void sched_kick(struct pcpu *p);
/* Waits in WFI for a host IPI or timer, doing the requests posted to this hart's vCPUs. */
void sched_wait(struct pcpu *p);
/* Saves the loaded vCPU's state and leaves no guest interrupt enabled in the CSRs. */
void sched_unload(struct pcpu *p);
/* hfence.vvma for vm's VMID on this hart, whichever guest is loaded. */
void sched_flush_vm(struct pcpu *p, const struct vm *vm);
/* Owner hart: the requests posted to v (requests.h). */
void vcpu_do_requests(struct vcpu *v);
/* Owner hart: the reset state of a starting vCPU (HSM start_addr/opaque). */
void vcpu_reset(struct vcpu *v);
/* A secondary hart's first C code (boot.S secondary_entry). */
void sched_secondary_main(struct pcpu *p);

#endif
