/*
 * Evidence that no guest reached memory it does not own: a canary page in every guest's RAM
 * (reserved in its DTB, so the guest itself never touches it), filled with a known pattern at
 * set-up, and a hash of the hypervisor's own read-only image (its text and rodata, which hold
 * the built-in bare-metal guests too); both are checked when every guest has ended. A hostile guest
 * (hext.guestN=hostile) that could write outside its G-stage mapping would change one of them.
 */
#ifndef HEXT_HYP_ISOLATION_H
#define HEXT_HYP_ISOLATION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CANARY_SIZE 4096UL

struct vm;

/* Guest-physical address of vm's canary page: just below its DTB window. */
uint64_t isolation_canary_gpa(const struct vm *vm);
/* Whether vm gets a canary: only guests with a built-in image, which honour the DTB's
 * reserved memory. A guest given at run time may not (U-Boot relocates itself to the top of
 * its RAM), and would only show that it wrote its own RAM. */
bool isolation_has_canary(const struct vm *vm);
/* After the guests are set up, before any runs: canaries filled, image hash taken. */
void isolation_arm(void);
/* At the end: true when every canary and the image are as armed; else why (one line). */
bool isolation_intact(char *why, size_t len);

#endif
