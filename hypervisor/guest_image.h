/*
 * The guest the VM boots: where its image and initrd come from and where they go. Built-in
 * (guest_images.S, already in place) or a bundle handed in at run time (guest_bundle.c).
 */
#ifndef HEXT_HYP_GUEST_IMAGE_H
#define HEXT_HYP_GUEST_IMAGE_H

#include <stdbool.h>
#include <stdint.h>

struct vm;

struct guest_image {
    const uint8_t *image; /* host address of the bytes to run */
    uint64_t image_size;
    uint64_t load_gpa; /* where the image runs from; also its entry point */
    const uint8_t *initrd;
    uint64_t initrd_size; /* 0: no initrd */
    uint64_t initrd_gpa;
    const char *cmdline; /* the guest's command line before the console= the hypervisor adds */
    const char *source;  /* for the banner: "built in" or "bundle" */
};

/* Copies the image and initrd to their guest-physical addresses (parts already there are left
 * alone). Returns false when a part does not lie inside guest RAM. */
bool guest_image_load(struct vm *vm, const struct guest_image *g);

#endif
