/* Known failures of image targets (tests/known-failures/<emulator>-<version>.txt): checklist
 * items that fail on an emulator because of a deviation the suite pins down, one per line,
 *   TARGET PLATFORM ITEM because SUITE-CHECK
 * where SUITE-CHECK must itself be listed in the suite's list for that emulator (else the
 * explanation is not pinned down). The matrix applies them as tests/known_failures.sh does for
 * make test. Pure. */
#ifndef HEXT_RUNNER_TARGET_KNOWN_H
#define HEXT_RUNNER_TARGET_KNOWN_H

#include <stddef.h>

#include "suite_checks.h"

struct target_known_entry {
    char *target, *platform, *item, *check;
};

struct target_known {
    struct target_known_entry *v;
    size_t n;
};

/* Returns 0, or -1 (out of memory; out is then empty). Lines not of the form are ignored. */
int target_known_parse(const char *text, struct target_known *out);
void target_known_free(struct target_known *k);

/* The checklist items a target's log failed ("not ok ITEM: why", "[guestN] "-prefixed under
 * a hypervisor), each counted once: returns how many, and in *unexplained how many of them no
 * entry for target/platform explains with a check the suite's list holds. */
int target_known_judge(const struct target_known *k, const struct known_failures *suite,
                       const char *target, const char *platform, const char *log, int *unexplained);

#endif
