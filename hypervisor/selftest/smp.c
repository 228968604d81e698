/*
 * Checks across two vCPUs (skipped with one). A PLIC line that rises while vCPU 1 is stopped
 * must reach vCPU 1 when it starts: the PLIC's context 1 is vCPU 1's S-level external
 * interrupt (the guest DTB), so once vCPU 1 enables it (sie.SEIE, sstatus.SIE) it takes a
 * supervisor external interrupt (privileged spec §12.1.3; scause = interrupt | 9). Issue 7: the
 * hypervisor used to drop a line change for a stopped vCPU and clear hvip when it started.
 * (Reading sip.SEIP instead would not do: QEMU 7.2 reads vsip.SEIP as 0, see
 * suite/known-failures/qemu-7.2.txt.)
 */
#include <stdint.h>

#include "selftest.h"

#define SBI_HSM       0x48534d
#define HSM_START     0
#define HSM_STOP      1
#define HSM_STATUS    2
#define HSM_STOPPED   1
#define IER_THRE      0x02 /* ns16550a: interrupt while the transmitter is empty */
#define UART_IRQ      10
#define PLIC          0x0c000000UL
#define PLIC_PRIORITY (PLIC + 4 * UART_IRQ)
#define PLIC_ENABLE1  (PLIC + 0x2000 + 0x80) /* PLIC spec §4: context 1's enable bits */
#define PLIC_THRESH1  (PLIC + 0x200000 + 0x1000)
#define SIE_SEIE      (1UL << 9)
#define SSTATUS_SIE   (1UL << 1)
#define CAUSE_S_EXT   (1UL << 63 | 9)
#define WAIT_LOOPS    50000000UL
#define VCPU1_LOOPS   5000000UL

static volatile unsigned long vcpu1_cause = ~0UL;
static volatile int vcpu1_done;
/* Not static: only the entry code names it. */
uint8_t vcpu1_stack[4096] __attribute__((aligned(16)));

void smp_vcpu1_main(void);
void smp_vcpu1_trapped(unsigned long scause);

/* vCPU 1's entry (SBI HSM hart_start) and trap vector: a stack, then C. */
__asm__(".section .text\n"
        ".globl smp_vcpu1_entry, smp_vcpu1_trap\n"
        "smp_vcpu1_entry:\n"
        "    la sp, vcpu1_stack + 4096\n"
        "    call smp_vcpu1_main\n"
        "1:  j 1b\n"
        ".balign 4\n"
        "smp_vcpu1_trap:\n"
        "    csrr a0, scause\n"
        "    call smp_vcpu1_trapped\n"
        "2:  j 2b\n");
void smp_vcpu1_entry(void);
void smp_vcpu1_trap(void);

static void vcpu1_finish(unsigned long cause)
{
    __asm__ volatile("csrc sstatus, %0" : : "r"(SSTATUS_SIE));
    vcpu1_cause = cause;
    __atomic_store_n(&vcpu1_done, 1, __ATOMIC_RELEASE);
    sbi(SBI_HSM, HSM_STOP, 0, 0, 0);
}

void smp_vcpu1_trapped(unsigned long scause)
{
    vcpu1_finish(scause);
}

void smp_vcpu1_main(void)
{
    __asm__ volatile("csrw stvec, %0" : : "r"(smp_vcpu1_trap));
    __asm__ volatile("csrw sie, %0" : : "r"(SIE_SEIE));
    __asm__ volatile("csrs sstatus, %0" : : "r"(SSTATUS_SIE));
    for (volatile unsigned long i = 0; i < VCPU1_LOOPS; i++)
        ;
    vcpu1_finish(0); /* no interrupt came */
}

static void write32(unsigned long addr, uint32_t v)
{
    *(volatile uint32_t *)addr = v;
}

void check_smp(void)
{
    if (sbi(SBI_HSM, HSM_STATUS, 1, 0, 0).error) {
        puts_("# smp checks skipped: one vCPU\n");
        return;
    }
    /* The UART's THRE interrupt, routed to context 1 only, while vCPU 1 is stopped. */
    write32(PLIC_PRIORITY, 1);
    write32(PLIC_THRESH1, 0);
    write32(PLIC_ENABLE1, 1u << UART_IRQ);
    *(volatile uint8_t *)uart_reg(UART_IER) = IER_THRE;

    long err = sbi(SBI_HSM, HSM_START, 1, (unsigned long)smp_vcpu1_entry, 0).error;
    check("hsm hart_start vCPU 1", (unsigned long)err, 0);
    for (unsigned long i = 0;
         !err && i < WAIT_LOOPS && !__atomic_load_n(&vcpu1_done, __ATOMIC_ACQUIRE); i++)
        ;
    check("vCPU 1 ran", vcpu1_done, 1);
    check("a PLIC line raised while vCPU 1 was stopped interrupts it once enabled (scause)",
          vcpu1_cause, CAUSE_S_EXT);

    *(volatile uint8_t *)uart_reg(UART_IER) = 0;
    write32(PLIC_ENABLE1, 0);
    for (unsigned long i = 0;
         i < WAIT_LOOPS && sbi(SBI_HSM, HSM_STATUS, 1, 0, 0).value != HSM_STOPPED; i++)
        ;
}
