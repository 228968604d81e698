/*
 * The guest's ns16550a: lib's model, its transmitter feeding the guest console.
 *
 * Linux's console writes each character as an LSR poll and a THR write: two exits. While no
 * read of the UART has a side effect (uart_reads_are_pure), its page is mapped read-only in the
 * G-stage onto a shadow page holding what each register reads as, so polls cost no exit; stores
 * still fault and are emulated, and refresh the shadow. When a read would have an effect
 * (received data, LSR.OE, a THRE interrupt to acknowledge), the mapping is switched off, so
 * reads trap again.
 * Protocol: the shadow page and its G-stage entry change only with vm->lock held, after every
 * UART state change. The fence that makes a change visible is local, so the mapping is used
 * only by a VM with one vCPU (its hart is the only one reading through it); other VMs trap on
 * every access as before.
 */
#include "atomic.h"
#include "csr.h"
#include "guest_fdt.h"
#include "hostcon.h"
#include "pt/pt.h"
#include "stats.h"
#include "vcpu.h"
#include "vdev.h"

static uint8_t shadow[UART_MMIO_SIZE] __attribute__((aligned(4096)));
static uint64_t *shadow_entry; /* the G-stage leaf of the UART page, NULL until mapped */

int uart_vdev_map_shadow(struct pt *gstage)
{
    /* A G-stage leaf must have U (§18.5.1); no W: stores fault and are emulated. */
    int err = pt_map(gstage, VUART_BASE, (uint64_t)(uintptr_t)shadow, sizeof(shadow),
                     PTE_R | PTE_U | PTE_A);
    if (err)
        return err;
    shadow_entry = pt_page_entry(gstage, VUART_BASE);
    *shadow_entry &= ~PTE_V; /* off until uart_shadow_sync finds reads pure */
    return 0;
}

/* With vm->lock held: the shadow shows the registers, and is mapped exactly when reads are
 * pure. */
static void uart_shadow_sync(struct vm *vm)
{
    bool on;

    if (!shadow_entry)
        return;
    on = vm->nvcpus == 1 && uart_reads_are_pure(&vm->uart);
    if (on) {
        for (unsigned off = 0; off < 8; off++)
            shadow[off] = uart_peek(&vm->uart, off);
    }
    if (on != !!(*shadow_entry & PTE_V)) {
        *shadow_entry ^= PTE_V;
        /* Cached translations of the old entry must go (§18.5.3); HFENCE.GVMA with an address
         * is left out since the 2024 Sail model ignores it (suite/known-failures). */
        hfence_gvma_all();
    }
}

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
    uart_shadow_sync(vm);
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
        uart_shadow_sync(vm);
    }
    spin_unlock(&vm->lock);
}

void vdev_init(struct vm *vm)
{
    uart_init(&vm->uart, uart_tx, vm);
    vm->uart_line = false;
    uart_shadow_sync(vm);
    plic_init(&vm->plic, VPLIC_NDEV + 1, vm->nvcpus);
    for (unsigned i = 0; i < VM_MAX_VCPUS; i++)
        vm->eip[i] = false;
}
