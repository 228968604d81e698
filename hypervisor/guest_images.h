/*
 * The guest built into the hypervisor image (guest_images.S): the Linux Image and initramfs,
 * twice. The running copy sits in the guest's RAM backing (the Image 2 MiB-aligned, so it is
 * already at guest-physical 0x80200000); the pristine copy restores it when the guest reboots.
 */
#ifndef HEXT_HYP_GUEST_IMAGES_H
#define HEXT_HYP_GUEST_IMAGES_H

extern char guest_ram_high[]; /* linker.ld: start of the running copy = GPA 0x80200000 */
extern char guest_image[], guest_image_end[], guest_initrd[], guest_initrd_end[];
extern char guest_pristine[], guest_pristine_end[];
extern const char guest_cmdline[];

#endif
