/* QEMU virt: ns16550a UART for the console, sifive_test for the exit status. */
#include "../core/platform.h"

#define UART_BASE     0x10000000ul
#define UART_THR      0
#define UART_LSR      5
#define UART_LSR_THRE 0x20
#define SIFIVE_TEST   0x00100000ul
/* sifive_test: 0x5555 powers off with status 0, (code << 16) | 0x3333 with status `code`. */
#define TEST_PASS 0x5555u
#define TEST_FAIL 0x3333u

static void uart_putc(char c)
{
    volatile uint8_t *uart = (volatile uint8_t *)UART_BASE;

    while (!(uart[UART_LSR] & UART_LSR_THRE))
        ;
    uart[UART_THR] = (uint8_t)c;
}

__attribute__((noreturn)) static void test_exit(unsigned code)
{
    volatile uint32_t *test = (volatile uint32_t *)SIFIVE_TEST;

    *test = code ? (code << 16) | TEST_FAIL : TEST_PASS;
    for (;;)
        __asm__ volatile("wfi");
}

static const struct platform qemu = {
        .name = "qemu-virt",
        .putc = uart_putc,
        .exit = test_exit,
        .clint = 0x02000000ul,
        .watchdog_ticks = 10000000, /* 1 s at QEMU's 10 MHz timebase */
        .probe_modes = true,
        .absent_csrs_trap = true,
        .imsic_s = 0x28000000ul, /* virt with aia=aplic-imsic (hw/riscv/virt.c VIRT_IMSIC_S) */
};

const struct platform *platform_detect(void)
{
    return &qemu;
}
