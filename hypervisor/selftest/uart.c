/*
 * The UART's LSR as the guest sees it. With hext.uart=paged (the default) each register has a
 * 4 KiB page of its own and the LSR's page is read-only memory, a shadow the hypervisor keeps
 * equal to its model's LSR (hypervisor/uart_vdev.c): loads there never exit, so what they read
 * must follow every change the model makes. With hext.uart=packed every access exits. Values:
 * PC16550D data sheet (LSR: DR bit 0, OE bit 1, THRE bit 5, TEMT bit 6; MCR bit 4 is loopback,
 * where THR writes land in the receiver; FIFOs off, the receiver holds one byte).
 */
#include <stdint.h>

#include "riscv/encoding.h"
#include "selftest.h"

#define PAGED_SHIFT 12
#define MCR_LOOP    0x10
#define LSR_DR      0x01
#define LSR_OE      0x02
#define LSR_IDLE    0x60 /* THRE | TEMT: transmitter empty, nothing received */
#define POLLS       256  /* more exits than all the other checks make, when polls exit */

unsigned uart_shift = PAGED_SHIFT;

static uint8_t in(unsigned reg)
{
    return *(volatile uint8_t *)uart_reg(reg);
}

static void out(unsigned reg, uint8_t v)
{
    *(volatile uint8_t *)uart_reg(reg) = v;
}

/*
 * The paged LSR address is read-only memory with the paged layout; with the packed one it lies
 * past the 0x100 window, a hole, where a load gets an access fault (hypervisor/mmio.c). The
 * load is 8 bytes: LSR, then the rest of the page, which reads 0.
 */
void check_uart_layout(void)
{
    trap_scause = 0;
    unsigned long got = probe_load(UART + ((unsigned long)UART_LSR << PAGED_SHIFT));
    if (trap_scause == EXC_LOAD_ACCESS) {
        uart_shift = 0;
        puts_("# uart: packed layout (a load at the paged LSR address faulted): paged checks "
              "skipped\n");
        return;
    }
    check("uart paged: ld of the LSR page: no trap", trap_scause, 0);
    check("uart paged: ld of the LSR page reads LSR 0x60, then zeros", got, LSR_IDLE);
    check("uart paged: the LSR page past its first byte reads 0",
          probe_load(uart_reg(UART_LSR) + 0x800), 0);
}

static void check_polls(void)
{
    unsigned same = 0;
    for (unsigned i = 0; i < POLLS; i++)
        same += in(UART_LSR) == LSR_IDLE;
    check("uart: LSR reads 0x60 (THRE|TEMT) on each of 256 polls", same, POLLS);
}

/* In loopback a THR write fills the receiver: DR shows, and reading RBR empties it again. With
 * the receiver full a second write overruns it: OE shows until LSR is read, which in the paged
 * layout (the model never sees those reads) is taken to be at the next access that exits
 * (hypervisor/devices/uart16550.h). */
static void check_loopback(void)
{
    out(UART_MCR, MCR_LOOP);
    out(UART_THR, 'h');
    check("uart loopback: a THR write sets LSR.DR", in(UART_LSR), LSR_IDLE | LSR_DR);
    check("uart loopback: RBR reads the byte written", in(UART_RBR), 'h');
    check("uart loopback: reading RBR clears LSR.DR", in(UART_LSR), LSR_IDLE);

    out(UART_THR, 'a');
    out(UART_THR, 'b');
    check("uart loopback: a second THR write overruns: LSR.OE", in(UART_LSR),
          LSR_IDLE | LSR_OE | LSR_DR);
    if (uart_shift) {
        check("uart paged: LSR.OE still shows before the next exit", in(UART_LSR),
              LSR_IDLE | LSR_OE | LSR_DR);
        (void)in(UART_SCR);
        check("uart paged: LSR.OE clear after an access that exits", in(UART_LSR),
              LSR_IDLE | LSR_DR);
    } else {
        check("uart packed: reading LSR cleared LSR.OE", in(UART_LSR), LSR_IDLE | LSR_DR);
    }
    check("uart loopback: the overrun kept the first byte", in(UART_RBR), 'a');
    check("uart loopback: LSR idle again", in(UART_LSR), LSR_IDLE);
    out(UART_MCR, 0);
}

/* The LSR page is read-only: a store faults into the hypervisor, which ignores it as an LSR
 * write (LSR is read-only), and the guest goes on. */
static void check_lsr_store(void)
{
    trap_scause = 0;
    probe_store(uart_reg(UART_LSR));
    check("uart paged: a store to the LSR page: no trap", trap_scause, 0);
    check("uart paged: a store to the LSR page changes nothing", in(UART_LSR), LSR_IDLE);
}

void check_uart_lsr(void)
{
    check_polls();
    check_loopback();
    if (uart_shift)
        check_lsr_store();
}
