/*
 * The guest's virtual devices (uart_vdev.c, plic_vdev.c): the lib device models wired to the
 * vCPU's interrupt lines. mmio.c routes guest accesses here by guest-physical address.
 */
#ifndef HEXT_HYP_VDEV_H
#define HEXT_HYP_VDEV_H

#include <stdbool.h>
#include <stdint.h>

struct vm;

/* Resets the guest's devices (and the UART's shadow); takes vm->lock. */
void vdev_init(struct vm *vm);
/* Size of the device's window at its base in vm (the UART's depends on hext.uart). */
uint64_t uart_vdev_window(const struct vm *vm);
uint64_t plic_vdev_window(const struct vm *vm);
/* Device access at offset off of the device's window, with vm->lock held. false: the access is
 * not one the device accepts (the guest gets an access fault). */
bool uart_vdev_access(struct vm *vm, uint64_t off, unsigned width, bool is_store, uint64_t *val);
bool plic_vdev_access(struct vm *vm, uint64_t off, unsigned width, bool is_store, uint64_t *val);
/* Recomputes the UART's PLIC line and the vCPU's VSEIP after a device changed state. */
void vdev_update_irqs(struct vm *vm);
/* Host console input (polled from the timer) into the UART. */
void uart_vdev_poll_input(struct vm *vm);

#endif
