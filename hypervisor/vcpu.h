/*
 * A virtual machine and its vCPUs, and the services the exit handlers (trap.c, sbi_*.c,
 * mmio.c) call. The services are implemented by the target files named next to them; the
 * host unit tests link fakes instead, so the handlers compile and run on the host.
 */
#ifndef HEXT_HYP_VCPU_H
#define HEXT_HYP_VCPU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "options.h"
#include "plic.h"
#include "uart16550.h"
#include "vcpu_layout.h"

#define VM_MAX_VCPUS 4

/* Saved guest state while the hypervisor runs; layout fixed by vcpu_layout.h. */
struct vcpu_ctx {
    unsigned long x[32]; /* x[0] is never loaded: writes to it are dropped on entry */
    unsigned long sepc;
    unsigned long sstatus;
    unsigned long hstatus;
    unsigned long host_sp;
    unsigned long stack_top; /* the hypervisor stack of the hart running this vCPU */
};

_Static_assert(offsetof(struct vcpu_ctx, sepc) == VCPU_SEPC, "vcpu_layout.h");
_Static_assert(offsetof(struct vcpu_ctx, sstatus) == VCPU_SSTATUS, "vcpu_layout.h");
_Static_assert(offsetof(struct vcpu_ctx, hstatus) == VCPU_HSTATUS, "vcpu_layout.h");
_Static_assert(offsetof(struct vcpu_ctx, host_sp) == VCPU_HOST_SP, "vcpu_layout.h");
_Static_assert(offsetof(struct vcpu_ctx, stack_top) == VCPU_STACK_TOP, "vcpu_layout.h");

/* Register names used by the SBI calling convention (SBI spec §3). */
enum {
    REG_RA = 1,
    REG_SP = 2,
    REG_A0 = 10,
    REG_A1,
    REG_A2,
    REG_A3,
    REG_A4,
    REG_A5,
    REG_A6,
    REG_A7
};

/* SBI HSM states (SBI spec §9, table 31). */
enum vcpu_state { VCPU_STARTED, VCPU_STOPPED, VCPU_START_PENDING, VCPU_SUSPENDED = 4 };

/* Work one vCPU asks of another's hart (vcpu.c): posted, then a host IPI. */
#define VCPU_REQ_VSSIP   (1u << 0) /* raise the guest's supervisor software interrupt */
#define VCPU_REQ_EIP     (1u << 1) /* re-read the guest's PLIC context into VSEIP */
#define VCPU_REQ_FENCE_I (1u << 2)
#define VCPU_REQ_VVMA    (1u << 3) /* hfence.vvma for the whole guest address space */

struct vcpu {
    struct vcpu_ctx ctx; /* first: trap_vector.S finds it at sscratch */
    struct vm *vm;
    unsigned id;
    unsigned long host_hartid; /* the physical hart this vCPU runs on */
    volatile enum vcpu_state state;
    volatile unsigned requests;             /* VCPU_REQ_*; set by others, cleared here when done */
    unsigned long start_addr, start_opaque; /* from SBI HSM hart_start */
    volatile bool hart_entered;             /* its host hart has left OpenSBI for the hypervisor */
    volatile bool parked;                   /* its host hart waits outside the guest */
    uint64_t timecmp; /* guest's requested deadline in host time; UINT64_MAX: none */
};

/* Why the guest stopped running; set once, by the first event that ends it. */
enum vm_end { VM_RUNNING, VM_POWEROFF, VM_REBOOT, VM_FAILED };

#define VM_REASON_LEN 192

struct vm {
    struct vcpu vcpu[VM_MAX_VCPUS];
    unsigned nvcpus;
    struct options opt;
    uint64_t ram_gpa, ram_size; /* guest RAM: [ram_gpa, ram_gpa + ram_size) */
    uint8_t *ram_low;           /* host backing of the first 2 MiB (see gstage.c) */
    uint8_t *ram_high;          /* host backing of the rest, starting at ram_gpa + 2 MiB */
    struct uart16550 uart;
    bool uart_line; /* the UART's interrupt output as last given to the PLIC */
    struct plic plic;
    unsigned long mvendorid, marchid, mimpid; /* the host's, passed on by SBI BASE */
    unsigned long hgatp, henvcfg;             /* the same on every hart */
    bool henvcfg_ok;
    bool eip[VM_MAX_VCPUS]; /* VSEIP as last told to each vCPU (plic_vdev.c) */
    volatile enum vm_end end;
    char reason[VM_REASON_LEN];
    int lock; /* devices (UART, PLIC) and the end of the run */
};

/* Ends the guest's run (first call wins): the run loop stops after the current exit. */
void vm_end(struct vm *vm, enum vm_end how, const char *reason);

/* ---- vCPUs and their harts (vcpu.c) ---- */

void vcpu_init(struct vm *vm, unsigned id, unsigned long host_hartid);
/* Per-hart hypervisor CSRs (hgatp, henvcfg, sie) from vm. */
void vcpu_hart_setup(struct vm *vm);
/* A vCPU's reset state, ready to enter the guest at entry with a1 as given. */
void vcpu_reset(struct vcpu *v, unsigned long entry, unsigned long a1);
/* Runs the guest until it stops this vCPU or the run ends. */
void vcpu_run(struct vcpu *v);
/* A hart's life: wait for its vCPU to be started, run it, repeat. Returns only on vCPU 0's
 * hart, when the run ends. */
void vcpu_hart_loop(struct vcpu *v);
/* Work posted by other harts (requests): done at once. */
void vcpu_process_requests(struct vcpu *v);
/* WFI until a host IPI (or timer), then the posted work. */
void vcpu_wait_for_ipi(struct vcpu *v);
/* On vCPU 0's hart when the run ended: until all other harts left their guests. */
void vcpu_wait_for_parked(struct vm *vm);
struct vcpu *vcpu_current(void);
/* A secondary hart's first C code (boot.S secondary_entry). */
void vcpu_secondary_main(struct vcpu *v);

/* ---- services (target: the file in brackets; host tests: fakes) ---- */

/* Host pointer to guest-physical [gpa, gpa + len) when it lies in guest RAM, else NULL.
 * [gstage.c] */
void *guest_ram_ptr(struct vm *vm, uint64_t gpa, uint64_t len);
/* Reads an unsigned long at a guest-virtual address, translated as the guest would (HLV.D).
 * false if the access faults. [guest_mem.c] */
bool guest_read_ulong(struct vcpu *v, unsigned long gva, unsigned long *out);

/* Guest timer: deadline in host time (UINT64_MAX cancels). [timer.c] */
void vtimer_set(struct vcpu *v, uint64_t deadline);
/* Pending virtual interrupts (hvip bits) of the calling vCPU. [vcpu.c] */
void vcpu_set_pending(struct vcpu *v, unsigned long hvip_bits);
void vcpu_clear_pending(struct vcpu *v, unsigned long hvip_bits);
/* Supervisor software interrupt for each vCPU in the set (bit i: vCPU i). [vcpu.c] */
void vcpu_send_ipi(struct vcpu *self, unsigned long vcpus);
/* Fences on the guest's behalf (its VMID) on each vCPU in the set; done when they return.
 * [vcpu.c] */
void vcpu_fence_i(struct vcpu *self, unsigned long vcpus);
void vcpu_flush_vvma(struct vcpu *self, unsigned long vcpus, unsigned long start,
                     unsigned long size, bool use_asid, unsigned long asid);
/* SBI HSM hart_start of a stopped vCPU: returns an SBI error code. [vcpu.c] */
long vcpu_start(struct vcpu *target, unsigned long start_addr, unsigned long opaque);

/* Guest console output (UART THR, SBI console): one byte. [console.c] */
void guest_console_putc(struct vm *vm, char c);
/* Host console input, -1 when none. [hostcon.c] */
int host_getchar(void);

#endif
