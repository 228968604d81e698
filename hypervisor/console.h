/*
 * Console output. Hypervisor lines start with "[hext] ", guest N's lines with "[guestN] ".
 * Each guest has its own line buffer, so lines of several guests never mix. Guest lines are
 * also scanned for the guest's own verdict line.
 */
#ifndef HEXT_HYP_CONSOLE_H
#define HEXT_HYP_CONSOLE_H

#include <stdbool.h>

#define GUEST_LINE_MAX    240
#define GUEST_VERDICT_LEN 200

struct guest_console {
    char line[GUEST_LINE_MAX];
    unsigned line_len;
    unsigned line_shown; /* bytes of line[] already printed by guest_console_show_partial */
    bool line_continues; /* the buffered part continues a line already partly printed */
    char verdict[GUEST_VERDICT_LEN];
    bool have_verdict;
};

struct vm;

/* One hypervisor line; the newline is added. */
void hlog(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints a partial guest line, if any, so nothing is lost when the run ends. */
void guest_console_flush(struct vm *vm);
/* Prints the partial guest line buffered so far (a prompt waiting for input), keeping it
 * buffered for the verdict scan; the rest follows on the same output line. */
void guest_console_show_partial(struct vm *vm);
/* Details of the last "hext-verdict: PASS|FAIL ..." line the guest printed ("PASS ..."), or
 * NULL if it printed none. */
const char *guest_verdict(const struct vm *vm);
/* Forgets the guest's verdict (guest restart). */
void guest_verdict_reset(struct vm *vm);
/* After a fault in the hypervisor: the console lock may be held by the code that faulted, and
 * the run is over anyway, so it is released for the last lines. */
void console_force_unlock(void);

#endif
