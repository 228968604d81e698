/* See stats.h. */
#include "stats.h"

#include "console.h"
#include "sbi.h"
#include "vm.h"

struct stats stats;

static const char *const exception_names[EXC_COUNT] = {
        [EXC_ILLEGAL_INSN] = "illegal-insn",
        [EXC_ECALL_VS] = "ecall-vs",
        [EXC_INSN_GUEST_PAGE_FAULT] = "insn-guest-pf",
        [EXC_LOAD_GUEST_PAGE_FAULT] = "load-guest-pf",
        [EXC_VIRTUAL_INSN] = "virtual-insn",
        [EXC_STORE_GUEST_PAGE_FAULT] = "store-guest-pf",
};

static const char *const interrupt_names[IRQ_COUNT] = {
        [IRQ_SSI] = "s-soft (ipi)",
        [IRQ_STI] = "s-timer",
};

void stats_print(uint32_t timebase)
{
    uint64_t total = 0;

    for (unsigned i = 0; i < EXC_COUNT; i++) {
        total += stats.exceptions[i];
        if (stats.exceptions[i])
            hlog("  exits: cause %2u %-15s %llu", i, exception_names[i] ? exception_names[i] : "",
                 (unsigned long long)stats.exceptions[i]);
    }
    for (unsigned i = 0; i < IRQ_COUNT; i++) {
        total += stats.interrupts[i];
        if (stats.interrupts[i])
            hlog("  exits: irq   %2u %-15s %llu", i, interrupt_names[i] ? interrupt_names[i] : "",
                 (unsigned long long)stats.interrupts[i]);
    }
    hlog("  exits: total %llu", (unsigned long long)total);
    for (unsigned i = 0; i <= SBI_EXT_COUNT; i++)
        if (sbi_calls[i])
            hlog("  sbi calls: %-8s %llu", i < SBI_EXT_COUNT ? sbi_extensions[i]->name : "unknown",
                 (unsigned long long)sbi_calls[i]);
    hlog("  mmio: uart %llu, plic %llu (decoded from htinst %llu, by hlvx %llu)",
         (unsigned long long)stats.mmio_uart, (unsigned long long)stats.mmio_plic,
         (unsigned long long)stats.mmio_decode_htinst, (unsigned long long)stats.mmio_decode_hlvx);
    if (stats.injected_faults)
        hlog("  exceptions injected into the guest: %llu",
             (unsigned long long)stats.injected_faults);
    if (stats.count_instret)
        hlog("  instret in exit handling (incl. its SBI calls): %llu (%llu per exit; "
             "instructions where instret counts them: Spike, Sail, QEMU -icount)",
             (unsigned long long)stats.hyp_instret,
             (unsigned long long)(total ? stats.hyp_instret / total : 0));
    uint64_t ticks = vms[0].end_time - vms[0].start_time;
    hlog("  guest run time: %llu ticks = %llu.%06llu s (%u boot%s)", (unsigned long long)ticks,
         (unsigned long long)(ticks / timebase),
         (unsigned long long)(ticks % timebase * 1000000 / timebase), stats.guest_boots,
         stats.guest_boots == 1 ? "" : "s");
}
