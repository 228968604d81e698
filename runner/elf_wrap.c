/* ELF-64 object file format (System V gABI): header, one program header, the bytes. */
#include "elf_wrap.h"

#include <elf.h>
#include <stdlib.h>
#include <string.h>

uint8_t *elf_wrap(const void *data, size_t size, uint64_t addr, size_t *out_size)
{
    size_t off = sizeof(Elf64_Ehdr) + sizeof(Elf64_Phdr);
    uint8_t *buf = calloc(1, off + size);
    if (!buf)
        return NULL;
    Elf64_Ehdr eh = {
            .e_ident = {ELFMAG0, ELFMAG1, ELFMAG2, ELFMAG3, ELFCLASS64, ELFDATA2LSB, EV_CURRENT},
            .e_type = ET_EXEC,
            .e_machine = EM_RISCV,
            .e_version = EV_CURRENT,
            .e_entry = addr,
            .e_phoff = sizeof(Elf64_Ehdr),
            .e_ehsize = sizeof(Elf64_Ehdr),
            .e_phentsize = sizeof(Elf64_Phdr),
            .e_phnum = 1,
    };
    Elf64_Phdr ph = {
            .p_type = PT_LOAD,
            .p_flags = PF_R,
            .p_offset = off,
            .p_vaddr = addr,
            .p_paddr = addr,
            .p_filesz = size,
            .p_memsz = size,
            .p_align = 8,
    };
    memcpy(buf, &eh, sizeof(eh));
    memcpy(buf + sizeof(eh), &ph, sizeof(ph));
    memcpy(buf + off, data, size);
    *out_size = off + size;
    return buf;
}
