/* A minimal ELF file that loads one blob at a fixed physical address, for emulators that take
 * extra ELF files but no raw initrd (the 2024 Sail model). */
#ifndef HEXT_RUNNER_ELF_WRAP_H
#define HEXT_RUNNER_ELF_WRAP_H

#include <stddef.h>
#include <stdint.h>

/* Returns a malloc'd ELF64 RISC-V image with one PT_LOAD segment of data at addr, or NULL. */
uint8_t *elf_wrap(const void *data, size_t size, uint64_t addr, size_t *out_size);

#endif
