/*
 * The host console the hypervisor prints on and reads from. By default the host's own ns16550a
 * when /chosen/stdout-path names one (QEMU virt, Spike): one store per character. Otherwise, or
 * with hext.hostcon=sbi, SBI legacy putchar/getchar (every platform, including Sail, which has
 * no UART), at the cost of a trap into OpenSBI per character.
 */
#ifndef HEXT_HYP_HOSTCON_H
#define HEXT_HYP_HOSTCON_H

#include <stdint.h>

/* Switches output and input to the ns16550a at base (reg-shift 0, 8-bit registers). */
void hostcon_use_uart(uintptr_t base);
void host_putchar(char c);
/* -1 when no input is waiting. */
int host_getchar(void);

#endif
