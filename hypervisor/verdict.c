/* See verdict.h. */
#include "verdict.h"

#include "console.h"
#include "csr.h"
#include "fmt.h"
#include "host_sbi.h"
#include "stats.h"
#include "string.h"
#include "vcpu.h"
#include "vm.h"

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
    for (unsigned n = 0; n < nvms; n++)
        guest_console_flush(&vms[n]);
    print_and_poweroff("FAIL", reason);
}

/* Guest n's verdict into out; true when it passed. */
static bool guest_result(const struct vm *vm, char *out, size_t cap)
{
    const char *guest = guest_verdict(vm);

    if (vm->end != VM_POWEROFF) {
        fmt_snprintf(out, cap, "%s", vm->reason);
        return false;
    }
    if (!guest) {
        fmt_snprintf(out, cap, "guest%u powered off without printing a hext-verdict line", vm->id);
        return false;
    }
    if (strncmp(guest, "PASS", 4) != 0) {
        fmt_snprintf(out, cap, "guest%u reported failure (guest: %s)", vm->id, guest);
        return false;
    }
    const char *rest = guest[4] == ' ' ? guest + 5 : guest + 4;
    fmt_snprintf(out, cap, "guest%u powered off (guest: %s)", vm->id, rest);
    return true;
}

void verdict_finish(void)
{
    char details[VM_REASON_LEN + 220], first_fail[VM_REASON_LEN + 220];
    unsigned passed = 0;

    stats_print(timebase);
    first_fail[0] = '\0';
    for (unsigned n = 0; n < nvms; n++) {
        const struct vm *vm = &vms[n];
        bool ok = guest_result(vm, details, sizeof(details));
        uint64_t exits = 0, ticks = vm->end_time - vm->start_time;
        for (unsigned i = 0; i < vm->nvcpus; i++)
            exits += vm->vcpu[i].exits;
        hlog("summary guest%u: %s, %llu exits, run time %llu.%06llu s: %s", n, ok ? "PASS" : "FAIL",
             (unsigned long long)exits, (unsigned long long)(ticks / timebase),
             (unsigned long long)(ticks % timebase * 1000000 / timebase), details);
        if (ok)
            passed++;
        else if (!first_fail[0])
            memcpy(first_fail, details, sizeof(details));
    }
    if (nvms == 1)
        print_and_poweroff(passed ? "PASS" : "FAIL", passed ? details : first_fail);
    if (passed < nvms) {
        fmt_snprintf(details, sizeof(details), "%u of %u guests failed; first: %s", nvms - passed,
                     nvms, first_fail);
        print_and_poweroff("FAIL", details);
    }
    fmt_snprintf(details, sizeof(details), "all %u guests powered off with a PASS verdict", nvms);
    print_and_poweroff("PASS", details);
}
