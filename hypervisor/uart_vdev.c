/* The guest's ns16550a: lib's model, its transmitter feeding the guest console. */
#include "guest_fdt.h"
#include "stats.h"
#include "vcpu.h"
#include "vdev.h"

static void uart_tx(void *ctx, char c)
{
    guest_console_putc(ctx, c);
}

bool uart_vdev_access(struct vm *vm, uint64_t off, unsigned width, bool is_store, uint64_t *val)
{
    stats.mmio_uart++;
    if (is_store) {
        uart_write(&vm->uart, off, width, *val);
        /* A transmit only matters for interrupts when the THRE interrupt is enabled. */
        if (off != 0 || vm->uart.ier)
            vdev_update_irqs(vm);
    } else {
        *val = uart_read(&vm->uart, off, width);
        vdev_update_irqs(vm);
    }
    return true;
}

void uart_vdev_poll_input(struct vm *vm)
{
    int c;
    bool got = false;
    while ((c = host_getchar()) >= 0) {
        got = true;
        if (!uart_rx_push(&vm->uart, (char)c))
            break;
    }
    if (got)
        vdev_update_irqs(vm);
}

void vdev_init(struct vm *vm)
{
    uart_init(&vm->uart, uart_tx, vm);
    plic_init(&vm->plic, VPLIC_NDEV + 1, VPLIC_CONTEXTS);
}
