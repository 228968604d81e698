/*
 * What exit handlers may do to their own vCPU and to others (pending interrupts, interrupt
 * lines, IPIs, fences, HSM start), and the owner hart's side of it: doing posted requests and
 * resetting a starting vCPU.
 *
 * A vCPU's saved state belongs to its owner hart (vcpu.h). From its owner, a change is made
 * directly (in the CSRs when the vCPU is loaded, else in its saved state); from any other hart
 * it is posted (requests.h) and the owner kicked with a host IPI.
 */
#include "vcpu.h"

#include "atomic.h"
#include "csr.h"
#include "sbi.h"
#include "sched.h"
#include "string.h"
#include "vm.h"
#include "vs_context.h"

static bool owned_here(const struct vcpu *v)
{
    return v->pcpu == pcpu_self();
}

static uint64_t post(struct vcpu *v, unsigned req)
{
    uint64_t gen = requests_post(&v->req, req);
    sched_kick(v->pcpu);
    return gen;
}

/* Owner hart only. */
static void hvip_update(struct vcpu *v, unsigned long set, unsigned long clear)
{
    if (v->pcpu->loaded == v) {
        csr_set(hvip, set);
        csr_clear(hvip, clear);
    } else {
        v->vs.hvip = (v->vs.hvip | set) & ~clear;
    }
}

/* Owner hart only: VSEIP follows the device lines (a loaded vCPU's hvip; vs_load otherwise). */
static void apply_lines(struct vcpu *v)
{
    if (v->pcpu->loaded != v)
        return;
    if (__atomic_load_n(&v->lines, __ATOMIC_ACQUIRE) & MIP_VSEIP)
        csr_set(hvip, MIP_VSEIP);
    else
        csr_clear(hvip, MIP_VSEIP);
}

void vcpu_set_pending(struct vcpu *v, unsigned long hvip_bits)
{
    if (owned_here(v))
        hvip_update(v, hvip_bits, 0);
    else if (hvip_bits & MIP_VSSIP)
        post(v, VCPU_REQ_VSSIP);
}

/* Only ever called for the caller's own vCPU (SBI set_timer, legacy clear_ipi). */
void vcpu_clear_pending(struct vcpu *v, unsigned long hvip_bits)
{
    if (owned_here(v))
        hvip_update(v, 0, hvip_bits);
}

void vcpu_set_lines(struct vcpu *v, unsigned long changed, unsigned long levels)
{
    unsigned long old = __atomic_load_n(&v->lines, __ATOMIC_ACQUIRE);
    unsigned long new = (old & ~changed) | (levels & changed);
    if (new == old)
        return;
    /* Writers hold vm->lock; the owner only reads. */
    __atomic_store_n(&v->lines, new, __ATOMIC_RELEASE);
    if (owned_here(v))
        apply_lines(v);
    else
        post(v, VCPU_REQ_LINES);
}

/* Harts that wait in remote_and_wait() (bit: pcpu index): woken when a fence completes. */
static unsigned long fence_waiters;

static void wake_fence_waiters(void)
{
    unsigned long w = __atomic_load_n(&fence_waiters, __ATOMIC_ACQUIRE);
    struct pcpu *self = pcpu_self();
    for (unsigned i = 0; w && i < npcpus; i++)
        if ((w & (1UL << i)) && &pcpus[i] != self)
            sched_kick(&pcpus[i]);
}

void vcpu_do_requests(struct vcpu *v)
{
    if (!requests_waiting(&v->req))
        return;
    uint64_t done_before = __atomic_load_n(&v->req.done, __ATOMIC_RELAXED), gen;
    unsigned reqs = requests_take(&v->req, &gen);
    if (reqs & VCPU_REQ_VSSIP)
        hvip_update(v, MIP_VSSIP, 0);
    if (reqs & VCPU_REQ_LINES)
        apply_lines(v);
    if (reqs & VCPU_REQ_FENCE_I)
        fence_i();
    if (reqs & VCPU_REQ_VVMA)
        sched_flush_vm(v->pcpu, v->vm);
    requests_finish(&v->req, gen);
    if (gen != done_before)
        wake_fence_waiters();
}

void vcpu_reset(struct vcpu *v)
{
    struct pcpu *p = v->pcpu;
    struct vm *vm = v->vm;

    memset(&v->ctx, 0, sizeof(v->ctx));
    v->ctx.pcpu = p;
    /* Linux's boot protocol (Documentation/arch/riscv/boot.rst) and SBI HSM hart_start
     * (§9.1): a0 = hartid, a1 = DTB / opaque, S-mode, MMU off, interrupts disabled. */
    v->ctx.x[REG_A0] = v->id;
    v->ctx.x[REG_A1] = v->start_opaque;
    v->ctx.sepc = v->start_addr;
    v->ctx.sstatus = vs_sstatus(csr_read(sstatus));
    v->ctx.hstatus = vs_hstatus(sched_shared(p));
    vs_reset(&v->vs, vm_henvcfg, vm_hstateen0);
    memset(&v->fp, 0, sizeof(v->fp));
    if (p->fp_owner == v)
        p->fp_owner = 0;
    if (p->loaded == v)
        p->loaded = 0;
    v->timecmp = UINT64_MAX;
    v->waiting = false;
    /* Whatever this hart cached for the guest from an earlier life of the vCPU (or of the
     * guest, before a reboot) must not be seen by the new one; VSEIP comes from `lines`,
     * which the devices keep current, when vs_load installs the state. */
    sched_flush_vm(p, vm);
    fence_i();
}

void vcpu_send_ipi(struct vcpu *self, unsigned long vcpus)
{
    for (unsigned i = 0; i < self->vm->nvcpus; i++)
        if (vcpus & (1UL << i))
            vcpu_set_pending(&self->vm->vcpu[i], MIP_VSSIP);
}

/* A vCPU that is stopped or starting needs no fence: vcpu_reset() flushes before it runs. */
static bool needs_fence(const struct vcpu *t)
{
    enum vcpu_state s = hsm_load(&t->state);
    return t->vm->end == VM_RUNNING && (s == VCPU_STARTED || s == VCPU_SUSPENDED);
}

/* The fence for every target on another hart is posted to its owner, which does it whether or
 * not the target is running; targets on this hart share this hart's TLB and the loaded guest's
 * VMID, so one local fence covers them. Returns when every owner has done it. */
static void remote_and_wait(struct vcpu *self, unsigned long vcpus, unsigned req)
{
    struct vm *vm = self->vm;
    struct pcpu *p = self->pcpu;
    uint64_t gen[VM_MAX_VCPUS];
    unsigned long waiting = 0;
    bool local = false;

    ATOMIC_OR(fence_waiters, 1UL << p->index);
    for (unsigned i = 0; i < vm->nvcpus; i++) {
        struct vcpu *t = &vm->vcpu[i];
        if (!(vcpus & (1UL << i)) || t == self || !needs_fence(t))
            continue;
        if (t->pcpu == p) {
            local = true;
            continue;
        }
        gen[i] = post(t, req);
        waiting |= 1UL << i;
    }
    if (local && req == VCPU_REQ_FENCE_I)
        fence_i();
    else if (local)
        hfence_vvma_all();
    while (waiting) {
        for (unsigned i = 0; i < vm->nvcpus; i++)
            if ((waiting & (1UL << i)) && requests_done(&vm->vcpu[i].req, gen[i]))
                waiting &= ~(1UL << i);
        if (waiting)
            sched_wait(p);
    }
    ATOMIC_AND(fence_waiters, ~(1UL << p->index));
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
    /* Other vCPUs flush the whole guest address space: simpler, and never too little. */
    remote_and_wait(self, vcpus, VCPU_REQ_VVMA);
}

long vcpu_start(struct vcpu *target, unsigned long start_addr, unsigned long opaque)
{
    if (!hsm_transition(&target->state, VCPU_STOPPED, VCPU_CLAIMED))
        return SBI_ERR_ALREADY_AVAILABLE;
    target->start_addr = start_addr;
    target->start_opaque = opaque;
    hsm_store(&target->state, VCPU_START_PENDING);
    sched_kick(target->pcpu);
    return SBI_SUCCESS;
}

void vcpu_stop_self(struct vcpu *v)
{
    hsm_store(&v->state, VCPU_STOPPED);
}

void vcpu_wait_self(struct vcpu *v)
{
    v->waiting = true;
}
