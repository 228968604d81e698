/*
 * ns16550a UART model: a pure state machine the hypervisor drives from guest MMIO traps.
 * Registers are bytes at offsets 0..7 (reg-shift 0, as on QEMU virt); an access of any width
 * acts on the byte register at its offset. Linux's 8250 driver identifies it as a 16550A:
 * IER keeps only its 4 standard bits, IIR shows the FIFO bits, SCR holds a value, and loopback
 * mode maps MCR onto MSR and THR into the receiver.
 *
 * Transmission is immediate: a THR write calls tx() at once, so THRE and TEMT stay set and the
 * THRE interrupt re-arms after every write. Without a clock there is no character timeout, so
 * received bytes below the FIFO trigger level are reported at once as a timeout interrupt
 * (IIR 0x0C). Modem-status deltas are not modelled (MSR delta bits read 0).
 */
#ifndef HEXT_DEVICES_UART16550_H
#define HEXT_DEVICES_UART16550_H

#include <stdbool.h>
#include <stdint.h>

#define UART_FIFO_SIZE 16
#define UART_MMIO_SIZE 0x100

struct uart16550 {
    uint8_t ier, lcr, mcr, scr, fcr;
    uint8_t dll, dlm;
    bool thre_pending; /* THRE interrupt armed until IIR reports it or THR is written */
    bool overrun;      /* LSR.OE, cleared by reading LSR */
    uint8_t rx[UART_FIFO_SIZE];
    unsigned rx_head, rx_count;
    void (*tx)(void *ctx, char c);
    void *ctx;
};

void uart_init(struct uart16550 *u, void (*tx)(void *, char), void *ctx);
/* Offsets 8..UART_MMIO_SIZE-1 read as 0 and ignore writes. */
uint64_t uart_read(struct uart16550 *u, uint64_t off, unsigned width);
void uart_write(struct uart16550 *u, uint64_t off, unsigned width, uint64_t val);
/* Host console input. false when the byte is dropped: receiver full (LSR.OE is set) or in
 * loopback mode (the receiver is disconnected from the line). */
bool uart_rx_push(struct uart16550 *u, char c);
/* Whether uart_rx_push would take a byte now: a caller that can leave input waiting (the host
 * console) asks first, so that nothing is dropped. */
bool uart_rx_has_room(const struct uart16550 *u);
/* Level of the UART's interrupt output (IIR bit 0 clear). */
bool uart_irq_pending(const struct uart16550 *u);

#endif
