/*
 * ns16550a UART model: a pure state machine the hypervisor drives from guest MMIO traps.
 * Registers are numbered 0..7; where each lies in the guest's address space (hext.uart=packed:
 * byte offsets 0..7, paged: one per 4 KiB page) is uart_vdev.c's business. An access of any
 * width acts on the byte register. Linux's 8250 driver identifies it as a 16550A:
 * IER keeps only its 4 standard bits, IIR shows the FIFO bits, SCR holds a value, and loopback
 * mode maps MCR onto MSR and THR into the receiver.
 *
 * Transmission is immediate: a THR write calls tx() at once, so THRE and TEMT stay set and the
 * THRE interrupt re-arms after every write. Without a clock there is no character timeout, so
 * received bytes below the FIFO trigger level are reported at once as a timeout interrupt
 * (IIR 0x0C). Modem-status deltas are not modelled (MSR delta bits read 0).
 *
 * LSR.OE (overrun; reachable only in loopback mode, since host input waits for room) is cleared
 * by a read of LSR, as on a 16550. With hext.uart=paged the guest reads LSR from a shadow page
 * (uart_lsr's value) and the model never sees those reads: uart_vdev.c then takes the guest's
 * next access that exits as coming after such a read, so OE shows in the shadow from the access
 * that set it until the next access that exits, which clears it first.
 */
#ifndef HEXT_DEVICES_UART16550_H
#define HEXT_DEVICES_UART16550_H

#include <stdbool.h>
#include <stdint.h>

#define UART_FIFO_SIZE 16
#define UART_REG_LSR   5

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
/* Register reg (0..7); higher numbers read as 0 and ignore writes. */
uint64_t uart_read(struct uart16550 *u, uint64_t reg, unsigned width);
void uart_write(struct uart16550 *u, uint64_t reg, unsigned width, uint64_t val);
/* What a read of LSR returns now, without the read's effect on OE: the paged layout's shadow. */
uint8_t uart_lsr(const struct uart16550 *u);
/* The effect of an LSR read the model did not see (the paged layout's shadow): OE clears. */
void uart_lsr_seen(struct uart16550 *u);
/* Host console input. false when the byte is dropped: receiver full (LSR.OE is set) or in
 * loopback mode (the receiver is disconnected from the line). */
bool uart_rx_push(struct uart16550 *u, char c);
/* Whether uart_rx_push would take a byte now: a caller holding input elsewhere (the host
 * console) asks first, so that a byte the guest cannot take yet stays where it is. */
bool uart_rx_ready(const struct uart16550 *u);
/* Level of the UART's interrupt output (IIR bit 0 clear). */
bool uart_irq_pending(const struct uart16550 *u);

#endif
