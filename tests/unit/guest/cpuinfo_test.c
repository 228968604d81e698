/*
 * The checklist's /proc/cpuinfo reader, on files captured from the guest kernel booted on QEMU
 * virt (-smp 2) and Spike (-p2, no4lvl), and on this host's own /proc/cpuinfo. Expected values
 * come from grep/awk run on the same file, not from the reader.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cpuinfo.h"

/* First line of a shell command's output, without the newline. */
static void shell_line(const char *cmd, char *out, size_t len)
{
    FILE *p = popen(cmd, "r");

    assert_non_null(p);
    if (!fgets(out, (int)len, p))
        out[0] = '\0';
    out[strcspn(out, "\n")] = '\0';
    pclose(p);
}

static void expect_like_tools(const char *path)
{
    char cmd[512], want_harts[32], want_isa[256], want_mmu[64];
    struct cpuinfo info;
    FILE *f = fopen(path, "r");

    assert_non_null(f);
    cpuinfo_parse(f, &info);
    fclose(f);

    snprintf(cmd, sizeof(cmd), "grep -c '^processor' %s", path);
    shell_line(cmd, want_harts, sizeof(want_harts));
    snprintf(cmd, sizeof(cmd), "awk -F': ' '$1 ~ /^isa[ \\t]*$/ { print $2; exit }' %s", path);
    shell_line(cmd, want_isa, sizeof(want_isa));
    snprintf(cmd, sizeof(cmd), "awk -F': ' '$1 ~ /^mmu[ \\t]*$/ { print $2; exit }' %s", path);
    shell_line(cmd, want_mmu, sizeof(want_mmu));

    assert_int_equal(info.harts, atoi(want_harts));
    assert_string_equal(info.isa, want_isa);
    assert_string_equal(info.mmu, want_mmu[0] ? want_mmu : "none");
}

static void qemu_virt_smp2(void **state)
{
    (void)state;
    expect_like_tools(FIXTURE_DIR "/cpuinfo-qemu-virt-smp2.txt");
}

static void spike_p2_no4lvl(void **state)
{
    (void)state;
    expect_like_tools(FIXTURE_DIR "/cpuinfo-spike-p2-no4lvl.txt");
}

/* Not RISC-V: processors are counted, and there is no isa or mmu line to find. */
static void host_cpuinfo(void **state)
{
    (void)state;
    expect_like_tools("/proc/cpuinfo");
}

/* "hart isa" and "isa extensions"-like keys must not be taken for "isa". */
static void similar_keys(void **state)
{
    static const char text[] = "processor\t: 0\n"
                               "hart isa\t: rv32wrong\n"
                               "isax\t\t: rv32wrong\n"
                               "isa\t\t: rv64imac\n"
                               "mmu\t\t: sv48\n";
    struct cpuinfo info;
    FILE *f = fmemopen((void *)text, sizeof(text) - 1, "r");

    (void)state;
    assert_non_null(f);
    cpuinfo_parse(f, &info);
    fclose(f);
    assert_int_equal(info.harts, 1);
    assert_string_equal(info.isa, "rv64imac");
    assert_string_equal(info.mmu, "sv48");
}

static void empty(void **state)
{
    struct cpuinfo info;
    FILE *f = fopen("/dev/null", "r");

    (void)state;
    assert_non_null(f);
    cpuinfo_parse(f, &info);
    fclose(f);
    assert_int_equal(info.harts, 0);
    assert_string_equal(info.isa, "");
    assert_string_equal(info.mmu, "none");
}

/* An ISA string longer than the buffer is cut, never overflowed. */
static void long_isa(void **state)
{
    char text[2048];
    struct cpuinfo info;
    FILE *f;

    (void)state;
    snprintf(text, sizeof(text), "processor\t: 0\nisa\t\t: rv64%0900d\n", 0);
    f = fmemopen(text, strlen(text), "r");
    assert_non_null(f);
    cpuinfo_parse(f, &info);
    fclose(f);
    assert_int_equal(strlen(info.isa), sizeof(info.isa) - 1);
    assert_memory_equal(info.isa, "rv64000", 7);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
            cmocka_unit_test(qemu_virt_smp2), cmocka_unit_test(spike_p2_no4lvl),
            cmocka_unit_test(host_cpuinfo),   cmocka_unit_test(similar_keys),
            cmocka_unit_test(empty),          cmocka_unit_test(long_isa),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
