/*
 * Guest device tree (Devicetree Specification v0.4; bindings: Linux's riscv/cpus.yaml,
 * sifive,plic-1.0.0.yaml, 8250.yaml). Phandles are fixed numbers: one intc per vCPU, then
 * the PLIC.
 */
#include "guest_fdt.h"

#include "fdt/fdt.h"
#include "fmt.h"
#include "riscv/encoding.h"

#define PHANDLE_PLIC    1
#define PHANDLE_INTC(i) (2 + (i))

static void write_cpus(struct dtw *w, const struct guest_fdt_params *p)
{
    char name[24];

    dtw_begin_node(w, "cpus");
    dtw_prop_u32(w, "#address-cells", 1);
    dtw_prop_u32(w, "#size-cells", 0);
    dtw_prop_u32(w, "timebase-frequency", p->timebase);
    for (unsigned i = 0; i < p->nvcpus; i++) {
        fmt_snprintf(name, sizeof(name), "cpu@%u", i);
        dtw_begin_node(w, name);
        dtw_prop_string(w, "device_type", "cpu");
        dtw_prop_u32(w, "reg", i);
        dtw_prop_string(w, "status", "okay");
        dtw_prop_string(w, "compatible", "riscv");
        dtw_prop_string(w, "riscv,isa", p->isa);
        if (p->mmu_type && p->mmu_type[0])
            dtw_prop_string(w, "mmu-type", p->mmu_type);
        if (p->cbom_block)
            dtw_prop_u32(w, "riscv,cbom-block-size", p->cbom_block);
        if (p->cboz_block)
            dtw_prop_u32(w, "riscv,cboz-block-size", p->cboz_block);
        dtw_begin_node(w, "interrupt-controller");
        dtw_prop_u32(w, "#address-cells", 0);
        dtw_prop_u32(w, "#interrupt-cells", 1);
        dtw_prop_empty(w, "interrupt-controller");
        dtw_prop_string(w, "compatible", "riscv,cpu-intc");
        dtw_prop_u32(w, "phandle", PHANDLE_INTC(i));
        dtw_end_node(w);
        dtw_end_node(w);
    }
    dtw_end_node(w);
}

static void write_soc(struct dtw *w, const struct guest_fdt_params *p)
{
    static const char *const plic_compat[] = {"sifive,plic-1.0.0", "riscv,plic0"};
    char name[32];
    uint32_t ext[2 * VPLIC_CONTEXTS];

    dtw_begin_node(w, "soc");
    dtw_prop_u32(w, "#address-cells", 2);
    dtw_prop_u32(w, "#size-cells", 2);
    dtw_prop_string(w, "compatible", "simple-bus");
    dtw_prop_empty(w, "ranges");

    fmt_snprintf(name, sizeof(name), "interrupt-controller@%lx", VPLIC_BASE);
    dtw_begin_node(w, name);
    dtw_prop_strings(w, "compatible", plic_compat, 2);
    dtw_prop_u32(w, "#address-cells", 0);
    dtw_prop_u32(w, "#interrupt-cells", 1);
    dtw_prop_empty(w, "interrupt-controller");
    dtw_prop_addr_size(w, "reg", 2, 2, VPLIC_BASE, 0x4000000);
    dtw_prop_u32(w, "riscv,ndev", VPLIC_NDEV);
    /* Context i of the PLIC model is vCPU i's S-mode external interrupt. */
    for (unsigned i = 0; i < VPLIC_CONTEXTS && i < p->nvcpus; i++) {
        ext[2 * i] = PHANDLE_INTC(i);
        ext[2 * i + 1] = IRQ_SEI; /* the hart's S-level external interrupt */
    }
    dtw_prop_cells(w, "interrupts-extended", ext,
                   2 * (p->nvcpus < VPLIC_CONTEXTS ? p->nvcpus : VPLIC_CONTEXTS));
    dtw_prop_u32(w, "phandle", PHANDLE_PLIC);
    dtw_end_node(w);

    fmt_snprintf(name, sizeof(name), "serial@%lx", VUART_BASE);
    dtw_begin_node(w, name);
    dtw_prop_string(w, "compatible", "ns16550a");
    dtw_prop_addr_size(w, "reg", 2, 2, VUART_BASE, VUART_WINDOW(p->uart_shift));
    /* 8250.yaml: register n at n << reg-shift (Linux of_serial and earlycon, U-Boot's ns16550
     * read it); absent means 0, the packed layout's DTB as it always was. */
    if (p->uart_shift)
        dtw_prop_u32(w, "reg-shift", p->uart_shift);
    dtw_prop_u32(w, "clock-frequency", VUART_CLOCK_HZ);
    dtw_prop_u32(w, "interrupt-parent", PHANDLE_PLIC);
    dtw_prop_u32(w, "interrupts", VUART_IRQ);
    dtw_end_node(w);

    dtw_end_node(w);
}

int guest_fdt_build(void *buf, size_t cap, const struct guest_fdt_params *p)
{
    struct dtw w;
    char name[32];

    dtw_init(&w, buf, cap);
    dtw_begin_node(&w, "");
    dtw_prop_u32(&w, "#address-cells", 2);
    dtw_prop_u32(&w, "#size-cells", 2);
    dtw_prop_string(&w, "compatible", "hext,guest");
    dtw_prop_string(&w, "model", "hext guest");

    dtw_begin_node(&w, "chosen");
    if (p->bootargs)
        dtw_prop_string(&w, "bootargs", p->bootargs);
    fmt_snprintf(name, sizeof(name), "/soc/serial@%lx", VUART_BASE);
    dtw_prop_string(&w, "stdout-path", name);
    if (p->rng_seed_len)
        dtw_prop(&w, "rng-seed", p->rng_seed, (uint32_t)p->rng_seed_len);
    if (p->initrd_end > p->initrd_start) {
        dtw_prop_u64(&w, "linux,initrd-start", p->initrd_start);
        dtw_prop_u64(&w, "linux,initrd-end", p->initrd_end);
    }
    dtw_end_node(&w);

    write_cpus(&w, p);

    fmt_snprintf(name, sizeof(name), "memory@%llx", (unsigned long long)p->ram_base);
    dtw_begin_node(&w, name);
    dtw_prop_string(&w, "device_type", "memory");
    dtw_prop_addr_size(&w, "reg", 2, 2, p->ram_base, p->ram_size);
    dtw_end_node(&w);

    if (p->canary_size) {
        /* Devicetree spec §3.5 (reserved-memory binding): no-map keeps the guest off it. */
        dtw_begin_node(&w, "reserved-memory");
        dtw_prop_u32(&w, "#address-cells", 2);
        dtw_prop_u32(&w, "#size-cells", 2);
        dtw_prop_empty(&w, "ranges");
        fmt_snprintf(name, sizeof(name), "hext-canary@%llx", (unsigned long long)p->canary_base);
        dtw_begin_node(&w, name);
        dtw_prop_addr_size(&w, "reg", 2, 2, p->canary_base, p->canary_size);
        dtw_prop_empty(&w, "no-map");
        dtw_end_node(&w);
        dtw_end_node(&w);
    }

    write_soc(&w, p);
    dtw_end_node(&w);
    return dtw_finish(&w, 0);
}
