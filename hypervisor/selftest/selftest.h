/* What the self-test guest's check files share (selftest.c), and the trap record (start.S). */
#ifndef HEXT_SELFTEST_H
#define HEXT_SELFTEST_H

struct sbiret {
    long error, value;
};

extern volatile unsigned long trap_scause, trap_stval, trap_sepc;

/* The guest's ns16550a (hypervisor/guest_fdt.h): register n at UART + (n << uart_shift). The
 * guest has no DTB reader; check_uart_layout finds the shift (12: hext.uart=paged, the
 * default; 0: packed) before any other check touches the UART. */
#define UART     0x10000000UL
#define UART_RBR 0
#define UART_THR 0
#define UART_IER 1
#define UART_MCR 4
#define UART_LSR 5
#define UART_SCR 7
extern unsigned uart_shift;
static inline unsigned long uart_reg(unsigned n)
{
    return UART + ((unsigned long)n << uart_shift);
}

struct sbiret sbi(unsigned long ext, unsigned long fid, unsigned long a0, unsigned long a1,
                  unsigned long a2);
void puts_(const char *s);
/* One check line: "ok NAME" or "not ok NAME: got ..., want ...". */
void check(const char *name, unsigned long got, unsigned long want);
/* Calls the code at addr with a0 = arg and returns its a0; a trap resumes after the call. */
unsigned long call_at(unsigned long addr, unsigned long arg);
/* smp.c: checks across two vCPUs (skipped when the guest has one). */
void check_smp(void);
/* stale_fetch.c: the Sv39 stale-translation check. */
void check_stale_fetch(unsigned long device_word, unsigned long want);
/* uart.c: the UART's layout (sets uart_shift), then its LSR as the guest sees it. */
void check_uart_layout(void);
void check_uart_lsr(void);
/* start.S: one access each, resuming after it if it traps; probe_load returns what it read. */
unsigned long probe_load(unsigned long addr);
unsigned long probe_store(unsigned long addr);

#endif
