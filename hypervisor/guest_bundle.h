/* Guests handed in at run time as a file of bundles (lib/bundle/bundle.h), which the emulator
 * loaded as the host's initrd. Bundle k becomes guest k's image (guest_images.h). */
#ifndef HEXT_HYP_GUEST_BUNDLE_H
#define HEXT_HYP_GUEST_BUNDLE_H

#include <stdint.h>

struct guest_image;

/*
 * The file lies at host [start, end), host RAM ends at host_end, the guests' RAM backing runs
 * from guest_ram_high to guests_end, guest k has ram_size[k] bytes of RAM (k < nguests) whose top
 * `reserved` bytes are taken (the guest DTB). Moves the file out of the guests' RAM backing if
 * it lies there (so a guest reboot can load it again), checks every bundle and places bundle k
 * in guest k's RAM, and sets images[k]. Returns the number of bundles; any problem, or more
 * bundles than guests, ends the run with a FAIL verdict naming it. Call once the guests' RAM is
 * laid out and before anything is written into it.
 */
unsigned guest_bundle_open(uint64_t start, uint64_t end, uint64_t host_end, uint64_t guests_end,
                           const uint64_t *ram_size, unsigned nguests, uint64_t reserved,
                           const struct guest_image **images);

#endif
