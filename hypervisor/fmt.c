/* See fmt.h. */
#include "fmt.h"

#include <stdbool.h>
#include <stdint.h>

struct spec {
    bool zero, left;
    int width, precision; /* precision -1: none */
};

static void pad(fmt_putc_fn out, void *ctx, int n, char c)
{
    while (n-- > 0)
        out(ctx, c);
}

static void emit(fmt_putc_fn out, void *ctx, const struct spec *sp, const char *s, int len)
{
    int fill = sp->width > len ? sp->width - len : 0;
    if (!sp->left)
        pad(out, ctx, fill, ' ');
    for (int i = 0; i < len; i++)
        out(ctx, s[i]);
    if (sp->left)
        pad(out, ctx, fill, ' ');
}

static void emit_number(fmt_putc_fn out, void *ctx, const struct spec *sp, uint64_t v,
                        unsigned base, bool negative, bool upper)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char buf[24];
    int n = 0;

    do {
        buf[n++] = digits[v % base];
        v /= base;
    } while (v);
    int len = n + (negative ? 1 : 0);
    int fill = sp->width > len ? sp->width - len : 0;

    if (!sp->left && !sp->zero)
        pad(out, ctx, fill, ' ');
    if (negative)
        out(ctx, '-');
    if (!sp->left && sp->zero)
        pad(out, ctx, fill, '0');
    while (n)
        out(ctx, buf[--n]);
    if (sp->left)
        pad(out, ctx, fill, ' ');
}

void fmt_vformat(fmt_putc_fn out, void *ctx, const char *fmt, va_list ap)
{
    for (const char *p = fmt; *p; p++) {
        if (*p != '%') {
            out(ctx, *p);
            continue;
        }
        struct spec sp = {false, false, 0, -1};
        p++;
        for (;; p++) {
            if (*p == '0')
                sp.zero = true;
            else if (*p == '-')
                sp.left = true;
            else
                break;
        }
        while (*p >= '0' && *p <= '9')
            sp.width = sp.width * 10 + (*p++ - '0');
        if (*p == '.') {
            p++;
            sp.precision = 0;
            if (*p == '*') {
                sp.precision = va_arg(ap, int);
                p++;
            }
            while (*p >= '0' && *p <= '9')
                sp.precision = sp.precision * 10 + (*p++ - '0');
        }
        int longs = 0;
        while (*p == 'l' || *p == 'z') {
            longs += *p == 'z' ? 2 : 1;
            p++;
        }

        uint64_t u;
        int64_t d;
        switch (*p) {
        case 'd':
        case 'i':
            d = longs ? va_arg(ap, long long) : va_arg(ap, int);
            emit_number(out, ctx, &sp, d < 0 ? -(uint64_t)d : (uint64_t)d, 10, d < 0, false);
            break;
        case 'u':
        case 'x':
        case 'X':
            u = longs ? va_arg(ap, unsigned long long) : va_arg(ap, unsigned int);
            emit_number(out, ctx, &sp, u, *p == 'u' ? 10 : 16, false, *p == 'X');
            break;
        case 'p':
            out(ctx, '0');
            out(ctx, 'x');
            emit_number(out, ctx, &sp, (uintptr_t)va_arg(ap, void *), 16, false, false);
            break;
        case 'c': {
            char c = (char)va_arg(ap, int);
            emit(out, ctx, &sp, &c, 1);
            break;
        }
        case 's': {
            const char *s = va_arg(ap, const char *);
            if (!s)
                s = "(null)";
            int len = 0;
            while (s[len] && (sp.precision < 0 || len < sp.precision))
                len++;
            emit(out, ctx, &sp, s, len);
            break;
        }
        case '%':
            out(ctx, '%');
            break;
        default: /* unknown conversion: show it rather than guess */
            out(ctx, '%');
            if (!*p)
                return;
            out(ctx, *p);
        }
    }
}

struct buf_ctx {
    char *buf;
    size_t size, len;
};

static void buf_putc(void *ctx, char c)
{
    struct buf_ctx *b = ctx;
    if (b->len + 1 < b->size)
        b->buf[b->len] = c;
    b->len++;
}

int fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
{
    struct buf_ctx b = {buf, size, 0};
    va_list ap;
    va_start(ap, fmt);
    fmt_vformat(buf_putc, &b, fmt, ap);
    va_end(ap);
    if (size)
        buf[b.len < size ? b.len : size - 1] = '\0';
    return (int)b.len;
}
