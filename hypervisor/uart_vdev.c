/*
 * The guest's ns16550a: lib's model, its transmitter feeding the guest console, at the layout
 * hext.uart= picks (guest_fdt.h).
 *
 * Linux's 8250 console writes each character as an LSR poll and a THR write. With
 * hext.uart=paged the LSR's page is mapped read-only onto vm->uart_shadow (gstage.c), so the
 * poll is a plain load that costs no exit; stores there still fault and come here. Protocol:
 * the shadow's byte 0 is the model's LSR, rewritten with vm->lock held after everything that
 * can change LSR (an access, host input, a reset), so it is never older than the model once
 * the lock is released. The mapping itself never changes, so no fence is needed on any hart.
 */
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

/* With vm->lock held. An atomic store: a vCPU on another hart may be loading the byte. The
 * lock orders it against the model; nothing else needs ordering, since a guest that acts on
 * what it read (reads RBR after seeing DR) exits and takes the lock. */
static void uart_shadow_update(struct vm *vm)
{
    __atomic_store_n(&vm->uart_shadow[0], uart_lsr(&vm->uart), __ATOMIC_RELAXED);
}

uint64_t uart_vdev_window(const struct vm *vm)
{
    return VUART_WINDOW(vm->uart_shift);
}

bool uart_vdev_access(struct vm *vm, uint64_t off, unsigned width, bool is_store, uint64_t *val)
{
    /* Register n is the first byte of its slot (a page when paged); the rest of a slot reads 0
     * and ignores writes, as offsets 8..0xff of the packed window do. */
    bool at_reg = (off & ((1UL << vm->uart_shift) - 1)) == 0;
    uint64_t reg = off >> vm->uart_shift;

    ATOMIC_INC(stats.mmio_uart);
    /* Paged: the guest may have read LSR from the shadow since its last exit, and a 16550
     * clears OE on such a read; the model takes it as done now (uart16550.h). */
    if (vm->uart_shift)
        uart_lsr_seen(&vm->uart);
    if (is_store) {
        if (at_reg)
            uart_write(&vm->uart, reg, width, *val);
    } else {
        *val = at_reg ? uart_read(&vm->uart, reg, width) : 0;
    }
    uart_line_update(vm);
    uart_shadow_update(vm);
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
    if (got) {
        uart_line_update(vm);
        uart_shadow_update(vm);
    }
    spin_unlock(&vm->lock);
    /* A guest polled for input may be showing a prompt with no newline yet. */
    guest_console_show_partial(vm);
}

void vdev_init(struct vm *vm)
{
    /* Under the lock: the boot hart may be pushing host input into guest 0 while another hart
     * reboots it. */
    spin_lock(&vm->lock);
    uart_init(&vm->uart, uart_tx, vm);
    vm->uart_line = false;
    uart_shadow_update(vm);
    plic_init(&vm->plic, VPLIC_NDEV + 1, vm->nvcpus);
    for (unsigned i = 0; i < VM_MAX_VCPUS; i++)
        __atomic_store_n(&vm->vcpu[i].lines, 0, __ATOMIC_RELEASE);
    spin_unlock(&vm->lock);
}
