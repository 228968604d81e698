/*
 * Each host hart runs the vCPUs assigned to it (sched.h): it does their requests and state
 * changes, picks the next runnable one round-robin, loads its state when it differs from the
 * loaded one, and runs it until its slice ends, it waits or stops, or its guest ends. With
 * nothing to run the hart unloads (no guest interrupt left enabled, so WFI cannot return at
 * once for a stopped vCPU) and waits in WFI for a host IPI or its timer.
 */
#include "sched.h"

#include "atomic.h"
#include "csr.h"
#include "host_sbi.h"
#include "sbi.h"
#include "stats.h"
#include "timer.h"
#include "trap.h"
#include "vm.h"
#include "vs_context.h"

void guest_enter(struct vcpu_ctx *ctx); /* trap_vector.S */

#define HART_STACK_SIZE 16384
static uint8_t hart_stacks[PCPU_MAX][HART_STACK_SIZE] __attribute__((aligned(16)));

struct pcpu pcpus[PCPU_MAX];
unsigned npcpus;
bool vmid_shared;

/* Traps the guest handles itself (§18.2.2): its own exceptions and its VS-level interrupts.
 * Guest-page faults, VS ecalls and virtual-instruction exceptions cannot be delegated. */
#define HEDELEG_GUEST                                                                              \
    (1UL << EXC_INSN_MISALIGNED | 1UL << EXC_BREAKPOINT | 1UL << EXC_ECALL_U |                     \
     1UL << EXC_INSN_PAGE_FAULT | 1UL << EXC_LOAD_PAGE_FAULT | 1UL << EXC_STORE_PAGE_FAULT |       \
     1UL << EXC_ILLEGAL_INSN | 1UL << EXC_LOAD_MISALIGNED | 1UL << EXC_STORE_MISALIGNED |          \
     1UL << EXC_INSN_ACCESS | 1UL << EXC_LOAD_ACCESS | 1UL << EXC_STORE_ACCESS)
#define HIDELEG_GUEST (MIP_VSSIP | MIP_VSTIP | MIP_VSEIP)

struct pcpu *pcpu_self(void)
{
    struct pcpu *p;
    __asm__ volatile("mv %0, tp" : "=r"(p));
    return p;
}

void sched_init_pcpu(unsigned index, unsigned long hartid)
{
    struct pcpu *p = &pcpus[index];
    p->index = index;
    p->hartid = hartid;
    p->stack_top = (unsigned long)&hart_stacks[index][HART_STACK_SIZE];
    p->armed = UINT64_MAX;
}

void sched_assign(struct pcpu *p, struct vcpu *v)
{
    v->pcpu = p;
    v->ctx.pcpu = p;
    p->vcpus[p->nvcpus++] = v;
}

bool sched_shared(const struct pcpu *p)
{
    return p->nvcpus > 1;
}

void sched_kick(struct pcpu *p)
{
    if (p != pcpu_self())
        host_sbi_call(SBI_EXT_IPI, SBI_IPI_SEND_IPI, 1, p->hartid, 0);
}

void sched_flush_vm(struct pcpu *p, const struct vm *vm)
{
    /* hfence.vvma applies to the VMID in hgatp (§18.3.2). */
    if (p->hgatp_vm == vm) {
        hfence_vvma_all();
        return;
    }
    unsigned long cur = csr_read(hgatp);
    csr_write(hgatp, vm->hgatp);
    hfence_vvma_all();
    csr_write(hgatp, cur);
}

void sched_unload(struct pcpu *p)
{
    if (!p->loaded)
        return;
    vs_save(p->loaded);
    p->loaded = 0;
    csr_write(hvip, 0);
    csr_write(hie, 0);
}

static void load(struct pcpu *p, struct vcpu *v)
{
    struct vm *vm = v->vm;

    if (p->loaded == v)
        return;
    sched_unload(p);
    if (p->hgatp_vm != vm) {
        csr_write(hgatp, vm->hgatp);
        /* §18.5.3: with one VMID for several guests, nothing cached for the previous guest
         * may be used for this one. */
        if (vmid_shared && p->hgatp_vm) {
            hfence_gvma_all();
            hfence_vvma_all();
        }
        p->hgatp_vm = vm;
    }
    /* As KVM does: translations another vCPU of this guest cached on this hart are not ones
     * this vCPU's guest CPU could have cached. */
    if (p->last_of_vm[vm->id] && p->last_of_vm[vm->id] != v)
        hfence_vvma_all();
    p->last_of_vm[vm->id] = v;
    vs_load(p, v);
    p->loaded = v;
}

void sched_wait(struct pcpu *p)
{
    __asm__ volatile("wfi");
    csr_clear(sip, MIP_SSIP);
    if (csr_read(sip) & MIP_STIP)
        timer_tick(p);
    for (unsigned i = 0; i < p->nvcpus; i++)
        vcpu_do_requests(p->vcpus[i]);
}

/* Host supervisor software interrupt: another hart posted work or changed a vCPU's state. */
void vcpu_handle_host_ipi(struct vcpu *v, const struct trap_info *t)
{
    struct pcpu *p = v->pcpu;
    (void)t;
    csr_clear(sip, MIP_SSIP);
    for (unsigned i = 0; i < p->nvcpus; i++)
        vcpu_do_requests(p->vcpus[i]);
}

/* Pending and enabled VS interrupts (hip positions) of a waiting vCPU. */
static bool has_wakeup(struct pcpu *p, struct vcpu *v)
{
    if (p->loaded == v) /* hie stays 0 (the VS interrupts are delegated): vsie enables them */
        return (csr_read(hip) & csr_read(vsie) << 1 & HIDELEG_GUEST) != 0;
    unsigned long pend = v->vs.hvip | (__atomic_load_n(&v->lines, __ATOMIC_ACQUIRE) & MIP_VSEIP);
    if (vs_features.sstc && timer_now() >= v->vs.vstimecmp)
        pend |= MIP_VSTIP;
    /* vsie holds the S-level positions of the delegated VS interrupts (§18.2.12). */
    return (pend & (v->vs.vsie << 1) & HIDELEG_GUEST) != 0;
}

static bool runnable(unsigned i, void *ctx)
{
    struct pcpu *p = ctx;
    struct vcpu *v = p->vcpus[i];

    if (v->vm->end != VM_RUNNING || hsm_load(&v->state) != VCPU_STARTED)
        return false;
    if (v->waiting && has_wakeup(p, v))
        v->waiting = false;
    return !v->waiting;
}

static int pick(struct pcpu *p)
{
    return p->nvcpus ? sched_next(p->nvcpus, p->next, runnable, p) : -1;
}

/* State changes of p's vCPUs: posted work, guests that ended, starts. */
static void housekeeping(struct pcpu *p)
{
    for (unsigned i = 0; i < p->nvcpus; i++) {
        struct vcpu *v = p->vcpus[i];
        vcpu_do_requests(v);
        /* Acquire: vm_end() published the end after the boot generation it parks for. */
        if (__atomic_load_n(&v->vm->end, __ATOMIC_ACQUIRE) != VM_RUNNING) {
            if (p->loaded == v)
                sched_unload(p);
            vm_park_vcpu(v);
        }
    }
    for (unsigned i = 0; i < p->nvcpus; i++) {
        struct vcpu *v = p->vcpus[i];
        if (v->id == 0 && v->vm->end != VM_RUNNING && !v->vm->finished)
            vm_settle(v->vm);
    }
    /* After the settling: a reboot there starts vCPU 0 on this hart, and its kick of this
     * hart is lost, so a hart with nothing else to run (no host work on its timer) would wait
     * for it forever. */
    for (unsigned i = 0; i < p->nvcpus; i++) {
        struct vcpu *v = p->vcpus[i];
        if (__atomic_load_n(&v->vm->end, __ATOMIC_ACQUIRE) == VM_RUNNING &&
            hsm_load(&v->state) == VCPU_START_PENDING) {
            vcpu_reset(v);
            hsm_store(&v->state, VCPU_STARTED);
        }
    }
}

static void run_slice(struct pcpu *p, struct vcpu *v)
{
    struct vm *vm = v->vm;

    load(p, v);
    p->running = v;
    p->resched = false;
    p->slice_end = sched_shared(p) ? timer_now() + timer_slice_ticks() : UINT64_MAX;
    timer_rearm(p);
    while (vm->end == VM_RUNNING && hsm_load(&v->state) == VCPU_STARTED && !v->waiting &&
           !p->resched) {
        guest_enter(&v->ctx);
        v->exits++;
        if (!stats.count_instret) {
            trap_handle_exit(v);
            continue;
        }
        unsigned long start = csr_read(instret);
        trap_handle_exit(v);
        ATOMIC_ADD(stats.hyp_instret, csr_read(instret) - start);
    }
    p->running = 0;
    p->slice_end = UINT64_MAX;
}

void sched_run(struct pcpu *p)
{
    /* The host timer and host IPIs interrupt the guest's run; its own interrupts are virtual. */
    csr_write(sie, MIP_STIP | MIP_SSIP);
    csr_write(hedeleg, HEDELEG_GUEST);
    csr_write(hideleg, HIDELEG_GUEST);
    for (;;) {
        housekeeping(p);
        if (p->index == 0 && vm_all_finished())
            return;
        int i = pick(p);
        if (i < 0) {
            /* Unloaded, a waiting vCPU's vstimecmp is armed only if it is still ahead
             * (timer.c); one that fell due since pick() looked (QEMU raises a loaded vCPU's
             * VSTIP late, too) is armed by nothing and must be seen now, or this hart sleeps
             * through the only wake-up of a guest with nothing else left to run. */
            sched_unload(p);
            timer_rearm(p);
            i = pick(p);
        }
        if (i < 0) {
            sched_wait(p);
            continue;
        }
        p->next = (unsigned)i;
        run_slice(p, p->vcpus[i]);
    }
}

void sched_secondary_main(struct pcpu *p)
{
    __atomic_store_n(&p->arrived, true, __ATOMIC_RELEASE);
    csr_write(hgatp, 0);
    hfence_gvma_all();
    sched_run(p);
    for (;;)
        __asm__ volatile("wfi");
}
