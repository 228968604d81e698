/* Progress. On a terminal the block of status lines below the finished ones is redrawn in
 * place (cursor up, clear line); elsewhere every line is final, and a long cell reports
 * itself once a minute so a CI log shows it is alive. */
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "matrix_run.h"

#define PLAIN_EVERY_S 60.0

static int drawn; /* status lines on screen below the cursor's block start */

static int columns(void)
{
    struct winsize ws;
    if (ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 40)
        return ws.ws_col;
    return 100;
}

/* The last non-empty line of the log, printable characters only. */
static void last_line(const char *log, char *out, size_t len)
{
    char buf[2048];
    out[0] = '\0';
    FILE *f = fopen(log, "r");
    if (!f)
        return;
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, size > (long)sizeof(buf) - 1 ? size - (long)sizeof(buf) + 1 : 0, SEEK_SET);
    size_t n = fread(buf, 1, sizeof(buf) - 1, f);
    fclose(f);
    buf[n] = '\0';
    while (n && (buf[n - 1] == '\n' || buf[n - 1] == '\r' || buf[n - 1] == ' '))
        buf[--n] = '\0';
    char *start = strrchr(buf, '\n');
    start = start ? start + 1 : buf;
    size_t o = 0;
    for (char *p = start; *p && o + 1 < len; p++) {
        if ((unsigned char)*p >= 0x20 && (unsigned char)*p < 0x7f)
            out[o++] = *p;
    }
    out[o] = '\0';
}

static void status_line(const struct running *r, double now, char *out, size_t len)
{
    char tail[512];
    last_line(r->cell->log, tail, sizeof(tail));
    snprintf(out, len, "  %6.0f/%.0f s  %s on %s  | %s", now - r->started, r->timeout_s,
             r->cell->row->label, r->cell->emu, tail);
}

void progress_tick(struct running *r, size_t n, int tty, double now)
{
    char line[1024];
    if (!tty) {
        for (size_t i = 0; i < n; i++) {
            /* Once per minute of run time, at the first tick past it. */
            int minutes = (int)((now - r[i].started) / PLAIN_EVERY_S);
            if (minutes > r[i].reported) {
                r[i].reported = minutes;
                status_line(&r[i], now, line, sizeof(line));
                printf("running%s\n", line + 1);
            }
        }
        fflush(stdout);
        return;
    }
    progress_clear(tty);
    int width = columns() - 1;
    for (size_t i = 0; i < n; i++) {
        status_line(&r[i], now, line, sizeof(line));
        printf("%.*s\n", width, line);
        drawn++;
    }
    fflush(stdout);
}

void progress_clear(int tty)
{
    if (tty && drawn) {
        printf("\033[%dA\033[J", drawn);
        drawn = 0;
    }
}

void progress_done(const struct cell *c, size_t done, size_t total)
{
    char text[256];
    cell_text(c, text, sizeof(text));
    printf("[%zu/%zu] %s on %s: %s\n", done, total, c->row->label, c->emu, text);
    fflush(stdout);
}
