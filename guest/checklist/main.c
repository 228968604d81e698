/*
 * The guest's /init: runs every check, each isolated in its own process, prints one result line
 * per check and the verdict line, then powers the machine off. See guest/README.md.
 */
#define _GNU_SOURCE
#include "checks.h"
#include "isolate.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/reboot.h>
#include <time.h>
#include <unistd.h>

const char *self_path = "/init";

/*
 * Generous: only a hang should hit it. Guest time runs at very different speeds (wall time on
 * QEMU, ~1 s per 1e9 instructions on Spike), so a slow platform may want its own value: the
 * kernel hands an unknown `hext_check_timeout=N` on its command line to init as environment.
 */
#define DEFAULT_TIMEOUT_S 60
#define TIMEOUT_VAR       "hext_check_timeout"
/* hext_machine_clock=1 on the kernel's command line: print the machine clock before the
 * verdict (make bench). Not by default: with that one more line, native Linux on Spike
 * 1.1.1-dev hung at power-off every time (guest/README.md). */
#define MACHINE_CLOCK_VAR "hext_machine_clock"

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
        {"fp_signal_frame", check_fp_signal_frame},
        {"threads_mutex", check_threads_mutex},
        {"futex", check_futex},
        {"cpuinfo", check_cpuinfo},
        {"cpus_online", check_cpus_online},
        {"smp_affinity", check_affinity},
        {"smp_ipi_wakeup", check_ipi_wakeup},
        {"smp_tlb_shootdown", check_tlb_shootdown},
};

static unsigned check_timeout(void)
{
    const char *text = getenv(TIMEOUT_VAR);
    unsigned long value;
    char *end;

    if (!text)
        return DEFAULT_TIMEOUT_S;
    errno = 0;
    value = strtoul(text, &end, 10);
    if (errno || end == text || *end || value < 1 || value > 86400) {
        printf("hext-guest: ignoring %s=%s (want 1..86400 seconds), using %d\n", TIMEOUT_VAR, text,
               DEFAULT_TIMEOUT_S);
        return DEFAULT_TIMEOUT_S;
    }
    return value;
}

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

/* The time CSR in seconds: the machine's clock since it started (under a hypervisor too, whose
 * htimedelta hext leaves 0). With QEMU -icount it counts instructions, early boot included,
 * which CLOCK_BOOTTIME leaves out. User space may read it: Linux's vDSO does. */
static void print_machine_clock(void)
{
    FILE *f = fopen("/proc/device-tree/cpus/timebase-frequency", "rb");
    unsigned char be[4];
    unsigned long time;

    if (!f)
        return;
    size_t n = fread(be, 1, sizeof(be), f);
    fclose(f);
    unsigned long hz = (unsigned long)be[0] << 24 | be[1] << 16 | be[2] << 8 | be[3];
    if (n != sizeof(be) || !hz)
        return;
    __asm__ volatile("rdtime %0" : "=r"(time));
    printf("# machine clock: %lu.%06lu s (time CSR at %lu Hz)\n", time / hz,
           (unsigned long)((time % hz) * 1000000ULL / hz), hz);
}

int main(int argc, char **argv)
{
    unsigned passed = 0, failed = 0, timeout_s;
    struct timespec now;

    /* `--child N`: the program the fork_exec_wait check execs. */
    if (argc == 3 && strcmp(argv[1], "--child") == 0)
        return atoi(argv[2]);
    /* As PID 1 the arguments are command-line words the kernel did not know, and exiting would
     * panic the kernel: they are ignored. */
    if (argc > 1 && getpid() != 1) {
        fprintf(stderr, "usage: %s [--child EXIT_STATUS]\n", argv[0]);
        return 2;
    }
    if (argv[0] && argv[0][0] == '/')
        self_path = argv[0];
    timeout_s = check_timeout();

    printf("hext-guest: %zu checks, %u s timeout each\n", sizeof(checks) / sizeof(checks[0]),
           timeout_s);
    for (size_t i = 0; i < sizeof(checks) / sizeof(checks[0]); i++) {
        if (run_isolated(&checks[i], timeout_s) == CHECK_OK)
            passed++;
        else
            failed++;
    }

    if (getenv(MACHINE_CLOCK_VAR))
        print_machine_clock();
    clock_gettime(CLOCK_BOOTTIME, &now);
    printf("hext-verdict: %s %u passed, %u failed, clock %lld.%06ld s\n", failed ? "FAIL" : "PASS",
           passed, failed, (long long)now.tv_sec, now.tv_nsec / 1000);
    power_off(failed);
    return 0;
}
