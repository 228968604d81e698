/*
 * The guest images built into the hypervisor, as a table (guest_image_table.c) that
 * hext.guestN=<name> picks from; the first entry is every guest's default. A guest bundle
 * given at run time (guest_bundle.c) is one more image of the same kind, guest 0's.
 *
 * Adding an image kind (e.g. a bare-metal guest): assemble its bytes into .rodata in a .S file
 * of its own (guest_images.S is the example), add one entry to guest_image_table[] naming
 * them, and its build to hypervisor.mk. Every guest that uses an entry gets a fresh copy of
 * `blob` at guest-physical 0x80200000 at each boot and starts there on vCPU 0 with a0 = 0 and
 * a1 = the guest DTB's guest-physical address (the Linux boot protocol). Nothing else in the
 * hypervisor needs to know the kind.
 */
#ifndef HEXT_HYP_GUEST_IMAGES_H
#define HEXT_HYP_GUEST_IMAGES_H

#include <stdbool.h>
#include <stdint.h>

struct guest_image {
    const char *name;            /* hext.guestN=<name> */
    const char *blob, *blob_end; /* copied to guest-physical 0x80200000 */
    /* The initramfs, inside [blob, blob_end) (the DTB's /chosen gives where it lands); equal
     * pointers: none. */
    const char *initrd, *initrd_end;
    const char *cmdline; /* the DTB's bootargs before console=; NULL: no bootargs */
    /* When not NULL: a running copy already linked where guest 0's RAM starts, used as is at
     * guest 0's first boot (no copy: seconds on Sail). */
    const char *in_place;
    /* Set by a run-time image only (0 in the table: blob at GUEST_IMAGE_ENTRY, the initrd inside
     * it): where blob is copied to and started (a Linux Image's text_offset), and where the
     * initrd, kept apart from blob, is copied to. guest_load.h reads them. */
    uint64_t entry, initrd_gpa;
};

#define GUEST_IMAGE_ENTRY 0x80200000UL

extern const struct guest_image guest_image_table[];
extern const unsigned guest_image_count;

/* The entry called name; "" gives the first. NULL when there is none. */
const struct guest_image *guest_image_find(const char *name);

/* guest_images.S and linker.ld: the Linux Image and initramfs. */
extern char guest_ram_high[]; /* start of the running copy = guest 0's GPA 0x80200000 */
extern char guest_image[], guest_image_end[], guest_initrd[], guest_initrd_end[];
extern char guest_pristine[], guest_pristine_initrd[], guest_pristine_end[];
extern const char guest_cmdline[];
/* guest_image_hostile.S */
extern const char hostile_image[], hostile_image_end[];

#endif
