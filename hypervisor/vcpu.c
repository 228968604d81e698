/*
 * A vCPU's life: its hart's loop (wait to be started, reset, run, stop), the run loop (enter
 * the guest, handle the exit, repeat), and what exit handlers may do to it and to other vCPUs
 * (pending interrupts, IPIs, fences, HSM start).
 *
 * vCPU i always runs on the same host hart. Work for another vCPU is posted in its `requests`
 * and announced with a host IPI (SBI IPI to OpenSBI); the IPI is a supervisor software
 * interrupt that makes that hart leave its guest (trap.c) and do the work here.
 */
#include "vcpu.h"

#include "atomic.h"
#include "csr.h"
#include "fmt.h"
#include "host_sbi.h"
#include "plic.h"
#include "sbi.h"
#include "stats.h"
#include "string.h"
#include "timer.h"
#include "trap.h"

void guest_enter(struct vcpu_ctx *ctx); /* trap_vector.S */
void secondary_entry(void);             /* boot.S */

#define HART_STACK_SIZE 16384
static uint8_t hart_stacks[VM_MAX_VCPUS][HART_STACK_SIZE] __attribute__((aligned(16)));

/* Traps the guest handles itself (§18.2.2): its own exceptions and its VS-level interrupts.
 * Guest-page faults, VS ecalls and virtual-instruction exceptions cannot be delegated. */
#define HEDELEG_GUEST                                                                              \
    (1UL << EXC_INSN_MISALIGNED | 1UL << EXC_BREAKPOINT | 1UL << EXC_ECALL_U |                     \
     1UL << EXC_INSN_PAGE_FAULT | 1UL << EXC_LOAD_PAGE_FAULT | 1UL << EXC_STORE_PAGE_FAULT |       \
     1UL << EXC_ILLEGAL_INSN | 1UL << EXC_LOAD_MISALIGNED | 1UL << EXC_STORE_MISALIGNED |          \
     1UL << EXC_INSN_ACCESS | 1UL << EXC_LOAD_ACCESS | 1UL << EXC_STORE_ACCESS)
#define HIDELEG_GUEST (MIP_VSSIP | MIP_VSTIP | MIP_VSEIP)

/* The vCPU of the hart executing this: tp, set by trap_vector.S on every exit. */
struct vcpu *vcpu_current(void)
{
    struct vcpu *v;
    __asm__ volatile("mv %0, tp" : "=r"(v));
    return v;
}

void vcpu_init(struct vm *vm, unsigned id, unsigned long host_hartid)
{
    struct vcpu *v = &vm->vcpu[id];
    v->vm = vm;
    v->id = id;
    v->host_hartid = host_hartid;
    v->state = VCPU_STOPPED;
    v->ctx.stack_top = (unsigned long)&hart_stacks[id][HART_STACK_SIZE];
}

/* Linux's boot protocol (Documentation/arch/riscv/boot.rst) and SBI HSM hart_start (§9.1):
 * a0 = hartid, a1 = DTB / opaque, S-mode with the MMU off and interrupts disabled. */
void vcpu_reset(struct vcpu *v, unsigned long entry, unsigned long a1)
{
    unsigned long stack_top = v->ctx.stack_top;
    memset(&v->ctx, 0, sizeof(v->ctx));
    v->ctx.stack_top = stack_top;
    v->ctx.x[REG_A0] = v->id;
    v->ctx.x[REG_A1] = a1;
    v->ctx.sepc = entry;
    /* SPP = 1: sret goes to VS-mode. FS and VS = Initial: the guest's FPU and vector unit work
     * (sstatus and vsstatus both gate them, §18.2.1; VS reads 0 without V); the hypervisor
     * never touches those registers. */
    v->ctx.sstatus = (csr_read(sstatus) & ~(SSTATUS_SIE | SSTATUS_SPIE)) | SSTATUS_SPP |
                     (1UL << 13) | (1UL << 9);
    v->ctx.hstatus =
            (csr_read(hstatus) & ~(HSTATUS_GVA | HSTATUS_VTW)) | HSTATUS_SPV | HSTATUS_SPVP;
    v->timecmp = UINT64_MAX;

    csr_write(hedeleg, HEDELEG_GUEST);
    csr_write(hideleg, HIDELEG_GUEST);
    csr_write(hvip, 0);
    csr_write(hie, 0);
    csr_write(hcounteren, ~0UL);
    csr_write(vsstatus, 0);
    csr_write(vsie, 0);
    csr_write(vsatp, 0);
    csr_write(vstvec, 0);
    csr_write(vsscratch, 0);
    csr_write(vsepc, 0);
    csr_write(vscause, 0);
    csr_write(vstval, 0);
    /* The host timer and host IPIs interrupt the guest's run; its own interrupts are virtual. */
    csr_write(sie, MIP_STIP | MIP_SSIP);
}

static void send_host_ipi(struct vcpu *target)
{
    host_sbi_call(SBI_EXT_IPI, SBI_IPI_SEND_IPI, 1, target->host_hartid, 0);
}

/* vCPUs whose harts wait in remote_and_wait() or for the others to park (bit i: vCPU i). */
static volatile unsigned long waiters;

static void wake_waiters(struct vm *vm, struct vcpu *self)
{
    unsigned long w = __atomic_load_n(&waiters, __ATOMIC_ACQUIRE);
    for (unsigned i = 0; w && i < vm->nvcpus; i++)
        if ((w & (1UL << i)) && &vm->vcpu[i] != self)
            send_host_ipi(&vm->vcpu[i]);
}

static void post(struct vcpu *target, unsigned req)
{
    ATOMIC_OR(target->requests, req);
    send_host_ipi(target);
}

void vcpu_process_requests(struct vcpu *v)
{
    unsigned reqs = __atomic_load_n(&v->requests, __ATOMIC_ACQUIRE);
    if (!reqs)
        return;
    if (reqs & VCPU_REQ_VSSIP)
        csr_set(hvip, MIP_VSSIP);
    if (reqs & VCPU_REQ_EIP) {
        spin_lock(&v->vm->lock);
        bool level = plic_context_pending(&v->vm->plic, v->id);
        spin_unlock(&v->vm->lock);
        if (level)
            csr_set(hvip, MIP_VSEIP);
        else
            csr_clear(hvip, MIP_VSEIP);
    }
    if (reqs & VCPU_REQ_FENCE_I)
        fence_i();
    if (reqs & VCPU_REQ_VVMA)
        hfence_vvma_all();
    ATOMIC_AND(v->requests, ~reqs);
    if (reqs & (VCPU_REQ_FENCE_I | VCPU_REQ_VVMA))
        wake_waiters(v->vm, v);
}

/* Host supervisor software interrupt: another hart posted work (post()). */
void vcpu_handle_host_ipi(struct vcpu *v, const struct trap_info *t)
{
    (void)t;
    csr_clear(sip, MIP_SSIP);
    vcpu_process_requests(v);
}

/*
 * Waits in WFI rather than spinning: emulators that run harts in turn (QEMU with -icount, Spike)
 * may not give the hart being waited for any time while this one spins. The harts that end the
 * wait send an IPI; a timer interrupt is handled here so that WFI does not return at once.
 */
void vcpu_wait_for_ipi(struct vcpu *v)
{
    __asm__ volatile("wfi");
    csr_clear(sip, MIP_SSIP);
    if (csr_read(sip) & MIP_STIP)
        timer_handle_irq(v, 0);
    vcpu_process_requests(v);
}

void vcpu_run(struct vcpu *v)
{
    struct vm *vm = v->vm;

    while (vm->end == VM_RUNNING && v->state == VCPU_STARTED) {
        guest_enter(&v->ctx);
        if (!stats.count_instret) {
            trap_handle_exit(v);
            continue;
        }
        unsigned long start = csr_read(instret);
        trap_handle_exit(v);
        ATOMIC_ADD(stats.hyp_instret, csr_read(instret) - start);
    }
    host_set_timer(UINT64_MAX);
}

void vcpu_hart_loop(struct vcpu *v)
{
    struct vm *vm = v->vm;

    __asm__ volatile("mv tp, %0" : : "r"(v));
    for (;;) {
        v->parked = true;
        wake_waiters(vm, v);
        while (v->state != VCPU_START_PENDING) {
            /* vCPU 0's hart reports the end of the run (main.c); the others just wait. */
            if (v->id == 0 && vm->end != VM_RUNNING)
                return;
            vcpu_wait_for_ipi(v);
        }
        v->parked = false;
        vcpu_reset(v, v->start_addr, v->start_opaque);
        timer_hart_init(v);
        v->state = VCPU_STARTED;
        vcpu_run(v);
    }
}

void vcpu_secondary_main(struct vcpu *v)
{
    vcpu_hart_setup(v->vm);
    vcpu_hart_loop(v);
}

void vcpu_hart_setup(struct vm *vm)
{
    csr_write(hgatp, vm->hgatp);
    /* §18.5.3: nothing this hart cached for the VMID may outlive a new table. */
    hfence_gvma_all();
    if (vm->henvcfg_ok)
        csr_write(henvcfg, vm->henvcfg);
    csr_write(sie, MIP_SSIP);
}

long vcpu_start(struct vcpu *target, unsigned long start_addr, unsigned long opaque)
{
    target->start_addr = start_addr;
    target->start_opaque = opaque;
    __atomic_store_n(&target->state, VCPU_START_PENDING, __ATOMIC_RELEASE);
    if (target->hart_entered) {
        if (target != vcpu_current())
            send_host_ipi(target); /* wakes it from vcpu_wait_for_ipi() */
        return SBI_SUCCESS;
    }
    /* First start: the host hart is still stopped in OpenSBI; it enters at secondary_entry
     * with a1 = the vCPU (SBI HSM hart_start, §9.1). */
    struct sbiret r = host_sbi_call(SBI_EXT_HSM, SBI_HSM_HART_START, target->host_hartid,
                                    (unsigned long)secondary_entry, (unsigned long)target);
    if (r.error) {
        target->state = VCPU_STOPPED;
        return SBI_ERR_FAILED;
    }
    target->hart_entered = true;
    return SBI_SUCCESS;
}

void vcpu_set_pending(struct vcpu *v, unsigned long hvip_bits)
{
    if (v == vcpu_current()) {
        csr_set(hvip, hvip_bits);
        return;
    }
    if (v->state != VCPU_STARTED)
        return;
    post(v,
         (hvip_bits & MIP_VSSIP ? VCPU_REQ_VSSIP : 0) | (hvip_bits & MIP_VSEIP ? VCPU_REQ_EIP : 0));
}

void vcpu_clear_pending(struct vcpu *v, unsigned long hvip_bits)
{
    if (v == vcpu_current()) {
        csr_clear(hvip, hvip_bits);
        return;
    }
    if (v->state == VCPU_STARTED && (hvip_bits & MIP_VSEIP))
        post(v, VCPU_REQ_EIP);
}

void vcpu_send_ipi(struct vcpu *self, unsigned long vcpus)
{
    for (unsigned i = 0; i < self->vm->nvcpus; i++)
        if (vcpus & (1UL << i))
            vcpu_set_pending(&self->vm->vcpu[i], MIP_VSSIP);
}

/* Posts req to every other started vCPU in the set and waits until each has done it, doing
 * the work others post here meanwhile (two harts may fence each other at once). */
static void remote_and_wait(struct vcpu *self, unsigned long vcpus, unsigned req)
{
    struct vm *vm = self->vm;
    unsigned long waiting = 0;

    ATOMIC_OR(waiters, 1UL << self->id);
    for (unsigned i = 0; i < vm->nvcpus; i++) {
        struct vcpu *t = &vm->vcpu[i];
        if ((vcpus & (1UL << i)) && t != self && t->state == VCPU_STARTED) {
            post(t, req);
            waiting |= 1UL << i;
        }
    }
    for (;;) {
        for (unsigned i = 0; i < vm->nvcpus; i++) {
            struct vcpu *t = &vm->vcpu[i];
            if ((waiting & (1UL << i)) &&
                (!(__atomic_load_n(&t->requests, __ATOMIC_ACQUIRE) & req) ||
                 t->state != VCPU_STARTED))
                waiting &= ~(1UL << i);
        }
        if (!waiting)
            break;
        vcpu_wait_for_ipi(self);
    }
    ATOMIC_AND(waiters, ~(1UL << self->id));
}

/* vCPU 0's hart at the end of a run: until every other hart that ran a vCPU waits outside its
 * guest (vm_end() sent them an IPI; each IPIs back when parked). */
void vcpu_wait_for_parked(struct vm *vm)
{
    struct vcpu *self = &vm->vcpu[0];
    ATOMIC_OR(waiters, 1UL);
    for (;;) {
        bool all = true;
        for (unsigned i = 1; i < vm->nvcpus; i++)
            if (vm->vcpu[i].hart_entered && !vm->vcpu[i].parked)
                all = false;
        if (all)
            break;
        vcpu_wait_for_ipi(self);
    }
    ATOMIC_AND(waiters, ~1UL);
}

void vcpu_fence_i(struct vcpu *self, unsigned long vcpus)
{
    if (vcpus & (1UL << self->id))
        fence_i();
    remote_and_wait(self, vcpus, VCPU_REQ_FENCE_I);
}

/* Above this many pages a full flush is cheaper than one hfence per page. */
#define FLUSH_ALL_PAGES 64

void vcpu_flush_vvma(struct vcpu *self, unsigned long vcpus, unsigned long start,
                     unsigned long size, bool use_asid, unsigned long asid)
{
    if (vcpus & (1UL << self->id)) {
        bool all = (start == 0 && size == 0) || size == (unsigned long)-1 ||
                   size / 4096 > FLUSH_ALL_PAGES;
        if (all && use_asid)
            hfence_vvma_asid(asid);
        else if (all)
            hfence_vvma_all();
        for (unsigned long a = start & ~4095UL; !all && a < start + size; a += 4096) {
            if (use_asid)
                hfence_vvma(a, asid);
            else
                hfence_vvma_addr(a);
        }
    }
    /* Other harts flush the whole guest address space: simpler, and never too little. */
    remote_and_wait(self, vcpus, VCPU_REQ_VVMA);
}

void vm_end(struct vm *vm, enum vm_end how, const char *reason)
{
    spin_lock(&vm->lock);
    bool first = vm->end == VM_RUNNING;
    if (first) {
        fmt_snprintf(vm->reason, sizeof(vm->reason), "%s", reason);
        __atomic_store_n(&vm->end, how, __ATOMIC_RELEASE);
    }
    spin_unlock(&vm->lock);
    /* Every other hart leaves its guest and parks; vCPU 0's hart then reports (main.c). */
    for (unsigned i = 0; first && i < vm->nvcpus; i++)
        if (vm->vcpu[i].hart_entered && &vm->vcpu[i] != vcpu_current())
            send_host_ipi(&vm->vcpu[i]);
}
