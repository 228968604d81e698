/*
 * Virtual machines and their vCPUs, and the services the exit handlers (trap.c, sbi_*.c,
 * mmio.c) call. The services are implemented by the target files named next to them; the
 * host unit tests link fakes instead, so the handlers compile and run on the host.
 *
 * Ownership: each vCPU belongs to one host hart for the whole run (struct pcpu, sched.c); only
 * that hart runs it, resets it and touches its saved state (vs, fp, ctx). Other harts reach it
 * through its `req` mailbox (requests.h), its HSM state (hsm_state.h, compare-and-swap) and its
 * interrupt lines (`lines`, atomic), then kick the owner with a host IPI.
 */
#ifndef HEXT_HYP_VCPU_H
#define HEXT_HYP_VCPU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "console.h"
#include "hsm_state.h"
#include "options.h"
#include "plic.h"
#include "requests.h"
#include "uart16550.h"
#include "vcpu_layout.h"

#define VM_MAX_VCPUS  8
#define VM_MAX_GUESTS OPT_GUESTS_MAX

struct pcpu;

/* Saved guest state while the hypervisor runs; layout fixed by vcpu_layout.h. */
struct vcpu_ctx {
    unsigned long x[32]; /* x[0] is never loaded: writes to it are dropped on entry */
    unsigned long sepc;
    unsigned long sstatus;
    unsigned long hstatus;
    unsigned long host_sp;
    struct pcpu *pcpu; /* trap_vector.S puts it in tp: the hypervisor's per-hart pointer */
};

_Static_assert(offsetof(struct vcpu_ctx, sepc) == VCPU_SEPC, "vcpu_layout.h");
_Static_assert(offsetof(struct vcpu_ctx, sstatus) == VCPU_SSTATUS, "vcpu_layout.h");
_Static_assert(offsetof(struct vcpu_ctx, hstatus) == VCPU_HSTATUS, "vcpu_layout.h");
_Static_assert(offsetof(struct vcpu_ctx, host_sp) == VCPU_HOST_SP, "vcpu_layout.h");
_Static_assert(offsetof(struct vcpu_ctx, pcpu) == VCPU_PCPU, "vcpu_layout.h");

/* The VS-level CSRs and the per-vCPU H CSRs, saved while the vCPU is not loaded on its hart
 * (vs_context.c). hvip holds the software-owned bits (VSSIP, VSTIP); VSEIP comes from lines. */
struct vs_state {
    unsigned long vsstatus, vsie, vstvec, vsscratch, vsepc, vscause, vstval, vsatp;
    unsigned long hvip, htimedelta, vstimecmp, henvcfg, hcounteren, senvcfg, scounteren;
    unsigned long hstateen0;
};

struct fp_state {
    uint64_t f[32];
    unsigned long fcsr;
};

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

/* Work one hart asks of a vCPU's owner (requests.h). */
#define VCPU_REQ_VSSIP   (1u << 0) /* raise the guest's supervisor software interrupt */
#define VCPU_REQ_LINES   (1u << 1) /* `lines` changed: apply them to hvip */
#define VCPU_REQ_FENCE_I (1u << 2)
#define VCPU_REQ_VVMA    (1u << 3) /* hfence.vvma for the whole guest address space */

struct vcpu {
    struct vcpu_ctx ctx; /* first: trap_vector.S finds it at sscratch */
    struct vm *vm;
    unsigned id;
    struct pcpu *pcpu;     /* owner hart */
    enum vcpu_state state; /* any hart, through hsm_state.h only */
    struct requests req;   /* any hart posts, the owner takes (requests.h) */
    /* Written by the hart_start that claimed the vCPU, before it publishes START_PENDING. */
    unsigned long start_addr, start_opaque;
    unsigned long lines; /* device interrupt lines (MIP_VSEIP): written under vm->lock, atomic */
    /* The rest belongs to the owner hart. */
    struct vs_state vs;
    struct fp_state fp;
    bool waiting;     /* in WFI or retentive suspend: runs again on an enabled interrupt */
    unsigned parked;  /* boot generation it was put away for (atomic; vm.c reads it) */
    uint64_t timecmp; /* SBI timer: deadline in host time; UINT64_MAX: none */
    uint64_t exits;
};

/* Why a guest stopped running; set once, by the first event that ends it. */
enum vm_end { VM_RUNNING, VM_POWEROFF, VM_REBOOT, VM_FAILED };

#define VM_REASON_LEN 192

struct guest_image;

struct vm {
    /* G-stage table pages (gstage.c): the root must be 16 KiB-aligned (§18.5.1). Guest RAM
     * takes one page per GiB it touches (2 MiB leaves) and one per level between those and the
     * root (Sv48x4, Sv57x4); the LSR page of hext.uart=paged two more (a table for the UART's
     * GiB, one for its 4 KiB leaf). A guest whose RAM needs more fails to set up (main.c). */
    uint8_t pt_root[16384] __attribute__((aligned(16384)));
    uint8_t pt_pages[10][4096] __attribute__((aligned(4096)));
    unsigned pt_used;
    /* hext.uart=paged: the page the G-stage maps read-only at the UART's LSR page. Byte 0 is
     * the model's LSR (uart_lsr), the rest 0 as the model reads there; written only with
     * vm->lock held, with atomic byte stores (uart_vdev.c). */
    uint8_t uart_shadow[4096] __attribute__((aligned(4096)));
    unsigned id;
    struct vcpu vcpu[VM_MAX_VCPUS];
    unsigned nvcpus;
    const struct options *opt; /* the host's switches (shared by every guest) */
    unsigned mem_mib;
    const struct guest_image *image;
    uint64_t ram_gpa, ram_size; /* guest RAM: [ram_gpa, ram_gpa + ram_size) */
    uint8_t *ram_low;           /* host backing of the first 2 MiB (see gstage.c) */
    uint8_t *ram_high;          /* host backing of the rest, starting at ram_gpa + 2 MiB */
    struct uart16550 uart;
    unsigned uart_shift; /* register n at VUART_BASE + (n << uart_shift) (hext.uart, guest_fdt.h) */
    bool uart_line;      /* the UART's interrupt output as last given to the PLIC */
    struct plic plic;
    unsigned long mvendorid, marchid, mimpid; /* the host's, passed on by SBI BASE */
    unsigned long hgatp, vmid;
    struct guest_console con;
    volatile enum vm_end end;
    bool finished;     /* ended for good, reported (vm.c) */
    unsigned boot_gen; /* 1 at the first boot, +1 per reboot */
    char reason[VM_REASON_LEN];
    uint64_t start_time, end_time; /* time CSR: first boot, end of the run */
    int lock;                      /* devices (UART, PLIC) and the end of the run */
};

/* Ends the guest's run (first call wins): its vCPUs stop after their current exit. */
void vm_end(struct vm *vm, enum vm_end how, const char *reason);

/* ---- services (target: the file in brackets; host tests: fakes) ---- */

/* Host pointer to guest-physical [gpa, gpa + len) when it lies in guest RAM, else NULL.
 * [gstage.c] */
void *guest_ram_ptr(struct vm *vm, uint64_t gpa, uint64_t len);
/* Reads an unsigned long at a guest-virtual address, translated as the guest would (HLV.D).
 * false if the access faults. [guest_mem.c] */
bool guest_read_ulong(struct vcpu *v, unsigned long gva, unsigned long *out);

/* Guest timer: deadline in host time (UINT64_MAX cancels). [timer.c] */
void vtimer_set(struct vcpu *v, uint64_t deadline);
/* Software-owned pending virtual interrupts (hvip.VSSIP/VSTIP). [vcpu.c] */
void vcpu_set_pending(struct vcpu *v, unsigned long hvip_bits);
void vcpu_clear_pending(struct vcpu *v, unsigned long hvip_bits);
/* A device's interrupt lines into vCPU v: the bits in changed take their value from levels.
 * Called with vm->lock held. [vcpu.c] */
void vcpu_set_lines(struct vcpu *v, unsigned long changed, unsigned long levels);
/* Supervisor software interrupt for each vCPU in the set (bit i: vCPU i). [vcpu.c] */
void vcpu_send_ipi(struct vcpu *self, unsigned long vcpus);
/* Fences on the guest's behalf (its VMID) on each vCPU in the set; done when they return,
 * including vCPUs that are not running at the time. [vcpu.c] */
void vcpu_fence_i(struct vcpu *self, unsigned long vcpus);
void vcpu_flush_vvma(struct vcpu *self, unsigned long vcpus, unsigned long start,
                     unsigned long size, bool use_asid, unsigned long asid);
/* SBI HSM hart_start: returns an SBI error code (ALREADY_AVAILABLE unless stopped). [vcpu.c] */
long vcpu_start(struct vcpu *target, unsigned long start_addr, unsigned long opaque);
/* HSM hart_stop / retentive suspend / WFI of the calling vCPU. [sched.c] */
void vcpu_stop_self(struct vcpu *v);
void vcpu_wait_self(struct vcpu *v);

/* Guest console output (UART THR, SBI console): one byte. [console.c] */
void guest_console_putc(struct vm *vm, char c);
/* Host console input, -1 when none. [hostcon.c] */
int host_getchar(void);

#endif
