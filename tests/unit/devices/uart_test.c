/*
 * ns16550a model. The probe and startup sequences replay what Linux 6.12's 8250 driver does
 * (drivers/tty/serial/8250/8250_port.c: autoconfig, autoconfig_16550a, size_fifo and the
 * THRE test in serial8250_do_startup); register values are from the PC16550D data sheet.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "uart16550.h"

enum {
    RBR = 0,
    THR = 0,
    DLL = 0,
    IER = 1,
    DLM = 1,
    IIR = 2,
    FCR = 2,
    LCR = 3,
    MCR = 4,
    LSR = 5,
    MSR = 6,
    SCR = 7
};

struct sink {
    char buf[512];
    unsigned n;
};

static void capture(void *ctx, char c)
{
    struct sink *s = ctx;

    if (s->n < sizeof(s->buf))
        s->buf[s->n++] = c;
}

static uint8_t in(struct uart16550 *u, unsigned off)
{
    return (uint8_t)uart_read(u, off, 1);
}

static void out(struct uart16550 *u, unsigned off, uint8_t v)
{
    uart_write(u, off, 1, v);
}

static void test_reset_state(void **state)
{
    struct uart16550 u;

    (void)state;
    uart_init(&u, NULL, NULL);
    assert_int_equal(in(&u, LSR), 0x60); /* THRE | TEMT */
    assert_int_equal(in(&u, IIR), 0x01); /* no interrupt, FIFOs off */
    assert_int_equal(in(&u, IER), 0);
    assert_int_equal(in(&u, MSR), 0xb0); /* DCD | DSR | CTS: a connected line */
    assert_false(uart_irq_pending(&u));
}

/* Linux autoconfig(): must end with type 16550A and 16 bytes of FIFO. */
static void test_linux_probe_finds_16550a(void **state)
{
    struct sink sink = {0};
    struct uart16550 u;
    uint8_t save_ier, save_mcr, save_lcr, status1, status2;
    unsigned fifo = 0;

    (void)state;
    uart_init(&u, capture, &sink);
    /* IER existence test: the low four bits are writable, reads back exactly. */
    save_ier = in(&u, IER);
    out(&u, IER, 0);
    assert_int_equal(in(&u, IER) & 0x0f, 0);
    out(&u, IER, 0x0f);
    assert_int_equal(in(&u, IER) & 0x0f, 0x0f);
    out(&u, IER, save_ier);
    /* Loopback test: MCR = LOOP|OUT2|RTS gives MSR status bits DCD|CTS. */
    save_mcr = in(&u, MCR);
    save_lcr = in(&u, LCR);
    out(&u, MCR, 0x10 | 0x08 | 0x02);
    assert_int_equal(in(&u, MSR) & 0xf0, 0x80 | 0x10);
    out(&u, MCR, save_mcr);
    /* EFR cleared under LCR 0xBF, then FIFOs enabled: IIR bits 7:6 = 11 means 16550A. */
    out(&u, LCR, 0xbf);
    out(&u, FCR, 0);
    out(&u, LCR, 0);
    out(&u, FCR, 0x01);
    assert_int_equal(in(&u, IIR) & 0xc0, 0xc0);
    /* autoconfig_16550a: no EFR at LCR 0x80 or 0xBF (offset 2 reads IIR, nonzero). */
    out(&u, LCR, 0x80);
    assert_int_not_equal(in(&u, IIR), 0);
    out(&u, LCR, 0xbf);
    assert_int_not_equal(in(&u, IIR), 0);
    /* Not a National Semiconductor SuperIO: offset 2 at LCR 0xE0 does not follow MCR.LOOP. */
    out(&u, LCR, 0);
    status1 = in(&u, MCR);
    out(&u, LCR, 0xe0);
    status2 = in(&u, 2);
    assert_int_equal((status1 ^ status2) & 0x10, 0);
    out(&u, LCR, 0);
    out(&u, MCR, status1 ^ 0x10);
    out(&u, LCR, 0xe0);
    status2 = in(&u, 2);
    out(&u, LCR, 0);
    out(&u, MCR, status1);
    assert_int_equal((status2 ^ status1) & 0x10, 0);
    /* Not a 16750: IIR bit 5 stays clear with FCR's 64-byte bit, with and without DLAB. */
    out(&u, FCR, 0x01 | 0x20);
    assert_int_equal(in(&u, IIR) & 0xe0, 0xc0);
    out(&u, LCR, 0x80);
    out(&u, FCR, 0x01 | 0x20);
    assert_int_equal(in(&u, IIR) & 0xe0, 0xc0);
    out(&u, FCR, 0x01);
    out(&u, LCR, 0);
    /* Not an XScale: IER bit 6 (UUE) does not stick. */
    out(&u, IER, 0x40);
    assert_int_equal(in(&u, IER) & 0x40, 0);
    out(&u, IER, 0);
    /* size_fifo(): in loopback, bytes written to THR land in the receiver until it is full. */
    out(&u, FCR, 0x01 | 0x02 | 0x04);
    out(&u, MCR, 0x10);
    out(&u, LCR, 0x80);
    out(&u, DLL, 1);
    out(&u, DLM, 0);
    out(&u, LCR, 0x03);
    for (unsigned i = 0; i < 256; i++)
        out(&u, THR, (uint8_t)i);
    while ((in(&u, LSR) & 0x01) && fifo <= 256) {
        in(&u, RBR);
        fifo++;
    }
    assert_int_equal(fifo, 16);
    assert_int_equal(sink.n, 0); /* loopback never reaches the line */
    out(&u, MCR, save_mcr);
    out(&u, LCR, save_lcr);
}

/* serial8250_do_startup's THRE test: a working UART re-raises THRE when IER.THRI is set again
 * after IIR reported (and so cleared) it. Otherwise Linux flags UART_BUG_THRE. */
static void test_linux_thre_test(void **state)
{
    struct uart16550 u;
    uint8_t iir1, iir;

    (void)state;
    uart_init(&u, NULL, NULL);
    out(&u, FCR, 0x01);
    out(&u, IER, 0x02);
    iir1 = in(&u, IIR);
    out(&u, IER, 0);
    out(&u, IER, 0x02);
    iir = in(&u, IIR);
    out(&u, IER, 0);
    assert_int_equal(iir1, 0xc2);
    assert_int_equal(iir, 0xc2);
    assert_false(uart_irq_pending(&u));
}

static void test_transmit_and_thre_interrupt(void **state)
{
    struct sink sink = {0};
    struct uart16550 u;

    (void)state;
    uart_init(&u, capture, &sink);
    out(&u, THR, 'h');
    uart_write(&u, THR, 4, 'i'); /* wider accesses act on the byte register */
    assert_int_equal(sink.n, 2);
    assert_memory_equal(sink.buf, "hi", 2);
    out(&u, IER, 0x02);
    assert_true(uart_irq_pending(&u));
    assert_int_equal(in(&u, IIR), 0x02);
    assert_false(uart_irq_pending(&u)); /* reading IIR cleared THRE */
    out(&u, THR, '!');
    assert_true(uart_irq_pending(&u)); /* THR empty again */
    out(&u, IER, 0);
    assert_false(uart_irq_pending(&u));
    /* DLAB: offsets 0 and 1 are the divisor latch; nothing is sent. */
    out(&u, LCR, 0x83);
    out(&u, DLL, 0x12);
    out(&u, DLM, 0x34);
    assert_int_equal(in(&u, DLL), 0x12);
    assert_int_equal(in(&u, DLM), 0x34);
    out(&u, LCR, 0x03);
    assert_int_equal(sink.n, 3);
    assert_int_equal(in(&u, IER), 0);
    assert_int_equal(in(&u, LCR), 0x03);
}

static void test_receive(void **state)
{
    struct uart16550 u;
    unsigned i;

    (void)state;
    uart_init(&u, NULL, NULL);
    out(&u, FCR, 0x41); /* FIFO on, trigger level 4 */
    out(&u, IER, 0x05); /* RDI | RLSI */
    assert_false(uart_irq_pending(&u));
    assert_true(uart_rx_push(&u, 'a'));
    assert_true(uart_irq_pending(&u));
    assert_int_equal(in(&u, IIR), 0xcc); /* below the trigger: character timeout */
    assert_int_equal(in(&u, LSR) & 0x01, 0x01);
    for (i = 1; i < 4; i++)
        uart_rx_push(&u, (char)('a' + i));
    assert_int_equal(in(&u, IIR), 0xc4); /* trigger level reached */
    for (i = 0; i < 4; i++)
        assert_int_equal(in(&u, RBR), 'a' + i);
    assert_int_equal(in(&u, LSR) & 0x01, 0);
    assert_false(uart_irq_pending(&u));
    assert_int_equal(in(&u, RBR), 0);

    /* Overrun: the 17th byte is dropped and LSR.OE raises the line-status interrupt. */
    for (i = 0; i < 16; i++) {
        assert_true(uart_rx_ready(&u));
        assert_true(uart_rx_push(&u, (char)i));
    }
    assert_false(uart_rx_ready(&u));
    assert_false(uart_rx_push(&u, 'x'));
    assert_int_equal(in(&u, IIR), 0xc6);
    assert_int_equal(in(&u, LSR), 0x60 | 0x02 | 0x01);
    assert_int_equal(in(&u, LSR) & 0x02, 0); /* reading LSR cleared OE */
    assert_int_equal(in(&u, IIR), 0xc4);
    out(&u, FCR, 0x43); /* clear the receive FIFO */
    assert_int_equal(in(&u, LSR) & 0x01, 0);

    /* FIFOs off (16450 mode): a single holding byte. */
    out(&u, FCR, 0x00);
    assert_true(uart_rx_ready(&u));
    assert_true(uart_rx_push(&u, 'y'));
    assert_false(uart_rx_ready(&u));
    assert_false(uart_rx_push(&u, 'z'));
    assert_int_equal(in(&u, IIR), 0x06);
    assert_int_equal(in(&u, RBR), 'y');
}

static void test_loopback_and_scratch(void **state)
{
    struct sink sink = {0};
    struct uart16550 u;

    (void)state;
    uart_init(&u, capture, &sink);
    out(&u, MCR, 0x10 | 0x01 | 0x04);                  /* LOOP | DTR | OUT1 */
    assert_int_equal(in(&u, MSR) & 0xf0, 0x20 | 0x40); /* DSR | RI */
    assert_false(uart_rx_ready(&u));                   /* receiver is off the line */
    assert_false(uart_rx_push(&u, 'q'));
    out(&u, THR, 'L');
    assert_int_equal(sink.n, 0);
    assert_int_equal(in(&u, RBR), 'L');
    out(&u, MCR, 0xff);
    assert_int_equal(in(&u, MCR), 0x1f);
    out(&u, SCR, 0xa5);
    assert_int_equal(in(&u, SCR), 0xa5);
    out(&u, SCR, 0x5a);
    assert_int_equal(in(&u, SCR), 0x5a);
    out(&u, LSR, 0);
    assert_int_equal(in(&u, LSR), 0x60);
    uart_write(&u, 0x40, 1, 0xff); /* past the 8 registers */
    assert_int_equal(uart_read(&u, 0x40, 1), 0);
}

/* uart_lsr shows what an LSR read returns, and leaves OE for the read (the paged layout's
 * shadow, hypervisor/uart_vdev.c). */
static void test_lsr_peek(void **state)
{
    struct uart16550 u;

    (void)state;
    uart_init(&u, NULL, NULL);
    assert_int_equal(uart_lsr(&u), 0x60);
    out(&u, MCR, 0x10); /* loopback, FIFOs off: one holding byte */
    out(&u, THR, 'a');
    assert_int_equal(uart_lsr(&u), 0x61);
    out(&u, THR, 'b'); /* overrun */
    assert_int_equal(uart_lsr(&u), 0x63);
    assert_int_equal(uart_lsr(&u), 0x63); /* a peek does not clear OE ... */
    assert_int_equal(in(&u, LSR), 0x63);
    assert_int_equal(uart_lsr(&u), 0x61); /* ... a read does */
    assert_int_equal(in(&u, RBR), 'a');
    assert_int_equal(uart_lsr(&u), 0x60);
    assert_int_equal(uart_read(&u, UART_REG_LSR, 1), 0x60);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_reset_state),
            cmocka_unit_test(test_linux_probe_finds_16550a),
            cmocka_unit_test(test_linux_thre_test),
            cmocka_unit_test(test_transmit_and_thre_interrupt),
            cmocka_unit_test(test_receive),
            cmocka_unit_test(test_loopback_and_scratch),
            cmocka_unit_test(test_lsr_peek),
    };

    return cmocka_run_group_tests_name("uart16550", tests, NULL, NULL);
}
