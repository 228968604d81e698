/*
 * The guest device tree (hypervisor/guest_fdt.c), read back with libfdt (the reference
 * implementation) and decompiled by dtc, never by our own reader alone.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <libfdt.h>

#include "guest_fdt.h"

static uint8_t blob[16384];

static const struct guest_fdt_params params = {
        .isa = "rv64imafdc_zicsr_zifencei",
        .mmu_type = "riscv,sv48",
        .timebase = 10000000,
        .nvcpus = 1,
        .ram_base = 0x80000000,
        .ram_size = 128 << 20,
        .uart_shift = VUART_PAGED_SHIFT,
        .bootargs = "no4lvl console=ttyS0",
        .initrd_start = 0x80a7d000,
        .initrd_end = 0x80af0200,
        .canary_base = 0x87fef000,
        .canary_size = 0x1000,
};

static int build(void **state)
{
    (void)state;
    int size = guest_fdt_build(blob, sizeof(blob), &params);
    assert_true(size > 0);
    assert_int_equal(fdt_check_header(blob), 0);
    assert_int_equal(fdt_totalsize(blob), (uint32_t)size);
    return 0;
}

static const char *str_prop(const char *path, const char *name)
{
    int node = fdt_path_offset(blob, path);
    assert_true(node >= 0);
    const char *v = fdt_getprop(blob, node, name, NULL);
    assert_non_null(v);
    return v;
}

static uint64_t cells_prop(const char *path, const char *name, int index, int ncells)
{
    int node = fdt_path_offset(blob, path), len;
    assert_true(node >= 0);
    const fdt32_t *p = fdt_getprop(blob, node, name, &len);
    assert_non_null(p);
    assert_true(len >= (index + 1) * ncells * 4);
    uint64_t v = 0;
    for (int i = 0; i < ncells; i++)
        v = v << 32 | fdt32_to_cpu(p[index * ncells + i]);
    return v;
}

static void test_chosen(void **state)
{
    (void)state;
    assert_string_equal(str_prop("/chosen", "bootargs"), "no4lvl console=ttyS0");
    assert_string_equal(str_prop("/chosen", "stdout-path"), "/soc/serial@10000000");
    assert_int_equal(cells_prop("/chosen", "linux,initrd-start", 0, 2), 0x80a7d000);
    assert_int_equal(cells_prop("/chosen", "linux,initrd-end", 0, 2), 0x80af0200);
}

static void test_cpus_memory(void **state)
{
    (void)state;
    assert_int_equal(cells_prop("/cpus", "timebase-frequency", 0, 1), 10000000);
    assert_string_equal(str_prop("/cpus/cpu@0", "riscv,isa"), "rv64imafdc_zicsr_zifencei");
    assert_string_equal(str_prop("/cpus/cpu@0", "device_type"), "cpu");
    assert_string_equal(str_prop("/cpus/cpu@0", "mmu-type"), "riscv,sv48");
    assert_int_equal(cells_prop("/cpus/cpu@0", "reg", 0, 1), 0);
    assert_string_equal(str_prop("/cpus/cpu@0/interrupt-controller", "compatible"),
                        "riscv,cpu-intc");
    assert_string_equal(str_prop("/memory@80000000", "device_type"), "memory");
    assert_int_equal(cells_prop("/memory@80000000", "reg", 0, 2), 0x80000000);
    assert_int_equal(cells_prop("/memory@80000000", "reg", 1, 2), 128 << 20);
}

static void test_plic_uart(void **state)
{
    (void)state;
    const char *plic = "/soc/interrupt-controller@c000000";
    int intc = fdt_path_offset(blob, "/cpus/cpu@0/interrupt-controller");
    assert_true(fdt_node_check_compatible(blob, fdt_path_offset(blob, plic), "riscv,plic0") == 0);
    assert_int_equal(cells_prop(plic, "reg", 0, 2), 0x0c000000);
    assert_int_equal(cells_prop(plic, "riscv,ndev", 0, 1), 31);
    /* interrupts-extended = <&cpu0_intc 9>: S-level external interrupt (priv spec §3.1.9). */
    assert_int_equal(cells_prop(plic, "interrupts-extended", 0, 1), fdt_get_phandle(blob, intc));
    assert_int_equal(cells_prop(plic, "interrupts-extended", 1, 1), 9);

    const char *uart = "/soc/serial@10000000";
    assert_string_equal(str_prop(uart, "compatible"), "ns16550a");
    assert_int_equal(cells_prop(uart, "reg", 0, 2), 0x10000000);
    assert_int_equal(cells_prop(uart, "interrupts", 0, 1), 10);
    assert_int_equal(cells_prop(uart, "interrupt-parent", 0, 1),
                     fdt_get_phandle(blob, fdt_path_offset(blob, plic)));
}

/* hext.uart: paged (the default, built above) is one register per 4 KiB page in 0x8000 bytes;
 * packed is the DTB as it always was: 0x100 bytes and no reg-shift (8250.yaml: default 0). */
static void test_uart_layouts(void **state)
{
    struct guest_fdt_params p = params;
    const char *uart = "/soc/serial@10000000";
    (void)state;
    assert_int_equal(cells_prop(uart, "reg", 1, 2), 0x8000);
    assert_int_equal(cells_prop(uart, "reg-shift", 0, 1), 12);
    p.uart_shift = 0;
    assert_true(guest_fdt_build(blob, sizeof(blob), &p) > 0);
    assert_int_equal(cells_prop(uart, "reg", 0, 2), 0x10000000);
    assert_int_equal(cells_prop(uart, "reg", 1, 2), 0x100);
    assert_null(fdt_getprop(blob, fdt_path_offset(blob, uart), "reg-shift", NULL));
}

static void test_no_initrd_no_mmu(void **state)
{
    struct guest_fdt_params p = params;
    (void)state;
    p.initrd_start = p.initrd_end = 0;
    p.mmu_type = NULL;
    assert_true(guest_fdt_build(blob, sizeof(blob), &p) > 0);
    int chosen = fdt_path_offset(blob, "/chosen");
    assert_null(fdt_getprop(blob, chosen, "linux,initrd-start", NULL));
    assert_null(fdt_getprop(blob, chosen, "rng-seed", NULL));
    assert_null(fdt_getprop(blob, fdt_path_offset(blob, "/cpus/cpu@0"), "mmu-type", NULL));
}

/* The draw for this boot as /chosen/rng-seed's bytes (Linux drivers/of/fdt.c reads any length). */
static void test_rng_seed(void **state)
{
    static const uint8_t seed[24] = {1, 2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31};
    struct guest_fdt_params p = params;
    int len = 0;
    (void)state;
    p.rng_seed = seed;
    p.rng_seed_len = sizeof(seed);
    assert_true(guest_fdt_build(blob, sizeof(blob), &p) > 0);
    const void *v = fdt_getprop(blob, fdt_path_offset(blob, "/chosen"), "rng-seed", &len);
    assert_non_null(v);
    assert_int_equal(len, sizeof(seed));
    assert_memory_equal(v, seed, sizeof(seed));
}

/* Zicbom/Zicboz block sizes on every cpu node, only when given (Linux riscv/cpus.yaml). */
static void test_cache_block_sizes(void **state)
{
    struct guest_fdt_params p = params;
    (void)state;
    assert_null(
            fdt_getprop(blob, fdt_path_offset(blob, "/cpus/cpu@0"), "riscv,cbom-block-size", NULL));
    assert_null(
            fdt_getprop(blob, fdt_path_offset(blob, "/cpus/cpu@0"), "riscv,cboz-block-size", NULL));
    p.nvcpus = 2;
    p.cbom_block = 64;
    p.cboz_block = 128;
    assert_true(guest_fdt_build(blob, sizeof(blob), &p) > 0);
    for (unsigned i = 0; i < 2; i++) {
        const char *cpu = i ? "/cpus/cpu@1" : "/cpus/cpu@0";
        assert_int_equal(cells_prop(cpu, "riscv,cbom-block-size", 0, 1), 64);
        assert_int_equal(cells_prop(cpu, "riscv,cboz-block-size", 0, 1), 128);
    }
}

/* The isolation canary (hypervisor/isolation.c): a no-map reserved-memory region. */
static void test_canary_reserved(void **state)
{
    struct guest_fdt_params p = params;
    (void)state;
    const char *node = "/reserved-memory/hext-canary@87fef000";
    assert_int_equal(cells_prop(node, "reg", 0, 2), 0x87fef000);
    assert_int_equal(cells_prop(node, "reg", 1, 2), 0x1000);
    assert_non_null(fdt_getprop(blob, fdt_path_offset(blob, node), "no-map", NULL));
    assert_non_null(fdt_getprop(blob, fdt_path_offset(blob, "/reserved-memory"), "ranges", NULL));
    p.canary_size = 0;
    assert_true(guest_fdt_build(blob, sizeof(blob), &p) > 0);
    assert_true(fdt_path_offset(blob, "/reserved-memory") < 0);
}

/* Two vCPUs: two cpu nodes, and PLIC context i = vCPU i's S-level external interrupt. */
static void test_two_vcpus(void **state)
{
    struct guest_fdt_params p = params;
    (void)state;
    p.nvcpus = 2;
    assert_true(guest_fdt_build(blob, sizeof(blob), &p) > 0);
    int intc1 = fdt_path_offset(blob, "/cpus/cpu@1/interrupt-controller");
    assert_true(intc1 >= 0);
    assert_int_equal(cells_prop("/cpus/cpu@1", "reg", 0, 1), 1);
    const char *plic = "/soc/interrupt-controller@c000000";
    assert_int_equal(cells_prop(plic, "interrupts-extended", 2, 1), fdt_get_phandle(blob, intc1));
    assert_int_equal(cells_prop(plic, "interrupts-extended", 3, 1), 9);
}

static void test_too_small(void **state)
{
    (void)state;
    assert_true(guest_fdt_build(blob, 256, &params) < 0);
}

/* dtc must decompile it without complaint (it checks phandles, reg vs #address-cells, ...). */
static void test_dtc(void **state)
{
    (void)state;
    char path[] = "/tmp/hext-guest-fdt-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "wb");
    assert_int_equal(fwrite(blob, 1, fdt_totalsize(blob), f), fdt_totalsize(blob));
    fclose(f);
    char cmd[256];
    snprintf(cmd, sizeof(cmd), "dtc -I dtb -O dts -o /dev/null %s 2>&1", path);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    char out[1024] = "";
    size_t n = fread(out, 1, sizeof(out) - 1, p);
    out[n] = '\0';
    int rc = pclose(p);
    remove(path);
    if (n)
        fprintf(stderr, "# dtc: %s", out);
    assert_int_equal(rc, 0);
    assert_int_equal(n, 0); /* no warnings either */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
            cmocka_unit_test_setup(test_chosen, build),
            cmocka_unit_test_setup(test_cpus_memory, build),
            cmocka_unit_test_setup(test_plic_uart, build),
            cmocka_unit_test_setup(test_uart_layouts, build),
            cmocka_unit_test(test_no_initrd_no_mmu),
            cmocka_unit_test(test_rng_seed),
            cmocka_unit_test(test_two_vcpus),
            cmocka_unit_test_setup(test_cache_block_sizes, build),
            cmocka_unit_test_setup(test_canary_reserved, build),
            cmocka_unit_test(test_too_small),
            cmocka_unit_test_setup(test_dtc, build),
    };
    return cmocka_run_group_tests_name("hypervisor guest FDT", tests, NULL, NULL);
}
