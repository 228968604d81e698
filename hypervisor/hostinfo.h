/*
 * What the hypervisor learns from the host device tree (the one OpenSBI passes in a1). Strings
 * are copied out: the blob lies in memory the guest will own.
 */
#ifndef HEXT_HYP_HOSTINFO_H
#define HEXT_HYP_HOSTINFO_H

#include <stddef.h>
#include <stdint.h>

#define HOST_ISA_LEN      256
#define HOST_BOOTARGS_LEN 512
#define HOST_MMU_LEN      32
#define HOST_MAX_HARTS    16

struct hostinfo {
    uint64_t ram_base, ram_size;
    unsigned nharts;
    /* Harts other than the boot hart that may be started (status "okay"), in DTB order. */
    unsigned long other_hartids[HOST_MAX_HARTS];
    unsigned nother;
    uint32_t timebase;           /* Hz */
    char isa[HOST_ISA_LEN];      /* the boot hart's riscv,isa */
    char mmu_type[HOST_MMU_LEN]; /* the boot hart's mmu-type, "" when absent */
    /* The boot hart's Zicbom/Zicboz cache-block sizes in bytes (riscv,cbom-block-size,
     * riscv,cboz-block-size; Linux riscv/cpus.yaml), 0 when absent. */
    uint32_t cbom_block, cboz_block;
    char bootargs[HOST_BOOTARGS_LEN];
    uint64_t uart; /* /chosen/stdout-path when it is an ns16550a with byte registers, else 0 */
    uint64_t initrd_start, initrd_end; /* /chosen linux,initrd-start/end; both 0 when absent */
};

/* Returns 0, or a negative DT_ERR_* / -1 with *what naming the missing piece. */
int hostinfo_read(struct hostinfo *h, const void *fdt, unsigned long hartid, const char **what);

/* The bytes of /chosen/rng-seed inside the blob, writable so that the caller can wipe them
 * once used; NULL (and *len 0) when there is none. */
uint8_t *hostinfo_rng_seed(void *fdt, size_t *len);

#endif
