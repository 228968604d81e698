/* The hart's baseline between areas, and the watchdog that keeps a stuck run from hanging. */
#include "internal.h"

#define CLINT_MTIMECMP 0x4000
#define CLINT_MTIME    0xbff8
/* PMP entry 1 (NAPOT over all of memory, RWX) lets S/U reach everything; entry 0 stays free. */
#define PMP_NAPOT_RWX 0x1f

static volatile uint64_t *clint_reg(uintptr_t off)
{
    return (volatile uint64_t *)(suite_platform->clint + off);
}

void watchdog_arm(void)
{
    *clint_reg(CLINT_MTIMECMP) = *clint_reg(CLINT_MTIME) + suite_platform->watchdog_ticks;
    csr_set(CSR_MIE, 1ul << IRQ_MTI);
}

void watchdog_disarm(void)
{
    csr_clear(CSR_MIE, 1ul << IRQ_MTI);
    *clint_reg(CLINT_MTIMECMP) = ~0ul;
}

static void reset_h(void)
{
    csr_write(CSR_HEDELEG, 0);
    csr_write(CSR_HIDELEG, 0);
    csr_write(CSR_HVIP, 0);
    csr_write(CSR_HIE, 0);
    csr_write(CSR_HGEIE, 0);
    csr_write(CSR_HCOUNTEREN, ~0ul);
    if (profile.envcfg)
        csr_write(CSR_HENVCFG, 0);
    if (profile.smstateen)
        csr_write(CSR_HSTATEEN0, ~0ul);
    csr_write(CSR_HTIMEDELTA, 0);
    csr_write(CSR_HGATP, 0);
    csr_write(CSR_HSTATUS, csr_read(CSR_HSTATUS) & HSTATUS_VSXL);
    csr_write(CSR_VSSTATUS,
              (csr_read(CSR_VSSTATUS) & MSTATUS_UXL) | (FS_INITIAL << MSTATUS_FS_SHIFT));
    csr_write(CSR_VSATP, 0);
    csr_write(CSR_VSIE, 0);
    csr_write(CSR_VSTVEC, (uintptr_t)vs_trap_stub);
    if (profile.sstc)
        csr_write(CSR_VSTIMECMP, ~0ul);
    __asm__ volatile(".option push\n.option arch, +h\n"
                     "hfence.gvma\nhfence.vvma\n.option pop" ::
                             : "memory");
}

void hart_reset(void)
{
    uint64_t mstatus = csr_read(CSR_MSTATUS);

    mstatus &= MSTATUS_UXL | MSTATUS_SXL;
    csr_write(CSR_MSTATUS, mstatus | ((uint64_t)FS_INITIAL << MSTATUS_FS_SHIFT));
    csr_write(CSR_MEDELEG, 0);
    csr_write(CSR_MIDELEG, 0);
    csr_write(CSR_MIE, 0);
    csr_clear(CSR_MIP, (1ul << IRQ_SSI) | (1ul << IRQ_STI) | (1ul << IRQ_SEI));
    csr_write(CSR_MCOUNTEREN, ~0ul);
    csr_write(CSR_SCOUNTEREN, ~0ul);
    if (profile.envcfg)
        csr_write(CSR_MENVCFG, 0);
    /*
     * Smstateen resets mstateen0 to 0 ([mstateen_zero_initialization]), which makes henvcfg and
     * senvcfg illegal below M. The baseline opens every enable, as software that does not
     * context-switch lower levels does ("Usage"); the stateen area closes them one at a time.
     */
    if (profile.smstateen) {
        csr_write(CSR_MSTATEEN0, ~0ul);
        csr_write(CSR_SSTATEEN0, ~0ul);
    }
    csr_write(CSR_SATP, 0);
    csr_write(CSR_STVEC, (uintptr_t)hs_trap_stub);
    csr_write(CSR_SIE, 0);
    if (profile.pmp) {
        csr_write(CSR_PMPADDR1, ~0ul);
        csr_write(CSR_PMPCFG0, (uint64_t)PMP_NAPOT_RWX << 8);
    }
    if (profile.sstc)
        csr_write(CSR_STIMECMP, ~0ul);
    __asm__ volatile("sfence.vma" ::: "memory");
    if (profile.h)
        reset_h();
    watchdog_disarm();
}
