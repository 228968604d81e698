/* See console.h. */
#include "console.h"

#include <stdarg.h>

#include "atomic.h"
#include "fmt.h"
#include "hostcon.h"
#include "string.h"
#include "vcpu.h"

#define LINE_MAX_LEN 240
#define VERDICT_MARK "hext-verdict: "
#define VERDICT_LEN  200

static char line[LINE_MAX_LEN];
static unsigned line_len;
static unsigned line_shown; /* bytes of line[] already printed by guest_console_show_partial */
static bool line_continues; /* the buffered part continues a line already partly printed */
static char verdict[VERDICT_LEN];
static bool have_verdict;

static void host_putc_cb(void *ctx, char c)
{
    (void)ctx;
    host_putchar(c);
}

static void host_puts(const char *s)
{
    while (*s)
        host_putchar(*s++);
}

/* One line at a time on the host console, whichever hart prints it. */
static int console_lock;

void hlog(const char *fmt, ...)
{
    va_list ap;
    spin_lock(&console_lock);
    host_puts("[hext] ");
    va_start(ap, fmt);
    fmt_vformat(host_putc_cb, 0, fmt, ap);
    va_end(ap);
    host_putchar('\n');
    spin_unlock(&console_lock);
}

/* A guest line is scanned only when it is complete and began at the buffer's start. */
static void scan_verdict(void)
{
    const unsigned mark = sizeof(VERDICT_MARK) - 1;
    for (unsigned i = 0; i + mark <= line_len; i++) {
        if (memcmp(line + i, VERDICT_MARK, mark) != 0)
            continue;
        unsigned n = line_len - i - mark;
        if (n >= VERDICT_LEN)
            n = VERDICT_LEN - 1;
        while (n && (line[i + mark + n - 1] == '\r' || line[i + mark + n - 1] == ' '))
            n--;
        memcpy(verdict, line + i + mark, n);
        verdict[n] = '\0';
        have_verdict = true;
        return;
    }
}

static void print_rest(void)
{
    if (!line_continues && !line_shown)
        host_puts("[guest0] ");
    for (unsigned i = line_shown; i < line_len; i++)
        host_putchar(line[i]);
    line_shown = line_len;
}

static void print_buffered(bool newline)
{
    print_rest();
    if (newline)
        host_putchar('\n');
    line_continues = !newline;
    line_len = line_shown = 0;
}

void guest_console_putc(struct vm *vm, char c)
{
    (void)vm;
    if (c == '\r') /* Linux's console writes "\r\n": one line ending is enough */
        return;
    spin_lock(&console_lock);
    if (c == '\n') {
        if (!line_continues)
            scan_verdict();
        print_buffered(true);
    } else {
        if (line_len == LINE_MAX_LEN)
            print_buffered(false);
        line[line_len++] = c;
    }
    spin_unlock(&console_lock);
}

void guest_console_flush(void)
{
    spin_lock(&console_lock);
    if (line_len)
        print_buffered(true);
    spin_unlock(&console_lock);
}

void guest_console_show_partial(void)
{
    spin_lock(&console_lock);
    if (line_len > line_shown)
        print_rest();
    spin_unlock(&console_lock);
}

void console_force_unlock(void)
{
    spin_unlock(&console_lock);
}

const char *guest_verdict(void)
{
    return have_verdict ? verdict : 0;
}

void guest_verdict_reset(void)
{
    have_verdict = false;
}
