/*
 * The FP registers in a signal frame are the ones the program had when the signal came. Linux
 * saves them into the frame only when the trap's saved sstatus.FS is Dirty (fstate_save in
 * arch/riscv/include/asm/switch_to.h); the hart must set FS to Dirty on every instruction that
 * writes FP state (privileged spec, "Extension Context Status in mstatus Register"; in VS/VU
 * mode vsstatus.FS as well, hypervisor chapter, "Hypervisor Status Register (vsstatus)"). A
 * stale f0 in the frame therefore shows the FS value the kernel saw: not Dirty.
 */
#define _GNU_SOURCE
#include "checks.h"

#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

static volatile uint64_t frame_f0;
static volatile int handled;

static void on_signal(int sig, siginfo_t *info, void *uc_void)
{
    const ucontext_t *uc = uc_void;

    (void)sig;
    (void)info;
    frame_f0 = uc->uc_mcontext.__fpregs.__d.__f[0];
    handled = 1;
}

int check_fp_signal_frame(struct check_ctx *ctx)
{
    struct sigaction sa = {.sa_sigaction = on_signal, .sa_flags = SA_SIGINFO};
    /* Exact in binary64 and unlike anything the kernel saved for this process before. */
    const double value = 6.0078125e3;
    long pid = getpid();
    uint64_t want;

    memcpy(&want, &value, sizeof(want));
    if (sigaction(SIGUSR1, &sa, NULL) != 0)
        return fail(ctx, "sigaction failed");
    /* Set after the calls above, which would clobber them. */
    register long a7 __asm__("a7") = SYS_kill;
    register long a0 __asm__("a0") = pid;
    register long a1 __asm__("a1") = SIGUSR1;
    /* f0 is written right before the ecall that raises the signal: nothing else runs between. */
    __asm__ volatile("fld f0, 0(%[v])\n"
                     "ecall\n"
                     : "+r"(a0)
                     : [v] "r"(&value), "r"(a7), "r"(a1)
                     : "memory", "f0");
    if (!handled)
        return fail(ctx, "SIGUSR1 was not delivered");
    if (frame_f0 != want)
        return fail(
                ctx,
                "signal frame f0 = %#llx, want %#llx: the kernel saw sstatus.FS not Dirty after "
                "fld, so it did not save the FP registers",
                (unsigned long long)frame_f0, (unsigned long long)want);
    return CHECK_OK;
}
