/*
 * FP state across context switches: two processes fill all 32 FP registers and fcsr with values
 * of their own, yield the CPU to each other through a raw ecall, and check every register
 * afterwards. Any FP state the kernel fails to save or restore shows up as a wrong value.
 */
#define _GNU_SOURCE
#include "checks.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define ROUNDS 100

/* Worker exit statuses: 0 = all preserved, 1 + n = register fn changed, or one of these. */
#define BAD_FCSR 40
#define BAD_SUM  41

/* Loads f0..f31 and fcsr, yields, stores them back. Only a7/a0 and the FP state are touched. */
static void yield_with_fp_state(const uint64_t in[32], uint64_t out[32], uint64_t fcsr_in,
                                uint64_t *fcsr_out)
{
    register long a7 __asm__("a7") = SYS_sched_yield;
    register long a0 __asm__("a0");

    __asm__ volatile("fscsr %[fcsr_in]\n"
                     "fld f0, 0(%[in])\n fld f1, 8(%[in])\n fld f2, 16(%[in])\n"
                     "fld f3, 24(%[in])\n fld f4, 32(%[in])\n fld f5, 40(%[in])\n"
                     "fld f6, 48(%[in])\n fld f7, 56(%[in])\n fld f8, 64(%[in])\n"
                     "fld f9, 72(%[in])\n fld f10, 80(%[in])\n fld f11, 88(%[in])\n"
                     "fld f12, 96(%[in])\n fld f13, 104(%[in])\n fld f14, 112(%[in])\n"
                     "fld f15, 120(%[in])\n fld f16, 128(%[in])\n fld f17, 136(%[in])\n"
                     "fld f18, 144(%[in])\n fld f19, 152(%[in])\n fld f20, 160(%[in])\n"
                     "fld f21, 168(%[in])\n fld f22, 176(%[in])\n fld f23, 184(%[in])\n"
                     "fld f24, 192(%[in])\n fld f25, 200(%[in])\n fld f26, 208(%[in])\n"
                     "fld f27, 216(%[in])\n fld f28, 224(%[in])\n fld f29, 232(%[in])\n"
                     "fld f30, 240(%[in])\n fld f31, 248(%[in])\n"
                     "ecall\n"
                     "fsd f0, 0(%[out])\n fsd f1, 8(%[out])\n fsd f2, 16(%[out])\n"
                     "fsd f3, 24(%[out])\n fsd f4, 32(%[out])\n fsd f5, 40(%[out])\n"
                     "fsd f6, 48(%[out])\n fsd f7, 56(%[out])\n fsd f8, 64(%[out])\n"
                     "fsd f9, 72(%[out])\n fsd f10, 80(%[out])\n fsd f11, 88(%[out])\n"
                     "fsd f12, 96(%[out])\n fsd f13, 104(%[out])\n fsd f14, 112(%[out])\n"
                     "fsd f15, 120(%[out])\n fsd f16, 128(%[out])\n fsd f17, 136(%[out])\n"
                     "fsd f18, 144(%[out])\n fsd f19, 152(%[out])\n fsd f20, 160(%[out])\n"
                     "fsd f21, 168(%[out])\n fsd f22, 176(%[out])\n fsd f23, 184(%[out])\n"
                     "fsd f24, 192(%[out])\n fsd f25, 200(%[out])\n fsd f26, 208(%[out])\n"
                     "fsd f27, 216(%[out])\n fsd f28, 224(%[out])\n fsd f29, 232(%[out])\n"
                     "fsd f30, 240(%[out])\n fsd f31, 248(%[out])\n"
                     "frcsr %[fcsr_out]\n"
                     : "=r"(a0), [fcsr_out] "=&r"(*fcsr_out), "+r"(a7)
                     : [in] "r"(in), [out] "r"(out), [fcsr_in] "r"(fcsr_in)
                     : "memory", "f0", "f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9", "f10",
                       "f11", "f12", "f13", "f14", "f15", "f16", "f17", "f18", "f19", "f20", "f21",
                       "f22", "f23", "f24", "f25", "f26", "f27", "f28", "f29", "f30", "f31");
}

/* No two processes, rounds or registers share a value; all are exact in binary64. */
static double value_of(int who, int round, int reg)
{
    return 1000.0 * who + 10.0 * round + reg + 0.25;
}

static int fp_worker(int who)
{
    uint64_t in[32], out[32], fcsr_out;
    /* fcsr: frm in bits 7:5 (RISC-V unprivileged spec, "F" chapter, fcsr); flags left zero. */
    uint64_t fcsr_in = (uint64_t)(who == 1 ? 1 /* RTZ */ : 3 /* RUP */) << 5;
    double sum = 0.5 * who;

    for (int round = 0; round < ROUNDS; round++) {
        for (int reg = 0; reg < 32; reg++) {
            double v = value_of(who, round, reg);

            memcpy(&in[reg], &v, sizeof(v));
        }
        yield_with_fp_state(in, out, fcsr_in, &fcsr_out);
        for (int reg = 0; reg < 32; reg++) {
            if (out[reg] != in[reg])
                return 1 + reg;
        }
        if (fcsr_out != fcsr_in)
            return BAD_FCSR;
        /* Also keep a compiler-managed double live across the yields. */
        sum += 0.125;
    }
    return sum == 0.5 * who + 0.125 * ROUNDS ? 0 : BAD_SUM;
}

int check_fp_context(struct check_ctx *ctx)
{
    pid_t pids[2];
    int status;

    for (int who = 0; who < 2; who++) {
        pids[who] = fork();
        if (pids[who] < 0)
            return fail(ctx, "fork: %s", strerror(errno));
        if (pids[who] == 0)
            _exit(fp_worker(who + 1));
    }
    for (int who = 0; who < 2; who++) {
        if (waitpid(pids[who], &status, 0) != pids[who])
            return fail(ctx, "waitpid: %s", strerror(errno));
        if (!WIFEXITED(status))
            return fail(ctx, "worker %d killed by signal %d", who + 1, WTERMSIG(status));
        if (WEXITSTATUS(status) >= 1 && WEXITSTATUS(status) <= 32)
            return fail(ctx, "worker %d: f%d changed across sched_yield", who + 1,
                        WEXITSTATUS(status) - 1);
        if (WEXITSTATUS(status) == BAD_FCSR)
            return fail(ctx, "worker %d: fcsr changed across sched_yield", who + 1);
        if (WEXITSTATUS(status) == BAD_SUM)
            return fail(ctx, "worker %d: running sum wrong after the yields", who + 1);
        if (WEXITSTATUS(status) != 0)
            return fail(ctx, "worker %d: exit status %d", who + 1, WEXITSTATUS(status));
    }
    return CHECK_OK;
}
