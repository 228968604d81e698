/* See timer.h. */
#include "timer.h"

#include "console.h"
#include "csr.h"
#include "host_sbi.h"
#include "host_work.h"
#include "sched.h"
#include "trap.h"
#include "vcpu.h"
#include "vs_context.h"

static bool use_sstc;
static uint64_t slice_ticks;
/* A host timer change withdraws a pending hip.VSTIP (see probe_timer_clears_vstip). */
static bool host_timer_clears_vstip;

uint64_t timer_now(void)
{
    return csr_read(time);
}

uint64_t timer_slice_ticks(void)
{
    return slice_ticks;
}

/*
 * With both STCE bits set, hip.VSTIP is (time + htimedelta) >= vstimecmp (§18.2.3, Sstc), so
 * programming the host timer (stimecmp, written by the SBI firmware) must leave it alone.
 * Spike recomputes it from the comparator written and withdraws it until its next timer
 * update; a guest whose timer fell due while its vCPU stayed loaded then re-enters with its
 * interrupt gone and, if it waits again soon enough, never sees it (two guests of 2 vCPUs on 2
 * Spike harts stalled so, once one guest had ended). Boot hart, before any guest runs.
 */
static bool probe_timer_clears_vstip(void)
{
    unsigned long henvcfg = csr_read(henvcfg), delta = csr_read(htimedelta);

    csr_write(henvcfg, henvcfg | ENVCFG_STCE);
    csr_write(htimedelta, 0);
    csr_write(vstimecmp, 0);
    bool due = csr_read(hip) & MIP_VSTIP;
    host_set_timer(UINT64_MAX);
    bool withdrawn = due && !(csr_read(hip) & MIP_VSTIP);
    csr_write(vstimecmp, UINT64_MAX);
    csr_write(htimedelta, delta);
    csr_write(henvcfg, henvcfg);
    return withdrawn;
}

void timer_init(const struct options *opt, uint32_t timebase)
{
    use_sstc = opt->timer == OPT_TIMER_SSTC;
    slice_ticks = (uint64_t)timebase * opt->slice_ms / 1000;
    host_timer_clears_vstip = use_sstc && probe_timer_clears_vstip();
    if (host_timer_clears_vstip)
        hlog("host deviation: programming the host timer withdraws a due guest timer "
             "interrupt (hip.VSTIP; suite check 'sstc: stimecmp write leaves a pending "
             "hip.VSTIP set'): vstimecmp is rewritten after each host timer change");
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
        /* Rewriting the loaded vCPU's own comparator brings its VSTIP back. */
        if (host_timer_clears_vstip && p->loaded)
            csr_write(vstimecmp, csr_read(vstimecmp));
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
