/* Signals: a handler runs for a signal sent to oneself; kill() reaches a child; SIGCHLD arrives. */
#define _GNU_SOURCE
#include "checks.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t usr1_count;
static volatile sig_atomic_t chld_count;

static void on_usr1(int sig)
{
    (void)sig;
    usr1_count++;
}

static void on_chld(int sig)
{
    (void)sig;
    chld_count++;
}

static int install(struct check_ctx *ctx, int sig, void (*handler)(int))
{
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = handler;
    sigemptyset(&sa.sa_mask);
    if (sigaction(sig, &sa, NULL) < 0)
        return fail(ctx, "sigaction(%d): %s", sig, strerror(errno));
    return CHECK_OK;
}

int check_signal_handler(struct check_ctx *ctx)
{
    if (install(ctx, SIGUSR1, on_usr1))
        return CHECK_FAILED;
    /*
     * POSIX kill(): if the signal is for the calling thread and is not blocked, it (or another
     * pending one) is delivered before kill() returns.
     */
    if (kill(getpid(), SIGUSR1) < 0)
        return fail(ctx, "kill(self, SIGUSR1): %s", strerror(errno));
    if (usr1_count != 1)
        return fail(ctx, "handler ran %d times before kill() returned, expected 1",
                    (int)usr1_count);
    return CHECK_OK;
}

/* The child waits for SIGUSR1 and exits 0 once its handler has run. */
static void wait_for_usr1(const sigset_t *unblocked)
{
    while (usr1_count == 0)
        sigsuspend(unblocked);
    _exit(0);
}

int check_signal_kill_sigchld(struct check_ctx *ctx)
{
    sigset_t block, old;
    int status;
    pid_t pid;

    if (install(ctx, SIGUSR1, on_usr1) || install(ctx, SIGCHLD, on_chld))
        return CHECK_FAILED;
    /* Blocked until sigsuspend, so neither signal can slip in before anyone waits for it. */
    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);
    sigaddset(&block, SIGCHLD);
    sigprocmask(SIG_BLOCK, &block, &old);

    pid = fork();
    if (pid < 0)
        return fail(ctx, "fork: %s", strerror(errno));
    if (pid == 0)
        wait_for_usr1(&old);
    if (kill(pid, SIGUSR1) < 0)
        return fail(ctx, "kill(child, SIGUSR1): %s", strerror(errno));
    while (chld_count == 0)
        sigsuspend(&old);
    sigprocmask(SIG_SETMASK, &old, NULL);

    if (waitpid(pid, &status, 0) != pid)
        return fail(ctx, "waitpid: %s", strerror(errno));
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return fail(ctx, "child did not exit 0 after SIGUSR1 (status 0x%x)", status);
    return CHECK_OK;
}
