/*
 * ns16550a UART model: a pure state machine the hypervisor drives from guest MMIO traps.
 * Registers are 1 byte wide at offsets 0..7 (reg-shift 0, reg-io-width 1, as on QEMU virt).
 * Linux's 8250 driver identifies it as a 16550A (FIFO bits in IIR, scratch register, loopback).
 * Transmission is immediate: THR writes call tx() at once, so THRE/TEMT stay set.
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
    bool thre_pending; /* THRE interrupt armed until IIR read or THR write (16550 datasheet) */
    uint8_t rx[UART_FIFO_SIZE];
    unsigned rx_head, rx_count;
    bool overrun;
    void (*tx)(void *ctx, char c);
    void *ctx;
};

void uart_init(struct uart16550 *u, void (*tx)(void *, char), void *ctx);
/* Out-of-range offsets or widths other than 1 read as 0 / are ignored. */
uint64_t uart_read(struct uart16550 *u, uint64_t off, unsigned width);
void uart_write(struct uart16550 *u, uint64_t off, unsigned width, uint64_t val);
/* Host console input. false when the FIFO is full (the byte is dropped, LSR.OE set). */
bool uart_rx_push(struct uart16550 *u, char c);
/* Level of the UART's interrupt line (RDA, THRE, receiver line status per IER). */
bool uart_irq_pending(const struct uart16550 *u);

#endif
