/*
 * A small printf for a libc-less hypervisor. Conversions: %d %i %u %x %X %p %c %s %%, with
 * flags '0' and '-', a field width, a precision for %s (".*" too), and the length modifiers
 * l, ll, z. Pure C: the host tests compile it as well.
 */
#ifndef HEXT_HYP_FMT_H
#define HEXT_HYP_FMT_H

#include <stdarg.h>
#include <stddef.h>

typedef void (*fmt_putc_fn)(void *ctx, char c);

void fmt_vformat(fmt_putc_fn out, void *ctx, const char *fmt, va_list ap);
/* Always NUL-terminates (size > 0); returns the length it would have written. */
int fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

#endif
