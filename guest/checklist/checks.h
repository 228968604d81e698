/* Every check the guest runs; main.c lists them in order. */
#ifndef HEXT_GUEST_CHECKS_H
#define HEXT_GUEST_CHECKS_H

#include "report.h"

/* Path of this program, which some checks exec (`--child N` exits with N). */
extern const char *self_path;

int check_mounts(struct check_ctx *ctx);
int check_files(struct check_ctx *ctx);
int check_dirs(struct check_ctx *ctx);
int check_fork_exec_wait(struct check_ctx *ctx);
int check_pipe(struct check_ctx *ctx);
int check_signal_handler(struct check_ctx *ctx);
int check_signal_kill_sigchld(struct check_ctx *ctx);
int check_nanosleep(struct check_ctx *ctx);
int check_monotonic(struct check_ctx *ctx);
int check_fp_context(struct check_ctx *ctx);
int check_fp_signal_frame(struct check_ctx *ctx);
int check_threads_mutex(struct check_ctx *ctx);
int check_futex(struct check_ctx *ctx);
int check_cpuinfo(struct check_ctx *ctx);
int check_cpus_online(struct check_ctx *ctx);
int check_affinity(struct check_ctx *ctx);
int check_ipi_wakeup(struct check_ctx *ctx);
int check_tlb_shootdown(struct check_ctx *ctx);

#endif
