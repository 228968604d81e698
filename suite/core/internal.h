/* Framework internals shared by the files of suite/core (areas use suite.h only). */
#ifndef SUITE_INTERNAL_H
#define SUITE_INTERNAL_H

#include <stdarg.h>

#include "platform.h"
#include "suite.h"

extern const struct platform *suite_platform;

void vfmt_into(char *buf, size_t cap, const char *f, va_list ap);

/* Report totals and the area name printed in every line. */
extern const char *current_area;
struct totals {
    unsigned passed, failed, skipped;
};
struct totals report_totals(void);
/* A new area starts with no rule; the run ends with the check that every check had one. */
void rules_reset(void);
void report_rules_check(void);

/* Watchdog on the CLINT's M-timer: armed while lower-mode code runs. */
void watchdog_arm(void);
void watchdog_disarm(void);

/* Ends the run: prints the verdict line (with `reason` if the framework itself failed). */
void suite_finish(const char *crash_reason) __attribute__((noreturn));

void profile_detect(void);
void profile_print(void);

/* From entry.S. */
struct jmpctx {
    uint64_t regs[14];
};
int run_setjmp(struct jmpctx *ctx) __attribute__((returns_twice));
void run_longjmp(struct jmpctx *ctx) __attribute__((noreturn));
void lower_enter(uint64_t a0, uint64_t a1, uint64_t fn, uint64_t sp) __attribute__((noreturn));
extern char lower_trampoline[], run_return[], insn_slot[], hs_trap_stub[], vs_trap_stub[];
extern char lower_stack_top[], trap_stack_top[];

/* Set by run.c for trap.c: the run in progress and where its result goes. */
struct run_state {
    bool active;
    struct jmpctx ctx;
    struct trap trap;
    uint64_t ret;
};
extern struct run_state run_state;

#endif
