/* A small printf for the console: %s %c %d %u %x %p, with l/ll, width and 0 padding. */
#include <stdarg.h>

#include "internal.h"

struct sink {
    char *buf; /* NULL: write to the console */
    size_t len, cap;
};

static void put(struct sink *s, char c)
{
    if (!s->buf) {
        if (c == '\n')
            suite_platform->putc('\r');
        suite_platform->putc(c);
    } else if (s->len + 1 < s->cap) {
        s->buf[s->len++] = c;
    }
}

static void put_num(struct sink *s, uint64_t v, unsigned base, bool neg, int width, char pad)
{
    char digits[24];
    int n = 0;

    do {
        digits[n++] = "0123456789abcdef"[v % base];
        v /= base;
    } while (v);
    if (neg)
        digits[n++] = '-';
    for (int i = n; i < width; i++)
        put(s, pad);
    while (n)
        put(s, digits[--n]);
}

static void format(struct sink *s, const char *f, va_list ap)
{
    for (; *f; f++) {
        if (*f != '%') {
            put(s, *f);
            continue;
        }
        f++;
        char pad = ' ';
        int width = 0, longs = 0;
        if (*f == '0')
            pad = *f++;
        while (*f >= '0' && *f <= '9')
            width = width * 10 + (*f++ - '0');
        while (*f == 'l')
            longs++, f++;
        switch (*f) {
        case 's': {
            const char *str = va_arg(ap, const char *);
            while (*str)
                put(s, *str++);
            break;
        }
        case 'c':
            put(s, (char)va_arg(ap, int));
            break;
        case 'd': {
            int64_t v = longs ? va_arg(ap, int64_t) : va_arg(ap, int);
            put_num(s, v < 0 ? -(uint64_t)v : (uint64_t)v, 10, v < 0, width, pad);
            break;
        }
        case 'u':
            put_num(s, longs ? va_arg(ap, uint64_t) : va_arg(ap, unsigned), 10, false, width, pad);
            break;
        case 'x':
            put_num(s, longs ? va_arg(ap, uint64_t) : va_arg(ap, unsigned), 16, false, width, pad);
            break;
        case 'p':
            put(s, '0');
            put(s, 'x');
            put_num(s, (uintptr_t)va_arg(ap, void *), 16, false, width, pad);
            break;
        case '%':
            put(s, '%');
            break;
        default:
            return;
        }
    }
}

void pr(const char *f, ...)
{
    struct sink s = {0};
    va_list ap;

    va_start(ap, f);
    format(&s, f, ap);
    va_end(ap);
}

void vfmt_into(char *buf, size_t cap, const char *f, va_list ap)
{
    struct sink s = {.buf = buf, .cap = cap};

    format(&s, f, ap);
    buf[s.len] = 0;
}

/* Enough buffers for every name and value string one report line needs at once. */
#define FMT_BUFS    32
#define FMT_BUF_LEN 400

const char *fmt(const char *f, ...)
{
    static char bufs[FMT_BUFS][FMT_BUF_LEN];
    static unsigned next;
    char *buf = bufs[next++ % FMT_BUFS];
    va_list ap;

    va_start(ap, f);
    vfmt_into(buf, FMT_BUF_LEN, f, ap);
    va_end(ap);
    return buf;
}
