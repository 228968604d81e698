/*
 * The guest's device tree, generated at run time with the lib/fdt writer. Pure C: the host
 * tests parse its output with libfdt and dtc.
 */
#ifndef HEXT_HYP_GUEST_FDT_H
#define HEXT_HYP_GUEST_FDT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The virtual platform (QEMU virt's addresses, so guest kernels need nothing special). */
#define VUART_BASE     0x10000000UL
#define VUART_IRQ      10
#define VUART_CLOCK_HZ 3686400
/* The UART's register layouts (hext.uart=): register n at VUART_BASE + (n << shift). packed:
 * byte registers at offsets 0..7 of QEMU virt's 0x100 window. paged: each register alone at
 * the start of its own 4 KiB page, so that the G-stage can map the LSR's page read-only onto a
 * shadow of it (gstage.c, uart_vdev.c) and LSR polls cost no exit. */
#define VUART_PACKED_SIZE 0x100UL
#define VUART_PAGED_SHIFT 12
/* The window of the layout with this shift (0 or VUART_PAGED_SHIFT): 8 registers. */
#define VUART_WINDOW(shift) ((shift) ? 8UL << (shift) : VUART_PACKED_SIZE)
#define VPLIC_BASE          0x0c000000UL
#define VPLIC_NDEV          31 /* sources 1..31 */
#define VPLIC_CONTEXTS      8  /* context i: vCPU i's S-mode external interrupt */

struct guest_fdt_params {
    const char *isa;      /* riscv,isa for every vCPU (already filtered for the guest) */
    const char *mmu_type; /* NULL or "": property left out */
    /* riscv,cbom-block-size / riscv,cboz-block-size; 0: property left out. Linux enables
     * Zicbom/Zicboz only with them (arch/riscv/kernel/cpufeature.c). */
    uint32_t cbom_block, cboz_block;
    uint32_t timebase;
    unsigned nvcpus;
    uint64_t ram_base, ram_size;
    uint32_t uart_shift; /* the UART's reg-shift: 0 or VUART_PAGED_SHIFT */
    const char *bootargs;
    const uint8_t *rng_seed; /* /chosen/rng-seed; rng_seed_len 0: property left out */
    size_t rng_seed_len;
    uint64_t initrd_start, initrd_end; /* both 0: no initrd */
    uint64_t canary_base, canary_size; /* a no-map reserved-memory region; size 0: none */
};

/* Writes the DTB into buf; returns its size or a negative DT_ERR_*. */
int guest_fdt_build(void *buf, size_t cap, const struct guest_fdt_params *p);

#endif
