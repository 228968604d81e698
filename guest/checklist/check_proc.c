/* Processes: fork, exec, wait with exit statuses, and data through a pipe. */
#define _GNU_SOURCE
#include "checks.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static int wait_exit(struct check_ctx *ctx, pid_t pid, const char *what, int expected)
{
    int status;

    if (waitpid(pid, &status, 0) != pid)
        return fail(ctx, "waitpid (%s): %s", what, strerror(errno));
    if (!WIFEXITED(status))
        return fail(ctx, "%s: did not exit normally (status 0x%x)", what, status);
    if (WEXITSTATUS(status) != expected)
        return fail(ctx, "%s: exit status %d, expected %d", what, WEXITSTATUS(status), expected);
    return CHECK_OK;
}

int check_fork_exec_wait(struct check_ctx *ctx)
{
    /* Zero, small, and one with the top bit of the 8-bit status set. */
    static const int codes[] = {0, 7, 200};
    char arg[8];
    pid_t pid;

    pid = fork();
    if (pid < 0)
        return fail(ctx, "fork: %s", strerror(errno));
    if (pid == 0)
        _exit(3);
    if (wait_exit(ctx, pid, "forked child", 3))
        return CHECK_FAILED;

    for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
        snprintf(arg, sizeof(arg), "%d", codes[i]);
        pid = fork();
        if (pid < 0)
            return fail(ctx, "fork: %s", strerror(errno));
        if (pid == 0) {
            execl(self_path, self_path, "--child", arg, (char *)NULL);
            /* 127: the shell's convention for "could not exec". */
            _exit(127);
        }
        if (wait_exit(ctx, pid, "exec'd child", codes[i]))
            return CHECK_FAILED;
    }
    return CHECK_OK;
}

/* The child reads bytes from one pipe and sends each one back plus one through another. */
static void echo_plus_one(int in, int out)
{
    unsigned char buf[256];
    ssize_t n;

    while ((n = read(in, buf, sizeof(buf))) > 0) {
        for (ssize_t i = 0; i < n; i++)
            buf[i]++;
        if (write(out, buf, n) != n)
            _exit(1);
    }
    _exit(n == 0 ? 0 : 1);
}

int check_pipe(struct check_ctx *ctx)
{
    enum { LEN = 3000 };
    unsigned char data[LEN], back[LEN];
    int to_child[2], from_child[2];
    size_t got = 0;
    ssize_t n;
    pid_t pid;

    if (pipe(to_child) < 0 || pipe(from_child) < 0)
        return fail(ctx, "pipe: %s", strerror(errno));
    pid = fork();
    if (pid < 0)
        return fail(ctx, "fork: %s", strerror(errno));
    if (pid == 0) {
        close(to_child[1]);
        close(from_child[0]);
        echo_plus_one(to_child[0], from_child[1]);
    }
    close(to_child[0]);
    close(from_child[1]);

    for (int i = 0; i < LEN; i++)
        data[i] = (unsigned char)(i * 13);
    /* LEN fits in a pipe's buffer both ways, so writing it all first cannot deadlock. */
    if (write(to_child[1], data, LEN) != LEN)
        return fail(ctx, "write to child: %s", strerror(errno));
    close(to_child[1]);
    while (got < LEN && (n = read(from_child[0], back + got, LEN - got)) > 0)
        got += n;
    if (got != LEN)
        return fail(ctx, "got %zu bytes back, expected %d", got, LEN);
    if (read(from_child[0], back, 1) != 0)
        return fail(ctx, "no end of file after the child closed its end");
    close(from_child[0]);
    for (int i = 0; i < LEN; i++) {
        if (back[i] != (unsigned char)(data[i] + 1))
            return fail(ctx, "byte %d: got 0x%02x, expected 0x%02x", i, back[i],
                        (unsigned char)(data[i] + 1));
    }
    return wait_exit(ctx, pid, "pipe child", 0);
}
