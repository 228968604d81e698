/*
 * The host device tree as the hypervisor reads it (hypervisor/hostinfo.c): QEMU virt and Spike
 * trees (tests/unit/lib/qemu-virt.dts and spike.dts, dumped from the emulators) and small
 * hand-written ones, compiled with dtc so the blobs come from the reference compiler.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "hostinfo.h"

static uint8_t blob[1 << 16];

/* dtc -I dts -O dtb of a file or (path NULL) of source text. */
static void compile(const char *path, const char *source)
{
    char cmd[512], tmp[] = "/tmp/hext-hostinfo-XXXXXX";
    if (!path) {
        int fd = mkstemp(tmp);
        assert_true(fd >= 0);
        FILE *f = fdopen(fd, "w");
        fputs(source, f);
        fclose(f);
        path = tmp;
    }
    snprintf(cmd, sizeof(cmd), "dtc -q -I dts -O dtb %s", path);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    size_t n = fread(blob, 1, sizeof(blob), p);
    assert_int_equal(pclose(p), 0);
    assert_true(n > 40);
    if (path == tmp)
        remove(tmp);
}

static void test_qemu_virt(void **state)
{
    struct hostinfo h;
    const char *what = NULL;
    (void)state;
    compile("tests/unit/lib/qemu-virt.dts", NULL);
    assert_int_equal(hostinfo_read(&h, blob, 0, &what), 0);
    assert_int_equal(h.ram_base, 0x80000000);
    assert_int_equal(h.ram_size, 0x8000000);
    assert_int_equal(h.timebase, 10000000);
    assert_int_equal(h.nharts, 1);
    assert_string_equal(h.isa, "rv64imafdch_zicsr_zifencei_zihintpause_zba_zbb_zbc_zbs_sstc");
    assert_int_equal(h.uart, 0x10000000);
}

static void test_spike(void **state)
{
    struct hostinfo h;
    const char *what = NULL;
    (void)state;
    compile("tests/unit/lib/spike.dts", NULL);
    assert_int_equal(hostinfo_read(&h, blob, 0, &what), 0);
    assert_int_equal(h.ram_base, 0x80000000);
    assert_true(h.timebase > 0);
    assert_true(h.nharts >= 1);
    assert_true(h.isa[0] != '\0');
}

#define TREE_HEAD                                                                                  \
    "/dts-v1/; / { #address-cells = <2>; #size-cells = <2>;"                                       \
    " memory@80000000 { device_type = \"memory\"; reg = <0 0x80000000 0 0x10000000>; };"           \
    " cpus { #address-cells = <1>; #size-cells = <0>; timebase-frequency = <1000000>;"             \
    "  cpu@0 { device_type = \"cpu\"; reg = <0>; riscv,isa = \"rv64imafdc\"; };"                   \
    "  cpu@1 { device_type = \"cpu\"; reg = <1>; riscv,isa = \"rv64imafdch\";"                     \
    "   mmu-type = \"riscv,sv48\"; }; };"

static void test_boot_hart_alias_uart(void **state)
{
    struct hostinfo h;
    const char *what = NULL;
    (void)state;
    compile(NULL, TREE_HEAD
            " aliases { serial0 = \"/soc/uart@10000000\"; };"
            " chosen { bootargs = \"hext.mem=64\"; stdout-path = \"serial0:115200n8\"; };"
            " soc { #address-cells = <2>; #size-cells = <2>;"
            "  uart@10000000 { compatible = \"ns16550a\"; reg = <0 0x10000000 0 0x100>; }; }; };");
    assert_int_equal(hostinfo_read(&h, blob, 1, &what), 0);
    assert_int_equal(h.nharts, 2);
    assert_string_equal(h.isa, "rv64imafdch"); /* the boot hart's (hart 1), not hart 0's */
    assert_string_equal(h.mmu_type, "riscv,sv48");
    assert_string_equal(h.bootargs, "hext.mem=64");
    assert_int_equal(h.ram_size, 0x10000000);
    assert_int_equal(h.uart, 0x10000000);
}

/* The boot hart's Zicbom/Zicboz block sizes; 0 where the tree has none. */
static void test_cache_block_sizes(void **state)
{
    struct hostinfo h;
    const char *what = NULL;
    (void)state;
    compile(NULL, "/dts-v1/; / { #address-cells = <2>; #size-cells = <2>;"
                  " memory@80000000 { device_type = \"memory\"; reg = <0 0x80000000 0 0x1000>; };"
                  " cpus { #address-cells = <1>; #size-cells = <0>; timebase-frequency = <1>;"
                  "  cpu@0 { device_type = \"cpu\"; reg = <0>; riscv,isa = \"rv64gc_zicbom\";"
                  "   riscv,cbom-block-size = <64>; };"
                  "  cpu@1 { device_type = \"cpu\"; reg = <1>; riscv,isa = \"rv64gc_zicboz\";"
                  "   riscv,cboz-block-size = <32>; }; }; };");
    assert_int_equal(hostinfo_read(&h, blob, 0, &what), 0);
    assert_int_equal(h.cbom_block, 64);
    assert_int_equal(h.cboz_block, 0);
    assert_int_equal(hostinfo_read(&h, blob, 1, &what), 0);
    assert_int_equal(h.cbom_block, 0);
    assert_int_equal(h.cboz_block, 32);
}

static void test_uart_not_usable(void **state)
{
    struct hostinfo h;
    const char *what = NULL;
    (void)state;
    /* reg-shift 2 (32-bit spaced registers) is not what hostcon.c drives. */
    compile(NULL, TREE_HEAD " chosen { stdout-path = \"/soc/uart@10000000\"; };"
                            " soc { #address-cells = <2>; #size-cells = <2>;"
                            "  uart@10000000 { compatible = \"ns16550a\"; reg-shift = <2>;"
                            "   reg = <0 0x10000000 0 0x100>; }; }; };");
    assert_int_equal(hostinfo_read(&h, blob, 0, &what), 0);
    assert_int_equal(h.uart, 0);
    /* HTIF console (the Sail platform): no UART at all. */
    compile(NULL,
            TREE_HEAD " chosen { bootargs = \"x\"; }; htif { compatible = \"ucb,htif0\"; }; };");
    assert_int_equal(hostinfo_read(&h, blob, 0, &what), 0);
    assert_int_equal(h.uart, 0);
    assert_string_equal(h.bootargs, "x");
}

/* QEMU virt's /chosen/rng-seed (tests/unit/lib/qemu-virt.dts): its 8 cells, big-endian, and
 * writable in place; none in the Spike tree. */
static void test_rng_seed(void **state)
{
    static const uint8_t want[8] = {0xc2, 0x8f, 0x0f, 0x76, 0x4b, 0x4e, 0x6c, 0xf2};
    size_t len = 1;
    (void)state;
    compile("tests/unit/lib/qemu-virt.dts", NULL);
    uint8_t *seed = hostinfo_rng_seed(blob, &len);
    assert_non_null(seed);
    assert_int_equal(len, 32);
    assert_memory_equal(seed, want, sizeof(want));
    assert_true(seed > blob && seed + len < blob + sizeof(blob));
    compile("tests/unit/lib/spike.dts", NULL);
    assert_null(hostinfo_rng_seed(blob, &len));
    assert_int_equal(len, 0);
}

static void test_missing_pieces(void **state)
{
    struct hostinfo h;
    const char *what = NULL;
    (void)state;
    compile(NULL, "/dts-v1/; / { #address-cells = <2>; #size-cells = <2>;"
                  " memory@80000000 { device_type = \"memory\"; reg = <0 0x80000000 0 0x1000>; };"
                  " cpus { #address-cells = <1>; #size-cells = <0>;"
                  "  cpu@0 { device_type = \"cpu\"; reg = <0>; riscv,isa = \"rv64gc\"; }; }; };");
    assert_true(hostinfo_read(&h, blob, 0, &what) != 0);
    assert_string_equal(what, "timebase-frequency");
    compile(NULL, "/dts-v1/; / { cpus { }; };");
    assert_true(hostinfo_read(&h, blob, 0, &what) != 0);
    assert_string_equal(what, "memory node with a reg");
    memset(blob, 0, 64);
    assert_true(hostinfo_read(&h, blob, 0, &what) != 0);
    assert_string_equal(what, "device tree header");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_qemu_virt),
            cmocka_unit_test(test_spike),
            cmocka_unit_test(test_boot_hart_alias_uart),
            cmocka_unit_test(test_uart_not_usable),
            cmocka_unit_test(test_cache_block_sizes),
            cmocka_unit_test(test_rng_seed),
            cmocka_unit_test(test_missing_pieces),
    };
    return cmocka_run_group_tests_name("hypervisor hostinfo", tests, NULL, NULL);
}
