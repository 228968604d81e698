/* Emulator supervision. The emulator leads its own process group so that one kill() reaches
 * every helper process it started, and so that ^C at the terminal reaches only hext, which
 * then ends the group itself. */
#define _GNU_SOURCE
#include "supervise.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* How long SIGTERM may take before SIGKILL. */
#define TERM_WAIT_S 2.0
#define POLL_MS     100
/* The progress line appears once the console has been quiet this long, refreshed each second:
 * a slow emulator (Sail runs ~0.25 M instructions/s) can print nothing for minutes. */
#define STATUS_QUIET_S 2.0
#define ERASE_LINE     "\r\033[K" /* carriage return, then ECMA-48 EL: erase to end of line */

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
    interrupted = sig;
}

void supervise_install_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    /* No SA_RESTART: poll() must return so the loop sees the flag. */
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    /* Helpers the emulator leaves behind become our children, so we can wait for them. */
    prctl(PR_SET_CHILD_SUBREAPER, 1);
}

static int is_executable(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

int program_resolve(const char *name, char *out, size_t out_len)
{
    if (!name[0])
        return -1;
    if (strchr(name, '/')) {
        if (!is_executable(name) || strlen(name) >= out_len)
            return -1;
        strcpy(out, name);
        return 0;
    }
    const char *path = getenv("PATH");
    for (const char *p = path ? path : "/usr/bin:/bin"; p;) {
        const char *colon = strchr(p, ':');
        size_t dlen = colon ? (size_t)(colon - p) : strlen(p);
        int n = snprintf(out, out_len, "%.*s/%s", (int)dlen, dlen ? p : ".", name);
        if (n > 0 && (size_t)n < out_len && is_executable(out))
            return 0;
        p = colon ? colon + 1 : NULL;
    }
    return -1;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct child {
    pid_t pid;
    int out_fd; /* read end of the console pipe, -1 at EOF */
    const struct supervise_opts *o;
    struct verdict_scanner scan;
    double verdict_at; /* first time a verdict was seen, 0 if none */
    char last_byte;
    double output_at; /* when the console last printed, 0 before it has */
    bool input_gone;  /* the terminal of --interactive closed */
    double start;
    double status_at; /* when the progress line was last drawn, 0 while none is shown */
};

static void copy_out(int fd, const char *buf, size_t n)
{
    while (fd >= 0 && n > 0) {
        ssize_t w = write(fd, buf, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return; /* a closed terminal or a full disk must not stop the run */
        buf += w;
        n -= (size_t)w;
    }
}

/* Erases the progress line, so that console output or hext's last line takes its place. */
static void status_clear(struct child *c)
{
    if (c->status_at > 0)
        copy_out(c->o->status_fd, ERASE_LINE, sizeof(ERASE_LINE) - 1);
    c->status_at = 0;
}

/* Elapsed time against the timeout, on the terminal's current line, drawn only where it
 * cannot split a console line: the console is not shown or its last line is complete. */
static void status_show(struct child *c, double t)
{
    bool at_line_start = c->o->console_fd < 0 || c->last_byte == '\n';
    double quiet = t - (c->output_at > 0 ? c->output_at : c->start);
    if (c->o->status_fd < 0 || !at_line_start || quiet < STATUS_QUIET_S ||
        (c->status_at > 0 && t - c->status_at < 1.0))
        return;
    char line[160];
    int n = snprintf(line, sizeof(line),
                     ERASE_LINE "hext: %.0f s of %.0f s (timeout), console quiet for %.0f s",
                     t - c->start, c->o->timeout_s, quiet);
    copy_out(c->o->status_fd, line, (size_t)n);
    c->status_at = t;
}

/* Moves whatever output is waiting to the console, the log and the verdict scanner. */
static void pump(struct child *c)
{
    char buf[8192];
    while (c->out_fd >= 0) {
        ssize_t n = read(c->out_fd, buf, sizeof(buf));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return; /* EAGAIN: nothing more for now */
        if (n == 0) {
            close(c->out_fd);
            c->out_fd = -1;
            return;
        }
        if (c->o->console_fd >= 0)
            status_clear(c);
        copy_out(c->o->console_fd, buf, (size_t)n);
        copy_out(c->o->log_fd, buf, (size_t)n);
        c->last_byte = buf[n - 1];
        c->output_at = now_s();
        /* Each verdict restarts the grace period: a hypervisor's own verdict follows its
         * guest's, after the guest's power-off path. */
        struct console_match *m = c->o->match;
        bool line = verdict_scanner_feed(&c->scan, buf, (size_t)n);
        bool pattern = m && console_match_feed(m, buf, (size_t)n);
        if (pattern || (line && (!m || console_match_lines_count(m))))
            c->verdict_at = now_s();
    }
}

/* Waits up to ms for console output or typed input, and moves what came. */
static void wait_for_io(struct child *c, int ms)
{
    struct console_input *in = c->o->input;
    struct pollfd p[2] = {{.fd = c->out_fd, .events = POLLIN},
                          {.fd = in && !c->input_gone ? in->tty_fd : -1, .events = POLLIN}};
    int ready = poll(p, 2, ms);
    if (in && in->script)
        console_input_tick(in, c->output_at > 0, now_s() - c->output_at);
    if (ready <= 0)
        return;
    if (p[0].revents)
        pump(c);
    if (p[1].revents && !console_input_pump(in))
        c->input_gone = true;
}

/* Waits up to `wait_s` for the child to exit, leaving it unreaped (a zombie leader keeps its
 * process group id from being reused while we still signal the group). */
static int exited_within(struct child *c, double wait_s)
{
    double until = now_s() + wait_s;
    for (;;) {
        siginfo_t si;
        memset(&si, 0, sizeof(si));
        if (waitid(P_PID, (id_t)c->pid, &si, WEXITED | WNOHANG | WNOWAIT) == 0 && si.si_pid)
            return 1;
        double left = until - now_s();
        if (left <= 0)
            return 0;
        int ms = left * 1000 < POLL_MS ? (int)(left * 1000) + 1 : POLL_MS;
        wait_for_io(c, ms);
    }
}

/* Kills whatever is left of the group and waits until every member is gone; returns the
 * leader's wait status. Orphaned members are ours to reap because hext is a subreaper. */
static int reap(struct child *c)
{
    int status = 0, st;
    kill(-c->pid, SIGKILL);
    for (;;) {
        pid_t p = waitpid(-c->pid, &st, 0);
        if (p < 0 && errno == EINTR)
            continue;
        if (p < 0)
            break;
        if (p == c->pid)
            status = st;
    }
    pump(c);
    return status;
}

static void end_group(struct child *c)
{
    kill(-c->pid, SIGTERM);
    exited_within(c, TERM_WAIT_S);
    reap(c);
}

static void start_child(const struct supervise_opts *o, int pipe_w, int stdin_fd)
{
    setpgid(0, 0);
    /* Ignored signals stay ignored across exec; the emulator must get default SIGPIPE. */
    signal(SIGPIPE, SIG_DFL);
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    signal(SIGHUP, SIG_DFL);
    /* stdin is /dev/null, a file or a pipe, never the terminal: no emulator may put it into
     * raw mode and leave it so when killed (hext itself owns the terminal with --interactive). */
    dup2(stdin_fd, 0);
    dup2(pipe_w, 1);
    dup2(pipe_w, 2);
    execv(o->argv[0], o->argv);
    dprintf(2, "hext: cannot execute %s: %s\n", o->argv[0], strerror(errno));
    _exit(127);
}

int supervise(const struct supervise_opts *o, struct run_result *r, char *err, size_t errlen)
{
    memset(r, 0, sizeof(*r));
    int fds[2];
    int child_stdin = o->stdin_fd >= 0 ? fcntl(o->stdin_fd, F_DUPFD_CLOEXEC, 0)
                                       : open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (child_stdin < 0 || pipe2(fds, O_CLOEXEC) != 0) {
        snprintf(err, errlen, "cannot set up the console pipe: %s", strerror(errno));
        if (child_stdin >= 0)
            close(child_stdin);
        return -1;
    }
    struct child c = {.out_fd = fds[0], .o = o, .last_byte = '\n', .start = now_s()};
    verdict_scanner_init(&c.scan, o->verdict_from);
    double start = c.start;
    c.pid = fork();
    if (c.pid == 0)
        start_child(o, fds[1], child_stdin);
    close(fds[1]);
    close(child_stdin);
    if (c.pid < 0) {
        snprintf(err, errlen, "cannot start %s: %s", o->argv[0], strerror(errno));
        close(fds[0]);
        return -1;
    }
    setpgid(c.pid, c.pid); /* also here: whichever runs first, the group exists before kill */
    fcntl(c.out_fd, F_SETFL, O_NONBLOCK);

    for (;;) {
        if (interrupted || (o->input && o->input->quit)) {
            r->end = RUN_INTERRUPTED;
            r->status = interrupted ? interrupted : SIGINT;
            end_group(&c);
            break;
        }
        if (exited_within(&c, 0)) {
            pump(&c); /* what it wrote before exiting is still in the pipe */
            int status = reap(&c);
            r->end = WIFSIGNALED(status) ? RUN_SIGNALED : RUN_EXITED;
            r->status = WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status);
            break;
        }
        double t = now_s();
        bool grace_over = c.verdict_at > 0 && t >= c.verdict_at + o->grace_s;
        if (grace_over || t >= start + o->timeout_s) {
            r->end = c.verdict_at > 0 ? RUN_KILLED_AFTER_VERDICT : RUN_TIMEOUT;
            end_group(&c);
            break;
        }
        status_show(&c, t);
        wait_for_io(&c, POLL_MS);
    }
    status_clear(&c);
    if (c.out_fd >= 0)
        close(c.out_fd);
    verdict_scanner_finish(&c.scan);
    r->wall_s = now_s() - start;
    r->verdict = o->match ? console_match_result(o->match, &c.scan.last) : c.scan.last;
    r->console_ends_line = c.last_byte == '\n';
    return 0;
}
