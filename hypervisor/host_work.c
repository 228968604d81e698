/* See host_work.h. */
#include "host_work.h"

#include "options.h"
#include "vdev.h"
#include "vm.h"

static uint64_t period, next = UINT64_MAX;

void host_work_init(const struct options *opt, uint32_t timebase, uint64_t now)
{
    /* With hvc0 the guest polls the SBI console itself: input must be left to it. */
    if (opt->console != OPT_CONSOLE_TTYS0)
        return;
    period = timebase / 50;
    next = now + period;
}

uint64_t host_work_next(void)
{
    return next;
}

void host_work_run(uint64_t now)
{
    next = now + period;
    if (vms[0].end == VM_RUNNING)
        uart_vdev_poll_input(&vms[0]);
}
