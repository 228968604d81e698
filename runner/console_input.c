#define _GNU_SOURCE /* pipe2 */
#include "console_input.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

/* One saved mode for the one terminal hext has; atexit needs it in a static. */
static struct termios saved_mode;
static int saved_fd = -1;

static void restore_terminal(void)
{
    if (saved_fd >= 0) {
        tcsetattr(saved_fd, TCSAFLUSH, &saved_mode);
        saved_fd = -1;
    }
}

/* The pipe to the emulator; non-blocking, so that a guest that reads nothing cannot stall hext. */
static int open_pipe(struct console_input *in, int *child_stdin, char *err, size_t errlen)
{
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) {
        snprintf(err, errlen, "cannot make the console input pipe: %s", strerror(errno));
        return -1;
    }
    fcntl(fds[1], F_SETFL, O_NONBLOCK);
    in->pipe_fd = fds[1];
    *child_stdin = fds[0];
    return 0;
}

int console_input_script(struct console_input *in, const char *path, int *child_stdin, char *err,
                         size_t errlen)
{
    memset(in, 0, sizeof(*in));
    in->tty_fd = in->pipe_fd = -1;
    FILE *f = fopen(path, "rb");
    size_t cap = 0;
    while (f && !ferror(f) && !feof(f)) {
        char *more = realloc(in->script, cap += 4096);
        if (!more)
            break;
        in->script = more;
        in->script_len += fread(in->script + in->script_len, 1, cap - in->script_len, f);
    }
    bool ok = f && !ferror(f) && feof(f);
    if (f)
        fclose(f);
    if (!ok) {
        snprintf(err, errlen, "cannot read --input %s", path);
        free(in->script);
        in->script = NULL;
        return -1;
    }
    return open_pipe(in, child_stdin, err, errlen);
}

void console_input_tick(struct console_input *in, bool output_seen, double quiet_s)
{
    if (!in->script || in->script_pos == in->script_len || !output_seen ||
        quiet_s < CONSOLE_INPUT_QUIET_S)
        return;
    const char *line = in->script + in->script_pos;
    const char *nl = memchr(line, '\n', in->script_len - in->script_pos);
    size_t n = nl ? (size_t)(nl - line) + 1 : in->script_len - in->script_pos;
    ssize_t w = write(in->pipe_fd, line, n);
    if (w > 0)
        in->script_pos += (size_t)w;
}

int console_input_start(struct console_input *in, int *child_stdin, char *err, size_t errlen)
{
    memset(in, 0, sizeof(*in));
    in->tty_fd = in->pipe_fd = -1;
    struct termios raw;
    if (!isatty(0) || tcgetattr(0, &saved_mode) != 0) {
        snprintf(err, errlen, "--interactive needs a terminal on stdin");
        return -1;
    }
    int child;
    if (open_pipe(in, &child, err, errlen))
        return -1;
    static int registered;
    if (!registered++)
        atexit(restore_terminal);
    raw = saved_mode;
    cfmakeraw(&raw);
    /* Output stays cooked: the console copy keeps its "\n" → "\r\n" on the terminal. */
    raw.c_oflag = saved_mode.c_oflag;
    saved_fd = 0;
    if (tcsetattr(0, TCSAFLUSH, &raw) != 0) {
        saved_fd = -1;
        close(child);
        console_input_stop(in);
        snprintf(err, errlen, "cannot put the terminal in raw mode: %s", strerror(errno));
        return -1;
    }
    in->tty_fd = 0;
    *child_stdin = child;
    return 0;
}

size_t console_input_filter(struct console_input *in, unsigned char c, unsigned char *out)
{
    if (!in->after_escape) {
        if (c == CONSOLE_ESCAPE) {
            in->after_escape = true;
            return 0;
        }
        out[0] = c;
        return 1;
    }
    in->after_escape = false;
    if (c == 'x' || c == 'X') {
        in->quit = true;
        return 0;
    }
    if (c == CONSOLE_ESCAPE) {
        out[0] = c;
        return 1;
    }
    out[0] = CONSOLE_ESCAPE;
    out[1] = c;
    return 2;
}

bool console_input_pump(struct console_input *in)
{
    unsigned char buf[256], fwd[2 * sizeof(buf)];
    ssize_t n = read(in->tty_fd, buf, sizeof(buf));
    if (n < 0 && (errno == EINTR || errno == EAGAIN))
        return true;
    if (n <= 0)
        return false;
    size_t m = 0;
    for (ssize_t i = 0; i < n && !in->quit; i++)
        m += console_input_filter(in, buf[i], fwd + m);
    /* What a full pipe (a guest that reads nothing) cannot take is dropped. */
    if (m && write(in->pipe_fd, fwd, m) < 0 && errno != EAGAIN)
        return false;
    return true;
}

void console_input_stop(struct console_input *in)
{
    restore_terminal();
    if (in->pipe_fd >= 0)
        close(in->pipe_fd);
    in->pipe_fd = in->tty_fd = -1;
    free(in->script);
    in->script = NULL;
}
