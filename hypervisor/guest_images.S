/*
 * Guest images, included at build time (hypervisor.mk passes the paths):
 *   GUEST_IMAGE_PATH, GUEST_INITRD_PATH  the files
 *   GUEST_IMAGE_SPAN  bytes the Image occupies once running (its header's image_size, at least
 *                     its file size, rounded up to 4 KiB): the initrd goes after that, where
 *                     the kernel's BSS cannot reach it
 *   GUEST_CMDLINE_STR the guest's default command line, a quoted string
 */
    .section .guest_images, "aw"
    .globl guest_image, guest_image_end, guest_initrd, guest_initrd_end
guest_image:
    .incbin GUEST_IMAGE_PATH
guest_image_end:
    .org GUEST_IMAGE_SPAN
guest_initrd:
    .incbin GUEST_INITRD_PATH
guest_initrd_end:

    /* The same bytes again, never run: a reboot copies them back over the running copy. */
    .section .guest_pristine, "a"
    .globl guest_pristine, guest_pristine_initrd, guest_pristine_end
    .balign 4096
guest_pristine:
    .incbin GUEST_IMAGE_PATH
    .org guest_pristine + GUEST_IMAGE_SPAN
guest_pristine_initrd:
    .incbin GUEST_INITRD_PATH
guest_pristine_end:

    .section .rodata
    .globl guest_cmdline
guest_cmdline:
    .asciz GUEST_CMDLINE_STR
