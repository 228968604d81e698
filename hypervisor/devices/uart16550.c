/*
 * ns16550a model. Register behaviour follows the National Semiconductor/TI PC16550D data
 * sheet; where Linux's 8250 driver probes (autoconfig, THRE test at startup), the comments
 * say what it expects.
 */
#include "uart16550.h"

enum {
    REG_RBR_THR_DLL = 0,
    REG_IER_DLM = 1,
    REG_IIR_FCR = 2,
    REG_LCR = 3,
    REG_MCR = 4,
    REG_LSR = UART_REG_LSR,
    REG_MSR = 6,
    REG_SCR = 7,
};

#define IER_RDI  0x01 /* received data available */
#define IER_THRI 0x02 /* transmitter holding register empty */
#define IER_RLSI 0x04 /* receiver line status */
#define IER_MASK 0x0f /* upper bits read 0: Linux takes a writable bit 6 for an XScale */

#define IIR_NO_INT  0x01
#define IIR_THRI    0x02
#define IIR_RDI     0x04
#define IIR_RLSI    0x06
#define IIR_TIMEOUT 0x0c
#define IIR_FIFO    0xc0 /* both bits set: a 16550A with working FIFOs */

#define FCR_ENABLE   0x01
#define FCR_CLEAR_RX 0x02

#define LCR_DLAB 0x80

#define MCR_DTR  0x01
#define MCR_RTS  0x02
#define MCR_OUT1 0x04
#define MCR_OUT2 0x08
#define MCR_LOOP 0x10
#define MCR_MASK 0x1f

#define LSR_DR   0x01
#define LSR_OE   0x02
#define LSR_THRE 0x20
#define LSR_TEMT 0x40

#define MSR_CTS 0x10
#define MSR_DSR 0x20
#define MSR_RI  0x40
#define MSR_DCD 0x80

void uart_init(struct uart16550 *u, void (*tx)(void *, char), void *ctx)
{
    *u = (struct uart16550){.tx = tx, .ctx = ctx};
}

static unsigned rx_capacity(const struct uart16550 *u)
{
    return (u->fcr & FCR_ENABLE) ? UART_FIFO_SIZE : 1; /* 16450 mode: one holding byte */
}

static unsigned rx_trigger(const struct uart16550 *u)
{
    static const unsigned levels[4] = {1, 4, 8, 14};

    return (u->fcr & FCR_ENABLE) ? levels[u->fcr >> 6] : 1;
}

static void rx_clear(struct uart16550 *u)
{
    u->rx_head = 0;
    u->rx_count = 0;
}

static bool rx_put(struct uart16550 *u, uint8_t c)
{
    if (u->rx_count >= rx_capacity(u)) {
        u->overrun = true;
        return false;
    }
    u->rx[(u->rx_head + u->rx_count) % UART_FIFO_SIZE] = c;
    u->rx_count++;
    return true;
}

static uint8_t rx_get(struct uart16550 *u)
{
    uint8_t c;

    if (!u->rx_count)
        return 0;
    c = u->rx[u->rx_head];
    u->rx_head = (u->rx_head + 1) % UART_FIFO_SIZE;
    u->rx_count--;
    return c;
}

/* Interrupt identification, highest priority first (data sheet, IIR table). */
static uint8_t iir_id(const struct uart16550 *u)
{
    if ((u->ier & IER_RLSI) && u->overrun)
        return IIR_RLSI;
    if ((u->ier & IER_RDI) && u->rx_count)
        return u->rx_count >= rx_trigger(u) ? IIR_RDI : IIR_TIMEOUT;
    if ((u->ier & IER_THRI) && u->thre_pending)
        return IIR_THRI;
    return IIR_NO_INT;
}

void uart_lsr_seen(struct uart16550 *u)
{
    u->overrun = false;
}

uint8_t uart_lsr(const struct uart16550 *u)
{
    return LSR_THRE | LSR_TEMT | (u->rx_count ? LSR_DR : 0) | (u->overrun ? LSR_OE : 0);
}

/* In loopback the modem inputs follow the outputs: DTR->DSR, RTS->CTS, OUT1->RI, OUT2->DCD
 * (Linux's probe sets LOOP|OUT2|RTS and expects DCD|CTS). Otherwise the line looks connected. */
static uint8_t msr(const struct uart16550 *u)
{
    if (!(u->mcr & MCR_LOOP))
        return MSR_DCD | MSR_DSR | MSR_CTS;
    return ((u->mcr & MCR_DTR) ? MSR_DSR : 0) | ((u->mcr & MCR_RTS) ? MSR_CTS : 0) |
           ((u->mcr & MCR_OUT1) ? MSR_RI : 0) | ((u->mcr & MCR_OUT2) ? MSR_DCD : 0);
}

uint64_t uart_read(struct uart16550 *u, uint64_t reg, unsigned width)
{
    bool dlab = u->lcr & LCR_DLAB;
    uint8_t id;

    (void)width;
    switch (reg) {
    case REG_RBR_THR_DLL:
        return dlab ? u->dll : rx_get(u);
    case REG_IER_DLM:
        return dlab ? u->dlm : u->ier;
    case REG_IIR_FCR:
        id = iir_id(u);
        /* Reading IIR while it reports THRE clears that interrupt (Linux's startup test
         * relies on it re-arming when IER.THRI is written again). */
        if (id == IIR_THRI)
            u->thre_pending = false;
        return id | ((u->fcr & FCR_ENABLE) ? IIR_FIFO : 0);
    case REG_LCR:
        return u->lcr;
    case REG_MCR:
        return u->mcr;
    case REG_LSR:
        id = uart_lsr(u);
        uart_lsr_seen(u);
        return id;
    case REG_MSR:
        return msr(u);
    case REG_SCR:
        return u->scr;
    default:
        return 0;
    }
}

static void write_fcr(struct uart16550 *u, uint8_t val)
{
    /* Changing the FIFO enable bit resets both FIFOs. */
    if ((val ^ u->fcr) & FCR_ENABLE || (val & FCR_CLEAR_RX))
        rx_clear(u);
    /* Only the enable bit and the trigger level persist; DMA mode and reserved bits do not
     * matter here, and bit 5 (a 16750's 64-byte FIFO) must not show in IIR. */
    u->fcr = val & (FCR_ENABLE | 0xc0);
}

static void write_thr(struct uart16550 *u, uint8_t c)
{
    if (u->mcr & MCR_LOOP)
        rx_put(u, c);
    else if (u->tx)
        u->tx(u->ctx, (char)c);
    /* Sent at once: THR is empty again, which raises THRE anew. */
    u->thre_pending = true;
}

void uart_write(struct uart16550 *u, uint64_t reg, unsigned width, uint64_t val)
{
    bool dlab = u->lcr & LCR_DLAB;
    uint8_t v = (uint8_t)val;

    (void)width;
    switch (reg) {
    case REG_RBR_THR_DLL:
        if (dlab)
            u->dll = v;
        else
            write_thr(u, v);
        break;
    case REG_IER_DLM:
        if (dlab) {
            u->dlm = v;
            break;
        }
        /* Enabling THRI while THR is empty raises the THRE interrupt. */
        if ((v & IER_THRI) && !(u->ier & IER_THRI))
            u->thre_pending = true;
        u->ier = v & IER_MASK;
        break;
    case REG_IIR_FCR:
        write_fcr(u, v);
        break;
    case REG_LCR:
        u->lcr = v;
        break;
    case REG_MCR:
        u->mcr = v & MCR_MASK;
        break;
    case REG_SCR:
        u->scr = v;
        break;
    default: /* LSR and MSR are read-only */
        break;
    }
}

bool uart_rx_push(struct uart16550 *u, char c)
{
    if (u->mcr & MCR_LOOP)
        return false;
    return rx_put(u, (uint8_t)c);
}

bool uart_rx_ready(const struct uart16550 *u)
{
    return !(u->mcr & MCR_LOOP) && u->rx_count < rx_capacity(u);
}

bool uart_irq_pending(const struct uart16550 *u)
{
    return iir_id(u) != IIR_NO_INT;
}
