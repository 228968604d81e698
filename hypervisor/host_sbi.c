/* See host_sbi.h. Extension and function IDs: SBI spec v2.0 chapters 5, 6 and 10. */
#include "host_sbi.h"

#include "sbi.h"

struct sbiret host_sbi_call(unsigned long ext, unsigned long fid, unsigned long a0,
                            unsigned long a1, unsigned long a2)
{
    register unsigned long r_a0 __asm__("a0") = a0;
    register unsigned long r_a1 __asm__("a1") = a1;
    register unsigned long r_a2 __asm__("a2") = a2;
    register unsigned long r_a6 __asm__("a6") = fid;
    register unsigned long r_a7 __asm__("a7") = ext;
    __asm__ volatile("ecall" : "+r"(r_a0), "+r"(r_a1) : "r"(r_a2), "r"(r_a6), "r"(r_a7) : "memory");
    return (struct sbiret){(long)r_a0, (long)r_a1};
}

void host_sbi_putchar(char c)
{
    host_sbi_call(SBI_EXT_LEGACY_PUTCHAR, 0, (unsigned char)c, 0, 0);
}

int host_sbi_getchar(void)
{
    /* Legacy calls return their value in a0 (SBI spec §5). */
    long c = host_sbi_call(SBI_EXT_LEGACY_GETCHAR, 0, 0, 0, 0).error;
    return c < 0 ? -1 : (int)(c & 0xff);
}

void host_set_timer(uint64_t deadline)
{
    host_sbi_call(SBI_EXT_TIME, SBI_TIME_SET_TIMER, deadline, 0, 0);
}

void host_poweroff(void)
{
    host_sbi_call(SBI_EXT_SRST, SBI_SRST_RESET, SBI_SRST_SHUTDOWN, SBI_SRST_REASON_NONE, 0);
    host_sbi_call(SBI_EXT_LEGACY_SHUTDOWN, 0, 0, 0, 0);
    for (;;)
        __asm__ volatile("wfi");
}
