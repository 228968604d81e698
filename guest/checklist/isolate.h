/* Runs one check in its own process so that a crash or hang costs only that check. */
#ifndef HEXT_GUEST_ISOLATE_H
#define HEXT_GUEST_ISOLATE_H

#include "report.h"

/*
 * Prints `ok NAME` or `not ok NAME: why` (after a `# NAME: note` line if the check left one).
 * A check still running after timeout_s seconds of guest time is killed and reported.
 */
int run_isolated(const struct check *check, unsigned timeout_s);

#endif
