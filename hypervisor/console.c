/* See console.h. */
#include "console.h"

#include <stdarg.h>

#include "atomic.h"
#include "fmt.h"
#include "hostcon.h"
#include "string.h"
#include "vcpu.h"

#define VERDICT_MARK "hext-verdict: "

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
static void scan_verdict(struct guest_console *g)
{
    const unsigned mark = sizeof(VERDICT_MARK) - 1;
    for (unsigned i = 0; i + mark <= g->line_len; i++) {
        if (memcmp(g->line + i, VERDICT_MARK, mark) != 0)
            continue;
        unsigned n = g->line_len - i - mark;
        if (n >= GUEST_VERDICT_LEN)
            n = GUEST_VERDICT_LEN - 1;
        while (n && (g->line[i + mark + n - 1] == '\r' || g->line[i + mark + n - 1] == ' '))
            n--;
        memcpy(g->verdict, g->line + i + mark, n);
        g->verdict[n] = '\0';
        g->have_verdict = true;
        return;
    }
}

/* What of the buffered line is not printed yet, after the guest's prefix if it starts a line. */
static void print_rest(struct vm *vm)
{
    struct guest_console *g = &vm->con;
    if (!g->line_continues && !g->line_shown) {
        host_puts("[guest");
        host_putchar((char)('0' + vm->id));
        host_puts("] ");
    }
    for (unsigned i = g->line_shown; i < g->line_len; i++)
        host_putchar(g->line[i]);
    g->line_shown = g->line_len;
}

static void print_buffered(struct vm *vm, bool newline)
{
    struct guest_console *g = &vm->con;
    print_rest(vm);
    if (newline)
        host_putchar('\n');
    g->line_continues = !newline;
    g->line_len = g->line_shown = 0;
}

void guest_console_putc(struct vm *vm, char c)
{
    struct guest_console *g = &vm->con;
    if (c == '\r') /* Linux's console writes "\r\n": one line ending is enough */
        return;
    spin_lock(&console_lock);
    if (c == '\n') {
        if (!g->line_continues)
            scan_verdict(g);
        print_buffered(vm, true);
    } else {
        if (g->line_len == GUEST_LINE_MAX)
            print_buffered(vm, false);
        g->line[g->line_len++] = c;
    }
    spin_unlock(&console_lock);
}

void guest_console_flush(struct vm *vm)
{
    spin_lock(&console_lock);
    if (vm->con.line_len)
        print_buffered(vm, true);
    spin_unlock(&console_lock);
}

void guest_console_show_partial(struct vm *vm)
{
    spin_lock(&console_lock);
    if (vm->con.line_len > vm->con.line_shown)
        print_rest(vm);
    spin_unlock(&console_lock);
}

void console_force_unlock(void)
{
    spin_unlock(&console_lock);
}

const char *guest_verdict(const struct vm *vm)
{
    return vm->con.have_verdict ? vm->con.verdict : 0;
}

void guest_verdict_reset(struct vm *vm)
{
    vm->con.have_verdict = false;
}
