/* The hostile guest's bytes (hypervisor/hostile/), the built-in image `hostile`. */
    .section .rodata
    .balign 8
    .globl hostile_image, hostile_image_end
hostile_image:
    .incbin HOSTILE_IMAGE_PATH
hostile_image_end:
