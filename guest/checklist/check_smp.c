/*
 * SMP: every CPU the kernel could have is online, work runs where sched_setaffinity puts it,
 * a task sleeping on one CPU is woken from another (an IPI: the sleeper's CPU idles in WFI),
 * and a permission change on one CPU reaches another CPU's TLB (the kernel's remote fence,
 * SBI RFENCE under a hypervisor). With one CPU the cross-CPU checks pass with a note saying
 * there is nothing to cross.
 */
#define _GNU_SOURCE
#include "checks.h"
#include "cpulist.h"

#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <setjmp.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

static int read_cpulist(struct check_ctx *ctx, const char *name, uint64_t *cpus)
{
    char path[64], text[64];
    snprintf(path, sizeof(path), "/sys/devices/system/cpu/%s", name);
    FILE *f = fopen(path, "r");
    if (!f)
        return fail(ctx, "open %s: %s", path, strerror(errno));
    bool ok = fgets(text, sizeof(text), f) && cpulist_parse(text, cpus) == 0;
    fclose(f);
    return ok ? CHECK_OK : fail(ctx, "%s: not a CPU list", path);
}

static int pin(int cpu)
{
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    return sched_setaffinity(0, sizeof(set), &set);
}

/* The two lowest online CPUs, or 1 when only one is online. */
static int two_cpus(struct check_ctx *ctx, int cpu[2], int *n)
{
    uint64_t online;
    int err = read_cpulist(ctx, "online", &online);
    if (err)
        return err;
    *n = 0;
    for (int i = 0; i < 64 && *n < 2; i++)
        if (online >> i & 1)
            cpu[(*n)++] = i;
    return CHECK_OK;
}

int check_cpus_online(struct check_ctx *ctx)
{
    uint64_t possible, online;
    int err = read_cpulist(ctx, "possible", &possible);
    if (!err)
        err = read_cpulist(ctx, "online", &online);
    if (err)
        return err;
    if (online != possible)
        return fail(ctx, "online CPUs 0x%llx, possible 0x%llx (a CPU did not come up)",
                    (unsigned long long)online, (unsigned long long)possible);
    note(ctx, "%d CPU%s online", __builtin_popcountll(online), online == 1 ? "" : "s");
    return CHECK_OK;
}

int check_affinity(struct check_ctx *ctx)
{
    uint64_t online;
    int err = read_cpulist(ctx, "online", &online), ran = 0;
    if (err)
        return err;
    for (int cpu = 0; cpu < 64; cpu++) {
        if (!(online >> cpu & 1))
            continue;
        if (pin(cpu))
            return fail(ctx, "sched_setaffinity to CPU %d: %s", cpu, strerror(errno));
        /* A little work and a system call there: the task must stay where it was put. */
        volatile unsigned sum = 0;
        for (unsigned i = 0; i < 20000; i++)
            sum += i;
        sched_yield();
        int where = sched_getcpu();
        if (where != cpu)
            return fail(ctx, "pinned to CPU %d, running on CPU %d", cpu, where);
        ran++;
    }
    note(ctx, "ran pinned on each of %d CPU%s", ran, ran == 1 ? "" : "s");
    return CHECK_OK;
}

/* ---- a wakeup across CPUs ---- */

static atomic_uint wake_word;
static atomic_int sleeper_tid, sleeper_cpu = -1;

static long futex(atomic_uint *word, int op, unsigned val)
{
    return syscall(SYS_futex, word, op | FUTEX_PRIVATE_FLAG, val, NULL, NULL, 0);
}

static void *sleeper(void *arg)
{
    pin(*(int *)arg);
    atomic_store(&sleeper_tid, (int)syscall(SYS_gettid));
    while (atomic_load(&wake_word) == 0)
        futex(&wake_word, FUTEX_WAIT, 0);
    atomic_store(&sleeper_cpu, sched_getcpu());
    return NULL;
}

/* Whether thread tid of this process sleeps (state S in /proc/self/task/TID/stat). */
static bool sleeping(int tid)
{
    char path[64], stat[256];
    snprintf(path, sizeof(path), "/proc/self/task/%d/stat", tid);
    FILE *f = fopen(path, "r");
    if (!f)
        return false;
    size_t n = fread(stat, 1, sizeof(stat) - 1, f);
    fclose(f);
    stat[n] = '\0';
    const char *close = strrchr(stat, ')');
    return close && close[1] == ' ' && close[2] == 'S';
}

int check_ipi_wakeup(struct check_ctx *ctx)
{
    int cpu[2], n;
    int err = two_cpus(ctx, cpu, &n);
    if (err)
        return err;
    if (n < 2) {
        note(ctx, "skipped (1 CPU): no other CPU to wake");
        return CHECK_OK;
    }
    pthread_t t;
    if ((err = pthread_create(&t, NULL, sleeper, &cpu[0])))
        return fail(ctx, "pthread_create: %s", strerror(err));
    pin(cpu[1]);
    /* The wake must find the sleeper asleep on its own CPU, or nothing crosses. */
    while (!atomic_load(&sleeper_tid) || !sleeping(atomic_load(&sleeper_tid)))
        sched_yield();
    atomic_store(&wake_word, 1);
    futex(&wake_word, FUTEX_WAKE, 1);
    pthread_join(t, NULL);
    if (atomic_load(&sleeper_cpu) != cpu[0])
        return fail(ctx, "sleeper pinned to CPU %d woke on CPU %d", cpu[0],
                    atomic_load(&sleeper_cpu));
    note(ctx, "CPU %d woke a sleeper on CPU %d", cpu[1], cpu[0]);
    return CHECK_OK;
}

/* ---- a TLB shootdown across CPUs ---- */

static volatile uint32_t *shared_page;
static atomic_int stage; /* 1: touched on the other CPU, 2: made read-only, 3: write tried */
static sigjmp_buf write_fault;
static volatile sig_atomic_t faulted;

static void on_segv(int sig)
{
    (void)sig;
    faulted = 1;
    siglongjmp(write_fault, 1);
}

/* Runs on the other CPU, spinning rather than sleeping so that its CPU keeps the mm's
 * translations: the write after mprotect must fault, which needs the remote flush. */
static void *toucher(void *arg)
{
    pin(*(int *)arg);
    shared_page[0] = 1; /* the writable translation is now in this CPU's TLB */
    atomic_store(&stage, 1);
    while (atomic_load(&stage) != 2)
        ;
    if (!sigsetjmp(write_fault, 1))
        shared_page[1] = 2;
    atomic_store(&stage, 3);
    return NULL;
}

int check_tlb_shootdown(struct check_ctx *ctx)
{
    int cpu[2], n;
    int err = two_cpus(ctx, cpu, &n);
    if (err)
        return err;
    if (n < 2) {
        note(ctx, "skipped (1 CPU): no other CPU's TLB to shoot down");
        return CHECK_OK;
    }
    shared_page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (shared_page == MAP_FAILED)
        return fail(ctx, "mmap: %s", strerror(errno));
    struct sigaction sa = {.sa_handler = on_segv};
    sigaction(SIGSEGV, &sa, NULL);
    pin(cpu[0]);
    pthread_t t;
    if ((err = pthread_create(&t, NULL, toucher, &cpu[1])))
        return fail(ctx, "pthread_create: %s", strerror(err));
    while (atomic_load(&stage) != 1)
        sched_yield();
    if (mprotect((void *)shared_page, 4096, PROT_READ))
        return fail(ctx, "mprotect: %s", strerror(errno));
    atomic_store(&stage, 2);
    pthread_join(t, NULL);
    if (!faulted || shared_page[1] != 0)
        return fail(ctx,
                    "a write on CPU %d after mprotect(PROT_READ) on CPU %d went through "
                    "(stale TLB entry: no remote flush)",
                    cpu[1], cpu[0]);
    note(ctx, "write on CPU %d faulted after mprotect on CPU %d", cpu[1], cpu[0]);
    return CHECK_OK;
}
