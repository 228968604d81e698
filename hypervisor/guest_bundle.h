/* A guest handed in at run time as a bundle (lib/bundle/bundle.h), which the emulator loaded as
 * the host's initrd. It becomes guest 0's image (guest_images.h). */
#ifndef HEXT_HYP_GUEST_BUNDLE_H
#define HEXT_HYP_GUEST_BUNDLE_H

#include <stdint.h>

struct guest_image;

/*
 * The bundle lies at host [start, end), host RAM ends at host_end, the guests' RAM backing runs
 * from guest_ram_high to guests_end, guest 0 has ram_size bytes of RAM whose top `reserved`
 * bytes are taken (the guest DTB). Moves the bundle out of the guests' RAM backing if it lies
 * there (so a guest reboot can load it again), checks and places it, and returns guest 0's
 * image. Any problem ends the run with a FAIL verdict naming it. Call once the guests' RAM is
 * laid out and before anything is written into it.
 */
const struct guest_image *guest_bundle_open(uint64_t start, uint64_t end, uint64_t host_end,
                                            uint64_t guests_end, uint64_t ram_size,
                                            uint64_t reserved);

#endif
