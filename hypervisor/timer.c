/* See timer.h. */
#include "timer.h"

#include "csr.h"
#include "host_sbi.h"
#include "trap.h"
#include "vcpu.h"
#include "vdev.h"

static bool use_sstc;
static bool poll_console;
static uint64_t poll_period; /* timebase ticks between host console polls */
static uint64_t next_poll;

uint64_t timer_now(void)
{
    return csr_read(time);
}

/* Only vCPU 0's hart polls the host console. */
static bool polls(const struct vcpu *v)
{
    return poll_console && v->id == 0;
}

static void arm_host_timer(struct vcpu *v)
{
    uint64_t deadline = use_sstc ? UINT64_MAX : v->timecmp;
    if (polls(v) && next_poll < deadline)
        deadline = next_poll;
    host_set_timer(deadline);
}

void timer_init(struct vm *vm, uint32_t timebase)
{
    use_sstc = vm->opt.timer == OPT_TIMER_SSTC;
    /* With hvc0 the guest polls the SBI console itself: input must be left to it. */
    poll_console = vm->opt.console == OPT_CONSOLE_TTYS0;
    poll_period = timebase / 50;
}

void timer_hart_init(struct vcpu *v)
{
    if (use_sstc) {
        /* Guest time is host time (htimedelta 0): the guest's deadlines, the host's time CSR
         * and the verdict's clock all count in the same ticks. */
        csr_write(htimedelta, 0);
        csr_write(vstimecmp, UINT64_MAX);
    }
    v->timecmp = UINT64_MAX;
    if (v->id == 0)
        next_poll = timer_now() + poll_period;
    arm_host_timer(v);
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
    arm_host_timer(v);
}

void timer_handle_irq(struct vcpu *v, const struct trap_info *t)
{
    uint64_t now = timer_now();
    (void)t;

    if (!use_sstc && now >= v->timecmp) {
        vcpu_set_pending(v, MIP_VSTIP);
        v->timecmp = UINT64_MAX;
    }
    if (polls(v) && now >= next_poll) {
        next_poll = now + poll_period;
        uart_vdev_poll_input(v->vm);
    }
    arm_host_timer(v);
}
