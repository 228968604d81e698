/*
 * What the guest checks, each against the spec: SBI v2.0 return values, MMIO emulation of every
 * load/store width with sign extension and compressed encodings (RISC-V unprivileged spec,
 * chapters "RV32I" and "C"), and the access faults for guest-physical addresses that are neither
 * RAM nor a device (privileged spec §18.6.1: the guest sees cause 1/5/7 with stval = its virtual
 * address; here satp is Bare, so that is the guest-physical address).
 */
#include <stdint.h>

#include "riscv/encoding.h"
#include "selftest.h"

#define PLIC_PRIORITY1 (0x0c000000UL + 4)
#define HOLE           0x40000000UL /* neither RAM nor a device in the guest's platform */

volatile unsigned long trap_scause, trap_stval, trap_sepc, expect_resume;
static unsigned passed, failed;

unsigned long probe_lh(unsigned long addr);
unsigned long probe_amoadd(unsigned long addr);
unsigned long mmio_c_sw_lw(unsigned long addr, unsigned long val);

static struct sbiret sbi4(unsigned long ext, unsigned long fid, unsigned long a0, unsigned long a1,
                          unsigned long a2, unsigned long a3)
{
    register unsigned long r0 __asm__("a0") = a0, r1 __asm__("a1") = a1, r2 __asm__("a2") = a2;
    register unsigned long r3 __asm__("a3") = a3;
    register unsigned long r6 __asm__("a6") = fid, r7 __asm__("a7") = ext;
    __asm__ volatile("ecall" : "+r"(r0), "+r"(r1) : "r"(r2), "r"(r3), "r"(r6), "r"(r7) : "memory");
    return (struct sbiret){(long)r0, (long)r1};
}

struct sbiret sbi(unsigned long ext, unsigned long fid, unsigned long a0, unsigned long a1,
                  unsigned long a2)
{
    return sbi4(ext, fid, a0, a1, a2, 0);
}

static void putc_(char c)
{
    sbi(0x4442434e, 2, (unsigned char)c, 0, 0); /* DBCN console_write_byte */
}

void puts_(const char *s)
{
    while (*s)
        putc_(*s++);
}

static void puthex(unsigned long v)
{
    puts_("0x");
    for (int i = 60; i >= 0; i -= 4)
        putc_("0123456789abcdef"[(v >> i) & 15]);
}

void check(const char *name, unsigned long got, unsigned long want)
{
    if (got == want) {
        passed++;
        puts_("ok ");
        puts_(name);
        putc_('\n');
        return;
    }
    failed++;
    puts_("not ok ");
    puts_(name);
    puts_(": got ");
    puthex(got);
    puts_(", want ");
    puthex(want);
    putc_('\n');
}

static void check_sbi(void)
{
    check("sbi spec version 2.0", sbi(0x10, 0, 0, 0, 0).value, 0x02000000);
    check("sbi probe dbcn", sbi(0x10, 3, 0x4442434e, 0, 0).value, 1);
    check("sbi probe pmu absent", sbi(0x10, 3, 0x504d55, 0, 0).value, 0);
    check("sbi unknown extension", (unsigned long)sbi(0x12345, 0, 0, 0, 0).error,
          (unsigned long)-2);
    check("sbi hsm hart 63 invalid", (unsigned long)sbi(0x48534d, 2, 63, 0, 0).error,
          (unsigned long)-3);
    static const char msg[] = "dbcn console_write works\n";
    check("sbi dbcn write count", sbi(0x4442434e, 0, sizeof(msg) - 1, (unsigned long)msg, 0).value,
          sizeof(msg) - 1);
}

static void check_mmio(void)
{
    volatile uint8_t *scr = (volatile uint8_t *)uart_reg(UART_SCR);
    unsigned long v;

    *scr = 0xa5;
    __asm__ volatile("lb %0, 0(%1)" : "=r"(v) : "r"(scr));
    check("mmio lb sign-extends", v, 0xffffffffffffffa5UL);
    __asm__ volatile("lbu %0, 0(%1)" : "=r"(v) : "r"(scr));
    check("mmio lbu zero-extends", v, 0xa5);
    __asm__ volatile("sb %1, 0(%0)" : : "r"(scr), "r"(0x1234567UL) : "memory");
    check("mmio sb stores the low byte", *scr, 0x67);

    /* PLIC priority: a WARL field with PLIC_PRIORITY_BITS implemented (7 on this model, like
     * QEMU virt). */
    check("mmio c.sw/c.lw (priority 7)", mmio_c_sw_lw(PLIC_PRIORITY1, 0xffffffffUL), 7);
    volatile uint32_t *prio = (volatile uint32_t *)PLIC_PRIORITY1;
    __asm__ volatile("sw %1, 0(%0)" : : "r"(prio), "r"(5UL) : "memory");
    __asm__ volatile("lw %0, 0(%1)" : "=r"(v) : "r"(prio));
    check("mmio sw/lw", v, 5);
    __asm__ volatile("lwu %0, 0(%1)" : "=r"(v) : "r"(prio));
    check("mmio lwu", v, 5);
}

static void check_faults(void)
{
    trap_scause = 0;
    probe_load(HOLE);
    check("load from a hole: load access fault (5)", trap_scause, EXC_LOAD_ACCESS);
    check("load from a hole: stval = address", trap_stval, HOLE);

    trap_scause = 0;
    probe_store(HOLE + 8);
    check("store to a hole: store access fault (7)", trap_scause, EXC_STORE_ACCESS);
    check("store to a hole: stval = address", trap_stval, HOLE + 8);

    trap_scause = 0;
    call_at(HOLE + 0x100, 0);
    check("fetch from a hole: instruction access fault (1)", trap_scause, EXC_INSN_ACCESS);
    check("fetch from a hole: stval = address", trap_stval, HOLE + 0x100);
    check("fetch from a hole: sepc = address", trap_sepc, HOLE + 0x100);
}

/* Unprivileged spec, "Misaligned Loads and Stores": address-misaligned or access fault. */
static unsigned long misaligned_or_access(unsigned long cause, unsigned long misaligned,
                                          unsigned long access)
{
    return cause == misaligned ? access : cause;
}

/* Accesses a device region does not take (mmio.c): the guest gets the fault, the run goes on.
 * A register's address | 1 is odd, so misaligned for lh and sw, in either UART layout. */
static void check_device_refusals(void)
{
    trap_scause = 0;
    probe_lh(uart_reg(UART_SCR) | 1);
    check("misaligned lh on the UART: load misaligned or access fault",
          misaligned_or_access(trap_scause, EXC_LOAD_MISALIGNED, EXC_LOAD_ACCESS), EXC_LOAD_ACCESS);
    check("misaligned lh on the UART: stval = address", trap_stval, uart_reg(UART_SCR) | 1);
    trap_scause = 0;
    probe_store(uart_reg(UART_IER) | 1);
    check("misaligned sw on the UART: store misaligned or access fault",
          misaligned_or_access(trap_scause, EXC_STORE_MISALIGNED, EXC_STORE_ACCESS),
          EXC_STORE_ACCESS);
    trap_scause = 0;
    probe_amoadd(PLIC_PRIORITY1);
    check("amoadd.w on the PLIC: store/AMO access fault (7)", trap_scause, EXC_STORE_ACCESS);
}

/* SBI calls at the edges of their ranges (SBI v2.0 §8, §12). */
static void check_sbi_edges(void)
{
    check("rfence sfence.vma up to the top page returns",
          (unsigned long)sbi4(0x52464e43, 1, 1, 0, 0xfffffffffffff800UL, 0x700).error, 0);
    check("rfence sfence.vma past 2^64: invalid address",
          (unsigned long)sbi4(0x52464e43, 1, 1, 0, -4096UL, 8192).error, (unsigned long)-5);
    check("legacy sfence.vma up to the top page returns",
          (unsigned long)sbi4(0x06, 0, 0, 0xfffffffffffff800UL, 0x700, 0).error, 0);
    /* Guest RAM below 0x80200000 and above it are separate host backings in the hypervisor. */
    check("dbcn read into a buffer across 0x80200000",
          (unsigned long)sbi(0x4442434e, 1, 16, 0x801ffff8UL, 0).error, 0);
}

/* Guest RAM below the image (0x80200000): a reboot restores the image, not this. */
#define REBOOT_MARK       ((volatile uint64_t *)0x80100000UL)
#define REBOOT_MARK_VALUE 0x68657874726562UL /* "hextreb" */
#define SRST_WARM_REBOOT  2

void selftest_main(void)
{
    puts_("hext hypervisor self-test guest\n");
    /* First boot: reboot once (SBI SRST warm reboot, §10.1), so that every check below runs
     * in a guest the hypervisor has restarted (fresh image, devices, vCPUs). */
    if (*REBOOT_MARK != REBOOT_MARK_VALUE) {
        *REBOOT_MARK = REBOOT_MARK_VALUE;
        puts_("rebooting once\n");
        sbi(0x53525354, 0, SRST_WARM_REBOOT, 0, 0);
        puts_("not ok SRST warm reboot returned\n");
    }
    check("running again after a warm reboot", *REBOOT_MARK, REBOOT_MARK_VALUE);
    check_uart_layout();
    check_sbi();
    check_mmio();
    check_uart_lsr();
    check_faults();
    check_device_refusals();
    check_sbi_edges();
    check_stale_fetch(PLIC_PRIORITY1, 5);
    check_smp();
    puts_(failed ? "hext-verdict: FAIL " : "hext-verdict: PASS ");
    putc_('0' + (char)(passed / 10));
    putc_('0' + (char)(passed % 10));
    puts_(" checks passed\n");
    sbi(0x53525354, 0, 0, failed ? 1 : 0, 0); /* SRST shutdown; reason 1 = system failure */
}
