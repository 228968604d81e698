/*
 * The checklist's CPU-list reader (guest/checklist/cpulist.c): the format of
 * Documentation/admin-guide/cputopology.rst, and this host's own /sys/devices/system/cpu/online
 * checked against getconf's count of online processors.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>

#include "cpulist.h"

static void test_forms(void **state)
{
    uint64_t cpus;
    (void)state;
    assert_int_equal(cpulist_parse("0\n", &cpus), 0);
    assert_int_equal(cpus, 0x1);
    assert_int_equal(cpulist_parse("0-3", &cpus), 0);
    assert_int_equal(cpus, 0xf);
    assert_int_equal(cpulist_parse("0,2-3,5\n", &cpus), 0);
    assert_int_equal(cpus, 0x2d);
    assert_int_equal(cpulist_parse("63", &cpus), 0);
    assert_int_equal(cpus, 1ULL << 63);
}

static void test_rejects(void **state)
{
    uint64_t cpus;
    (void)state;
    assert_int_equal(cpulist_parse("", &cpus), -1);
    assert_int_equal(cpulist_parse("3-1", &cpus), -1);
    assert_int_equal(cpulist_parse("0-", &cpus), -1);
    assert_int_equal(cpulist_parse("0,,1", &cpus), -1);
    assert_int_equal(cpulist_parse("64", &cpus), -1);
    assert_int_equal(cpulist_parse("1 2", &cpus), -1);
}

static void test_this_host(void **state)
{
    char text[256];
    uint64_t cpus;
    long want;
    (void)state;
    FILE *f = fopen("/sys/devices/system/cpu/online", "r");
    if (!f)
        skip();
    assert_non_null(fgets(text, sizeof(text), f));
    fclose(f);
    FILE *p = popen("getconf _NPROCESSORS_ONLN", "r");
    assert_non_null(p);
    assert_int_equal(fscanf(p, "%ld", &want), 1);
    pclose(p);
    if (want > 64)
        skip();
    assert_int_equal(cpulist_parse(text, &cpus), 0);
    assert_int_equal(__builtin_popcountll(cpus), want);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_forms),
            cmocka_unit_test(test_rejects),
            cmocka_unit_test(test_this_host),
    };
    return cmocka_run_group_tests_name("guest cpulist", tests, NULL, NULL);
}
