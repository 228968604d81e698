/*
 * Where a guest image's parts go in guest RAM and putting them there (guest_images.h): a
 * built-in image's blob at GUEST_IMAGE_ENTRY with its initrd inside, a bundle's image at its
 * own entry and its initrd apart.
 */
#ifndef HEXT_HYP_GUEST_LOAD_H
#define HEXT_HYP_GUEST_LOAD_H

#include <stdbool.h>
#include <stdint.h>

struct guest_image;
struct vm;

/* The guest-physical address blob runs from: vCPU 0's first instruction. */
uint64_t guest_load_entry(const struct guest_image *img);
/* The initrd's guest-physical range; *start == *end when there is none. */
void guest_load_initrd(const struct guest_image *img, uint64_t *start, uint64_t *end);
/* Copies blob and the initrd to their guest-physical addresses (parts already there are left
 * alone). Returns false when a part does not lie inside guest RAM. */
bool guest_load(struct vm *vm, const struct guest_image *img);

#endif
