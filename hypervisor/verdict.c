/* See verdict.h. */
#include "verdict.h"

#include "console.h"
#include "csr.h"
#include "fmt.h"
#include "host_sbi.h"
#include "stats.h"
#include "string.h"
#include "vcpu.h"

static uint32_t timebase;

void verdict_set_timebase(uint32_t tb)
{
    timebase = tb;
}

static __attribute__((noreturn)) void print_and_poweroff(const char *verdict, const char *details)
{
    if (timebase) {
        uint64_t t = csr_read(time);
        hlog("hext-verdict: %s %s, clock %llu.%06llu s", verdict, details,
             (unsigned long long)(t / timebase),
             (unsigned long long)(t % timebase * 1000000 / timebase));
    } else {
        hlog("hext-verdict: %s %s", verdict, details);
    }
    host_poweroff();
}

void verdict_fail_and_poweroff(const char *reason)
{
    guest_console_flush();
    print_and_poweroff("FAIL", reason);
}

void verdict_finish(struct vm *vm)
{
    char details[VM_REASON_LEN + 220];
    const char *guest = guest_verdict();

    guest_console_flush();
    stats.guest_end_time = csr_read(time);
    hlog("guest0 ended: %s", vm->reason);
    stats_print(timebase);

    if (vm->end != VM_POWEROFF) {
        print_and_poweroff("FAIL", vm->reason);
    } else if (!guest) {
        print_and_poweroff("FAIL", "guest0 powered off without printing a hext-verdict line");
    } else if (strncmp(guest, "PASS", 4) != 0) {
        fmt_snprintf(details, sizeof(details), "guest0 reported failure (guest: %s)", guest);
        print_and_poweroff("FAIL", details);
    } else {
        const char *rest = guest[4] == ' ' ? guest + 5 : guest + 4;
        fmt_snprintf(details, sizeof(details), "guest0 powered off (guest: %s)", rest);
        print_and_poweroff("PASS", details);
    }
}
