/*
 * The guest's /init: runs every check, each isolated in its own process, prints one result line
 * per check and the verdict line, then powers the machine off. See guest/README.md.
 */
#define _GNU_SOURCE
#include "checks.h"
#include "isolate.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/reboot.h>
#include <time.h>
#include <unistd.h>

const char *self_path = "/init";

/* Mounts come first: later checks use /proc, /dev and /tmp. */
static const struct check checks[] = {
        {"mounts", check_mounts},
        {"files", check_files},
        {"dirs", check_dirs},
        {"fork_exec_wait", check_fork_exec_wait},
        {"pipe", check_pipe},
        {"signal_handler", check_signal_handler},
        {"signal_kill_sigchld", check_signal_kill_sigchld},
        {"nanosleep", check_nanosleep},
        {"monotonic", check_monotonic},
        {"fp_context", check_fp_context},
        {"threads_mutex", check_threads_mutex},
        {"futex", check_futex},
        {"cpuinfo", check_cpuinfo},
};

static void power_off(int failed)
{
    fflush(stdout);
    sync();
    /* Run by hand rather than as PID 1, the exit status carries the verdict instead. */
    if (getpid() != 1)
        exit(failed ? EXIT_FAILURE : EXIT_SUCCESS);
    reboot(RB_POWER_OFF);
    printf("hext-guest: power-off failed: %s\n", strerror(errno));
    fflush(stdout);
    /* PID 1 must not exit (the kernel would panic); wait for the runner to stop the machine. */
    for (;;)
        pause();
}

int main(int argc, char **argv)
{
    unsigned passed = 0, failed = 0;
    struct timespec now;

    /* `--child N`: the program the fork_exec_wait check execs. */
    if (argc == 3 && strcmp(argv[1], "--child") == 0)
        return atoi(argv[2]);
    if (argc > 1) {
        fprintf(stderr, "usage: %s [--child EXIT_STATUS]\n", argv[0]);
        return 2;
    }
    if (argv[0] && argv[0][0] == '/')
        self_path = argv[0];

    printf("hext-guest: %zu checks\n", sizeof(checks) / sizeof(checks[0]));
    for (size_t i = 0; i < sizeof(checks) / sizeof(checks[0]); i++) {
        if (run_isolated(&checks[i]) == CHECK_OK)
            passed++;
        else
            failed++;
    }

    clock_gettime(CLOCK_BOOTTIME, &now);
    printf("hext-verdict: %s %u passed, %u failed, clock %lld.%06ld s\n", failed ? "FAIL" : "PASS",
           passed, failed, (long long)now.tv_sec, now.tv_nsec / 1000);
    power_off(failed);
    return 0;
}
