#define _GNU_SOURCE
#include "isolate.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static void child(const struct check *check, unsigned timeout_s, int out)
{
    struct check_ctx ctx = {{0}};
    int status;

    /* Own process group, so that leftovers of a killed check can be killed with it. */
    setpgid(0, 0);
    alarm(timeout_s);
    status = check->run(&ctx);
    /* Far below the pipe's capacity: the write cannot block. */
    if (write(out, ctx.msg, strnlen(ctx.msg, sizeof(ctx.msg))) < 0)
        status = CHECK_FAILED;
    _exit(status);
}

static void describe_status(int status, unsigned timeout_s, char *why, size_t len)
{
    if (WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM)
        snprintf(why, len, "timed out after %u s", timeout_s);
    else if (WIFSIGNALED(status))
        snprintf(why, len, "killed by signal %d (%s)", WTERMSIG(status),
                 strsignal(WTERMSIG(status)));
    else if (WEXITSTATUS(status) == CHECK_FAILED)
        snprintf(why, len, "failed without a reason");
    else
        snprintf(why, len, "exited with unexpected status %d", WEXITSTATUS(status));
}

int run_isolated(const struct check *check, unsigned timeout_s)
{
    char msg[CHECK_MSG_LEN + 1] = "";
    int fds[2], status;
    ssize_t n;
    pid_t pid;

    fflush(stdout);
    if (pipe2(fds, O_CLOEXEC) < 0) {
        printf("not ok %s: pipe: %s\n", check->name, strerror(errno));
        return CHECK_FAILED;
    }
    pid = fork();
    if (pid < 0) {
        printf("not ok %s: fork: %s\n", check->name, strerror(errno));
        close(fds[0]);
        close(fds[1]);
        return CHECK_FAILED;
    }
    if (pid == 0) {
        close(fds[0]);
        child(check, timeout_s, fds[1]);
    }
    close(fds[1]);
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            printf("not ok %s: waitpid: %s\n", check->name, strerror(errno));
            kill(-pid, SIGKILL);
            close(fds[0]);
            return CHECK_FAILED;
        }
    }
    kill(-pid, SIGKILL);

    /* Read only after the child is gone: a stray grandchild holding the pipe cannot block us. */
    fcntl(fds[0], F_SETFL, O_NONBLOCK);
    n = read(fds[0], msg, CHECK_MSG_LEN);
    close(fds[0]);
    msg[n > 0 ? n : 0] = '\0';

    if (WIFEXITED(status) && WEXITSTATUS(status) == CHECK_OK) {
        if (msg[0])
            printf("# %s: %s\n", check->name, msg);
        printf("ok %s\n", check->name);
        return CHECK_OK;
    }
    if (!msg[0])
        describe_status(status, timeout_s, msg, sizeof(msg));
    printf("not ok %s: %s\n", check->name, msg);
    return CHECK_FAILED;
}
