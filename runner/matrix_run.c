/* Cell scheduling: fork/exec of `hext run`, a pipe per cell for its last line, waitpid. */
#define _GNU_SOURCE
#include "matrix_run.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "emulators.h"

#define TICK_MS 250

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
    stop = sig;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Row options may already set the emulator's counting mode: then the matrix adds nothing. */
static int row_sets_emu_args(const struct matrix_row *row)
{
    for (int i = 0; i < row->n_options; i++) {
        if (strncmp(row->options[i], "--emu-arg", 9) == 0)
            return 1;
    }
    return 0;
}

static void build_argv(struct cell *c, const struct matrix_run_opts *o, char **argv,
                       char words[][512], char *timeout)
{
    const struct matrix_row *row = c->row;
    int n = 0, w = 0;
    argv[n++] = (char *)o->hext;
    argv[n++] = "run";
    argv[n++] = "--quiet";
    argv[n++] = "--emu";
    argv[n++] = (char *)c->emu;
    argv[n++] = "--platform";
    argv[n++] = row->platform;
    argv[n++] = "--log";
    argv[n++] = (char *)c->log;
    argv[n++] = "--images";
    argv[n++] = (char *)o->images;
    if (o->timeout_s > 0) {
        argv[n++] = "--timeout";
        argv[n++] = timeout;
    }
    for (int i = 0; i < row->n_options; i++)
        argv[n++] = row->options[i];
    const struct emu_flavour *f = c->flavour;
    int count = f && !row_sets_emu_args(row) && (o->count || !f->count_intrusive);
    c->counting = count && f->count_args[0];
    for (int i = 0; count && i < EMU_MAX_WORDS && f->count_args[i]; i++) {
        snprintf(words[w], sizeof(words[w]), "--emu-arg=%s", f->count_args[i]);
        argv[n++] = words[w++];
    }
    if (row->switches[0]) {
        argv[n++] = "--append";
        argv[n++] = row->switches;
    }
    argv[n++] = "--";
    argv[n++] = row->target;
    argv[n] = NULL;
}

static int start(struct running *r, struct cell *c, const struct matrix_run_opts *o)
{
    char *argv[64], words[EMU_MAX_WORDS][512], timeout[32];
    int fds[2];
    snprintf(timeout, sizeof(timeout), "%g", o->timeout_s);
    build_argv(c, o, argv, words, timeout);
    if (pipe2(fds, O_CLOEXEC) != 0)
        return -1;
    /* An earlier run's log must not show as this one's progress before the run replaces it. */
    unlink(c->log);
    memset(r, 0, sizeof(*r));
    r->cell = c;
    r->started = now_s();
    const struct emulator *e = emulator_find(c->emu);
    r->timeout_s = o->timeout_s > 0 ? o->timeout_s : e ? e->timeout_s : 0;
    r->pid = fork();
    if (r->pid == 0) {
        int devnull = open("/dev/null", O_RDONLY);
        dup2(devnull, 0);
        dup2(fds[1], 1);
        dup2(fds[1], 2);
        setenv("HEXT_SHOW_COMMAND", "1", 1);
        execv(argv[0], argv);
        dprintf(2, "hext: cannot execute %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    close(fds[1]);
    if (r->pid < 0) {
        close(fds[0]);
        return -1;
    }
    r->out_fd = fds[0];
    fcntl(r->out_fd, F_SETFL, O_NONBLOCK);
    return 0;
}

static void drain(struct running *r)
{
    while (r->out_fd >= 0) {
        char buf[4096];
        ssize_t n = read(r->out_fd, buf, sizeof(buf));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return;
        if (n == 0) {
            close(r->out_fd);
            r->out_fd = -1;
            return;
        }
        /* Keep the end (buf is smaller than out): the last line is what counts. */
        size_t room = sizeof(r->out) - 1;
        if (r->out_len + (size_t)n > room) {
            size_t drop = r->out_len + (size_t)n - room;
            memmove(r->out, r->out + drop, r->out_len - drop);
            r->out_len -= drop;
        }
        memcpy(r->out + r->out_len, buf, (size_t)n);
        r->out_len += (size_t)n;
        r->out[r->out_len] = '\0';
    }
}

/* Reaps one finished cell, if any; returns its index in r or -1. */
static int reap_one(struct running *r, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int status;
        pid_t p = waitpid(r[i].pid, &status, WNOHANG);
        if (p != r[i].pid)
            continue;
        drain(&r[i]);
        if (r[i].out_fd >= 0)
            close(r[i].out_fd);
        struct cell *c = r[i].cell;
        c->exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        c->wall_s = now_s() - r[i].started;
        return (int)i;
    }
    return -1;
}

int matrix_run(struct matrix *m, const struct matrix_run_opts *o,
               void (*finish)(const struct matrix *m, struct cell *c, const char *output))
{
    struct running *r = calloc(o->jobs, sizeof(*r));
    size_t n_running = 0, next = 0, done = 0, total = 0;
    int forwarded = 0;
    if (!r)
        return -1;
    struct sigaction sa = {.sa_handler = on_signal};
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    for (size_t i = 0; i < m->n_cells; i++)
        total += m->cells[i].verdict != V_SKIP;
    for (;;) {
        while (!stop && n_running < o->jobs && next < m->n_cells) {
            struct cell *c = &m->cells[next++];
            if (c->verdict == V_SKIP)
                continue;
            if (start(&r[n_running], c, o) == 0) {
                n_running++;
            } else {
                c->verdict = V_SETUP;
                snprintf(c->detail, sizeof(c->detail), "cannot start hext run: %s",
                         strerror(errno));
            }
        }
        if (n_running == 0)
            break;
        /* A signal sent to us alone is passed on; a second copy of a terminal's ^C is
         * harmless, as hext run only notes that it came. */
        for (size_t i = 0; stop && !forwarded && i < n_running; i++)
            kill(r[i].pid, stop);
        forwarded = stop != 0;
        struct pollfd p[256];
        for (size_t i = 0; i < n_running && i < 256; i++)
            p[i] = (struct pollfd){.fd = r[i].out_fd, .events = POLLIN};
        poll(p, n_running < 256 ? n_running : 256, TICK_MS);
        for (size_t i = 0; i < n_running; i++)
            drain(&r[i]);
        int k;
        while ((k = reap_one(r, n_running)) >= 0) {
            finish(m, r[k].cell, r[k].out);
            progress_clear(o->tty);
            progress_done(r[k].cell, ++done, total);
            r[k] = r[--n_running];
        }
        progress_tick(r, n_running, o->tty, now_s());
    }
    progress_clear(o->tty);
    free(r);
    /* The cells never started stay as they are; the children got the signal themselves. */
    return stop ? 1 : 0;
}
