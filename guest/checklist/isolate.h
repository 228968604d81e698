/* Runs one check in its own process so that a crash or hang costs only that check. */
#ifndef HEXT_GUEST_ISOLATE_H
#define HEXT_GUEST_ISOLATE_H

#include "report.h"

/* Generous: only a hang should hit it, even on the slowest emulator. */
#define CHECK_TIMEOUT_S 60

/* Prints `ok NAME` or `not ok NAME: why` (after a `# NAME: note` line if the check left one). */
int run_isolated(const struct check *check);

#endif
