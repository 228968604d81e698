/* Exit status and last line. A verdict decides only when the emulator ended cleanly or was
 * ended by us for hanging after it; anything else is a crash, whatever was printed. */
#include "report.h"

#include <stdio.h>
#include <string.h>

int report_outcome(const struct run_result *r, const char *emu, double timeout_s, char *verdict,
                   size_t verdict_len, char *problem, size_t problem_len)
{
    const struct verdict *v = &r->verdict;
    const char *when = v->seen ? "after a verdict" : "without a verdict";
    problem[0] = '\0';
    switch (r->end) {
    case RUN_INTERRUPTED:
        snprintf(verdict, verdict_len, "INTERRUPTED by signal %d", r->status);
        snprintf(problem, problem_len, "interrupted by signal %d; %s stopped", r->status, emu);
        return 128 + r->status;
    case RUN_TIMEOUT:
        snprintf(verdict, verdict_len, "TIMEOUT after %g s", timeout_s);
        snprintf(problem, problem_len, "no verdict within %g s; %s stopped", timeout_s, emu);
        return EXIT_TIMEOUT;
    case RUN_KILLED_AFTER_VERDICT:
        break; /* a machine that cannot power off still gave its verdict */
    case RUN_SIGNALED:
        snprintf(problem, problem_len, "%s killed by signal %d %s", emu, r->status, when);
        snprintf(verdict, verdict_len, "CRASH: %s", problem);
        return EXIT_CRASH;
    case RUN_EXITED:
        if (v->seen && (!v->pass || r->status == 0))
            break;
        snprintf(problem, problem_len, "%s exited with status %d %s", emu, r->status,
                 v->seen ? "after a PASS verdict" : "without a verdict");
        snprintf(verdict, verdict_len, "CRASH: %s", problem);
        return EXIT_CRASH;
    }
    snprintf(verdict, verdict_len, "%s", v->pass ? "PASS" : "FAIL");
    return v->pass ? EXIT_PASS : EXIT_FAIL;
}

void report_last_line(char *out, size_t len, const char *target, const char *emu,
                      const char *platform, const char *verdict, double wall_s,
                      const char *guest_clock)
{
    int n = snprintf(out, len, "hext: %s on %s (platform %s): %s in %.2f s", target, emu, platform,
                     verdict, wall_s);
    if (guest_clock && guest_clock[0] && n > 0 && (size_t)n < len)
        snprintf(out + n, len - (size_t)n, ", guest clock %s s", guest_clock);
}
