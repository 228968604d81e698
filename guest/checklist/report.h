/* How a check reports: it returns CHECK_OK or fail(...); the message travels to the runner. */
#ifndef HEXT_GUEST_REPORT_H
#define HEXT_GUEST_REPORT_H

#include <stdarg.h>
#include <stdio.h>

#define CHECK_OK      0
#define CHECK_FAILED  1
#define CHECK_MSG_LEN 240

struct check_ctx {
    char msg[CHECK_MSG_LEN];
};

struct check {
    const char *name;
    int (*run)(struct check_ctx *ctx);
};

/* Records why the check failed; use as `return fail(ctx, ...)`. */
static inline __attribute__((format(printf, 2, 3))) int fail(struct check_ctx *ctx, const char *fmt,
                                                             ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(ctx->msg, sizeof(ctx->msg), fmt, ap);
    va_end(ap);
    return CHECK_FAILED;
}

/* Records a fact a passing check measured (printed as a `# NAME: ...` line before `ok NAME`). */
static inline __attribute__((format(printf, 2, 3))) void note(struct check_ctx *ctx,
                                                              const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(ctx->msg, sizeof(ctx->msg), fmt, ap);
    va_end(ap);
}

#endif
