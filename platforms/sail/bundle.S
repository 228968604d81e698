/*
 * One ELF holding firmware, payload and (optionally) an initramfs, for emulators that load
 * ELF files only (Sail, and Spike given the Sail platform's DTB). The file names come from
 * the build as FIRMWARE, PAYLOAD and INITRD; addresses from bundle.ld.
 */
	.section .firmware, "awx"
	.incbin FIRMWARE

	.section .payload, "awx"
	.incbin PAYLOAD

#ifdef INITRD
	.section .initrd, "aw"
	.incbin INITRD
#endif
