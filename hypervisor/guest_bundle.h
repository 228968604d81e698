/* A guest handed in at run time as a bundle (lib/bundle/bundle.h), which the emulator loaded as
 * the host's initrd. */
#ifndef HEXT_HYP_GUEST_BUNDLE_H
#define HEXT_HYP_GUEST_BUNDLE_H

#include <stdint.h>

#include "guest_image.h"

struct vm;

/*
 * The bundle lies at host [start, end), host RAM ends at host_end, the top `reserved` bytes of
 * guest RAM are taken (the guest DTB). Moves it out of the guest's
 * RAM backing if it lies there (so a guest reboot can reload it), checks it and fills *out.
 * Any problem ends the run with a FAIL verdict naming it. Call after the guest's RAM backing
 * is laid out and before anything is written into it.
 */
void guest_bundle_open(struct vm *vm, uint64_t start, uint64_t end, uint64_t host_end,
                       uint64_t reserved, struct guest_image *out);

#endif
