/* The guest's ns16550a: lib's model, its transmitter feeding the guest console. */
#include "atomic.h"
#include "console.h"
#include "guest_fdt.h"
#include "hostcon.h"
#include "stats.h"
#include "vcpu.h"
#include "vdev.h"

static void uart_tx(void *ctx, char c)
{
    guest_console_putc(ctx, c);
}

/* Most accesses (LSR polls, THR writes) leave the UART's interrupt output as it was: only a
 * change is worth the PLIC's attention, which keeps the per-character path short. */
static void uart_line_update(struct vm *vm)
{
    bool level = uart_irq_pending(&vm->uart);
    if (level != vm->uart_line) {
        vm->uart_line = level;
        vdev_update_irqs(vm);
    }
}

bool uart_vdev_access(struct vm *vm, uint64_t off, unsigned width, bool is_store, uint64_t *val)
{
    ATOMIC_INC(stats.mmio_uart);
    if (is_store) {
        uart_write(&vm->uart, off, width, *val);
    } else {
        *val = uart_read(&vm->uart, off, width);
    }
    uart_line_update(vm);
    return true;
}

void uart_vdev_poll_input(struct vm *vm)
{
    int c;
    bool got = false;

    spin_lock(&vm->lock);
    /* Read the host console only while the guest's receiver has room: a byte read and then
     * refused would be lost (issue 7); left in the host UART, it waits for the guest. */
    while (uart_rx_ready(&vm->uart) && (c = host_getchar()) >= 0) {
        got = true;
        uart_rx_push(&vm->uart, (char)c);
    }
    if (got)
        uart_line_update(vm);
    spin_unlock(&vm->lock);
    /* A guest polled for input may be showing a prompt with no newline yet. */
    guest_console_show_partial(vm);
}

void vdev_init(struct vm *vm)
{
    uart_init(&vm->uart, uart_tx, vm);
    vm->uart_line = false;
    plic_init(&vm->plic, VPLIC_NDEV + 1, vm->nvcpus);
    for (unsigned i = 0; i < VM_MAX_VCPUS; i++)
        __atomic_store_n(&vm->vcpu[i].lines, 0, __ATOMIC_RELEASE);
}
