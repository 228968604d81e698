/*
 * HTIF console and exit, shared by Spike and the Sail platform. Which of the two runs the ELF
 * is told by marchid (Spike's registered architecture ID is 5); anything else is taken to be
 * the Sail model, whose platform data says not to probe translation modes.
 */
#include "../core/csr.h"
#include "../core/platform.h"

#define HTIF_DEV_CONSOLE 1ul
#define HTIF_CMD_PUTC    1ul
#define HTIF_WAIT_LIMIT  100000
#define MARCHID_SPIKE    5

/* The host finds these two through the ELF symbol table. */
volatile uint64_t tohost __attribute__((section(".htif"), aligned(8)));
volatile uint64_t fromhost __attribute__((section(".htif"), aligned(8)));

/* Bounded, so a host that never acknowledges slows the console instead of hanging the run. */
static void htif_wait_idle(void)
{
    for (int i = 0; tohost && i < HTIF_WAIT_LIMIT; i++)
        if (fromhost)
            fromhost = 0;
}

static void htif_putc(char c)
{
    htif_wait_idle();
    tohost = (HTIF_DEV_CONSOLE << 56) | (HTIF_CMD_PUTC << 48) | (uint8_t)c;
}

__attribute__((noreturn)) static void htif_exit(unsigned code)
{
    htif_wait_idle();
    tohost = ((uint64_t)code << 1) | 1;
    for (;;)
        ;
}

/*
 * Spike answers HTIF only every few thousand instructions, so one transaction per character
 * would dominate the run. There the console is line-buffered and each line goes out as one
 * write through the HTIF syscall device (device 0, command 0: tohost = address of a
 * {SYS_write, fd, buffer, length} block, completion in fromhost). Sail has no syscall device.
 */
#define SYS_WRITE 64
#define LINE_MAX  256

static void htif_syscall_write(const char *buf, uint64_t len)
{
    static volatile uint64_t magic[8] __attribute__((aligned(64)));

    magic[0] = SYS_WRITE;
    magic[1] = 1;
    magic[2] = (uintptr_t)buf;
    magic[3] = len;
    htif_wait_idle();
    __asm__ volatile("fence" ::: "memory");
    tohost = (uintptr_t)magic;
    for (int i = 0; !fromhost && i < HTIF_WAIT_LIMIT; i++)
        ;
    fromhost = 0;
}

static void spike_putc(char c)
{
    static char line[LINE_MAX];
    static unsigned len;

    line[len++] = c;
    if (c == '\n' || len == LINE_MAX) {
        htif_syscall_write(line, len);
        len = 0;
    }
}

static const struct platform spike = {
        .name = "spike",
        .putc = spike_putc,
        .exit = htif_exit,
        .clint = 0x02000000ul,
        .watchdog_ticks = 1000000,
        .probe_modes = true,
        .absent_csrs_trap = true,
};

static const struct platform sail = {
        .name = "sail",
        .putc = htif_putc,
        .exit = htif_exit,
        .clint = 0x02000000ul,
        .watchdog_ticks = 1000000,
        .probe_modes = false,
        .assumed_hgatp_modes = (1u << ATP_MODE_BARE) | (1u << ATP_MODE_SV39),
        .assumed_satp_modes = (1u << ATP_MODE_BARE) | (1u << ATP_MODE_SV39),
};

const struct platform *platform_detect(void)
{
    return csr_read(CSR_MARCHID) == MARCHID_SPIKE ? &spike : &sail;
}
