/* See timer.h. */
#include "timer.h"

#include "csr.h"
#include "host_sbi.h"
#include "host_work.h"
#include "sched.h"
#include "trap.h"
#include "vcpu.h"
#include "vs_context.h"

static bool use_sstc;
static uint64_t slice_ticks;

uint64_t timer_now(void)
{
    return csr_read(time);
}

uint64_t timer_slice_ticks(void)
{
    return slice_ticks;
}

void timer_init(const struct options *opt, uint32_t timebase)
{
    use_sstc = opt->timer == OPT_TIMER_SSTC;
    slice_ticks = (uint64_t)timebase * opt->slice_ms / 1000;
}

#define VSIE_STIE (1UL << 5) /* vsie.STIE: the S-level position (§18.2.12) */

/* A waiting, unloaded vCPU's vstimecmp wakes it only when it is ahead and the guest enabled
 * its timer interrupt; one already due makes the vCPU runnable instead, which sched_run() checks
 * after arming and before it sleeps. */
static uint64_t vcpu_deadline(const struct pcpu *p, const struct vcpu *v, uint64_t now)
{
    if (hsm_load(&v->state) != VCPU_STARTED)
        return UINT64_MAX;
    if (!use_sstc)
        return v->timecmp;
    bool wakes = v->waiting && p->loaded != v && (v->vs.vsie & VSIE_STIE) && v->vs.vstimecmp > now;
    return wakes ? v->vs.vstimecmp : UINT64_MAX;
}

void timer_rearm(struct pcpu *p)
{
    uint64_t deadline = p->slice_end, now = timer_now();
    for (unsigned i = 0; i < p->nvcpus; i++) {
        uint64_t d = vcpu_deadline(p, p->vcpus[i], now);
        if (d < deadline)
            deadline = d;
    }
    if (p->index == 0 && host_work_next() < deadline)
        deadline = host_work_next();
    if (deadline != p->armed) {
        p->armed = deadline;
        host_set_timer(deadline);
    }
}

void timer_tick(struct pcpu *p)
{
    uint64_t now = timer_now();

    for (unsigned i = 0; i < p->nvcpus; i++) {
        struct vcpu *v = p->vcpus[i];
        if (!use_sstc && now >= v->timecmp) {
            v->timecmp = UINT64_MAX;
            vcpu_set_pending(v, MIP_VSTIP);
        }
    }
    if (now >= p->slice_end)
        p->resched = true;
    if (p->index == 0 && now >= host_work_next())
        host_work_run(now);
    /* A fired host timer stays pending until it is programmed again. */
    p->armed = 0;
    timer_rearm(p);
}

void timer_handle_irq(struct vcpu *v, const struct trap_info *t)
{
    (void)t;
    timer_tick(v->pcpu);
}

/* SBI set_timer (§6.1): also clears the pending timer interrupt. */
void vtimer_set(struct vcpu *v, uint64_t deadline)
{
    if (use_sstc) {
        csr_write(vstimecmp, deadline);
        return;
    }
    vcpu_clear_pending(v, MIP_VSTIP);
    v->timecmp = deadline;
    timer_rearm(v->pcpu);
}
