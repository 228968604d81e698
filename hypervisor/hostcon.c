/* See hostcon.h. Register offsets and bits: the 16550 data sheet (as QEMU and Spike model it). */
#include "hostcon.h"

#include "host_sbi.h"

#define UART_RBR      0
#define UART_THR      0
#define UART_LSR      5
#define UART_LSR_DR   0x01
#define UART_LSR_THRE 0x20

static volatile uint8_t *uart;

void hostcon_use_uart(uintptr_t base)
{
    uart = (volatile uint8_t *)base;
}

void host_putchar(char c)
{
    if (!uart) {
        host_sbi_putchar(c);
        return;
    }
    while (!(uart[UART_LSR] & UART_LSR_THRE))
        ;
    uart[UART_THR] = (uint8_t)c;
}

int host_getchar(void)
{
    if (!uart)
        return host_sbi_getchar();
    return uart[UART_LSR] & UART_LSR_DR ? uart[UART_RBR] : -1;
}
