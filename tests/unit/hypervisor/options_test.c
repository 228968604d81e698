/* hext.* switch parsing (hypervisor/options.c): every switch and value, unknown switches and bad
 * values (a warning each, default kept), words that are not ours ignored. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "options.h"

static char warnings[1024];
static int nwarn;

static void record(const char *msg)
{
    nwarn++;
    strncat(warnings, msg, sizeof(warnings) - strlen(warnings) - 2);
    strcat(warnings, "\n");
}

static struct options parse(const char *cmdline, int want_problems)
{
    struct options o;
    warnings[0] = '\0';
    nwarn = 0;
    options_default(&o);
    assert_int_equal(options_parse(&o, cmdline, record), want_problems);
    assert_int_equal(nwarn, want_problems);
    return o;
}

static void test_defaults(void **state)
{
    (void)state;
    struct options o = parse("console=ttyS0 earlycon hext.", 0);
    assert_int_equal(o.gstage, OPT_SV39X4);
    assert_int_equal(o.timer, OPT_TIMER_AUTO);
    assert_int_equal(o.mmio, OPT_MMIO_AUTO);
    assert_int_equal(o.console, OPT_CONSOLE_TTYS0);
    assert_int_equal(o.reboot, OPT_REBOOT_RESTART);
    assert_int_equal(o.mem_mib, 128);
    assert_int_equal(o.hostcon, OPT_HOSTCON_AUTO);
    assert_int_equal(o.uart, OPT_UART_PAGED);
    o = parse(NULL, 0);
    assert_int_equal(o.mem_mib, 128);
    o = parse("", 0);
    assert_int_equal(o.gstage, OPT_SV39X4);
}

static void test_every_switch(void **state)
{
    (void)state;
    struct options o = parse("quiet hext.gstage=sv48x4 hext.timer=sstc hext.mmio=hlvx "
                             "hext.console=hvc0 hext.mem=64 hext.reboot=poweroff hext.hostcon=sbi",
                             0);
    assert_int_equal(o.hostcon, OPT_HOSTCON_SBI);
    assert_int_equal(o.gstage, OPT_SV48X4);
    assert_int_equal(o.timer, OPT_TIMER_SSTC);
    assert_int_equal(o.mmio, OPT_MMIO_HLVX);
    assert_int_equal(o.console, OPT_CONSOLE_HVC0);
    assert_int_equal(o.mem_mib, 64);
    assert_int_equal(o.reboot, OPT_REBOOT_POWEROFF);
    o = parse("hext.vcpus=2", 0);
    assert_int_equal(o.vcpus, 2);
    o = parse("\thext.gstage=sv57x4\nhext.mmio=htinst  hext.timer=sbi hext.console=ttyS0 "
              "hext.reboot=restart hext.mem=16",
              0);
    assert_int_equal(o.gstage, OPT_SV57X4);
    assert_int_equal(o.mmio, OPT_MMIO_HTINST);
    assert_int_equal(o.mem_mib, 16);
    o = parse("hext.timer=sbi", 0);
    assert_int_equal(o.timer, OPT_TIMER_SBI);
    o = parse("hext.gstage=sv48x4 hext.gstage=sv39x4", 0); /* the last one wins */
    assert_int_equal(o.gstage, OPT_SV39X4);
    o = parse("hext.uart=packed", 0);
    assert_int_equal(o.uart, OPT_UART_PACKED);
    o = parse("hext.uart=packed hext.uart=paged", 0);
    assert_int_equal(o.uart, OPT_UART_PAGED);
}

static void test_unknown_and_bad(void **state)
{
    (void)state;
    struct options o = parse("hext.foo=1", 1);
    assert_non_null(strstr(warnings, "unknown switch 'hext.foo=1'"));
    /* The hint lists every switch, whole. */
    assert_non_null(strstr(warnings, "hext.seed hext.uart hext.guestN[.vcpus|.mem])\n"));
    o = parse("hext.uart=PAGED hext.uart=mmio hext.uart=", 3);
    assert_int_equal(o.uart, OPT_UART_PAGED);
    assert_non_null(strstr(warnings, "bad value 'hext.uart=mmio'"));
    o = parse("hext.uart=packed hext.uart=wide", 1);
    assert_int_equal(o.uart, OPT_UART_PACKED);
    o = parse("hext.gstage=sv32x4 hext.timer=clint hext.mmio= hext.console=ttyS1 hext.reboot=x", 5);
    assert_int_equal(o.gstage, OPT_SV39X4);
    assert_int_equal(o.timer, OPT_TIMER_AUTO);
    assert_non_null(strstr(warnings, "bad value 'hext.gstage=sv32x4'"));
    o = parse("hext.mem=0 hext.mem=15 hext.mem=abc hext.mem=65537 hext.mem=999999 hext.mem=", 6);
    assert_int_equal(o.mem_mib, 128);
    o = parse("hext.vcpus=0 hext.vcpus=65 hext.vcpus=x", 3);
    assert_int_equal(o.vcpus, 0);
    o = parse("hext.mem", 1);
    assert_non_null(strstr(warnings, "without a value"));
    o = parse("hext.GSTAGE=sv48x4 hext.gstage=SV48X4", 2); /* names are case-sensitive */
    assert_int_equal(o.gstage, OPT_SV39X4);
    o = parse("hext.mem=65536 hext.mem=256", 0);
    assert_int_equal(o.mem_mib, 256);
}

static void test_guests(void **state)
{
    (void)state;
    struct options o = parse("hext.vcpus=2", 0);
    assert_int_equal(o.guests, 1);
    assert_int_equal(o.slice_ms, 10);
    assert_int_equal(opt_guest_vcpus(&o, 3), 2);
    assert_string_equal(o.guest[0].image, "");
    o = parse("hext.guests=2 hext.vcpus=2 hext.mem=64 hext.guest1.vcpus=1 hext.guest0.mem=32 "
              "hext.guest1=hostile hext.slice=5",
              0);
    assert_int_equal(o.guests, 2);
    assert_int_equal(o.slice_ms, 5);
    assert_int_equal(opt_guest_vcpus(&o, 0), 2);
    assert_int_equal(opt_guest_vcpus(&o, 1), 1);
    assert_int_equal(opt_guest_mem_mib(&o, 0), 32);
    assert_int_equal(opt_guest_mem_mib(&o, 1), 64);
    assert_string_equal(o.guest[1].image, "hostile");
    assert_string_equal(o.guest[0].image, "");
    o = parse("hext.guests=0 hext.guests=5 hext.guest4.vcpus=1 hext.guest1.cpus=1 hext.slice=0 "
              "hext.guest0=Linux hext.guest0=averyveryverylongname hext.guest2.mem=8",
              8);
    assert_int_equal(o.guests, 1);
    assert_int_equal(o.slice_ms, 10);
    assert_string_equal(o.guest[0].image, "");
    assert_int_equal(opt_guest_mem_mib(&o, 2), 128);
    assert_non_null(strstr(warnings, "bad guest number 'hext.guest4.vcpus=1'"));
    assert_int_equal(o.vmid, OPT_VMID_AUTO);
    o = parse("hext.vmid=shared hext.vmid=none", 1);
    assert_int_equal(o.vmid, OPT_VMID_SHARED);
}

/* hext.seed= keeps its digits as text for the guests' bootargs; anything else is refused. */
static void test_seed(void **state)
{
    (void)state;
    assert_string_equal(parse("", 0).seed, "");
    assert_string_equal(parse("hext.seed=42", 0).seed, "42");
    assert_string_equal(parse("hext.seed=18446744073709551615", 0).seed, "18446744073709551615");
    assert_string_equal(parse("hext.seed=123456789012345678901", 1).seed, "");
    assert_string_equal(parse("hext.seed=0x10", 1).seed, "");
    assert_string_equal(parse("hext.seed=", 1).seed, "");
    assert_string_equal(parse("hext.seed=7 hext.seed=8", 0).seed, "8");
}

static void test_names(void **state)
{
    (void)state;
    assert_string_equal(opt_gstage_name(OPT_SV57X4), "sv57x4");
    assert_string_equal(opt_timer_name(OPT_TIMER_SSTC), "sstc");
    assert_string_equal(opt_mmio_name(OPT_MMIO_AUTO), "auto");
    assert_string_equal(opt_console_name(OPT_CONSOLE_HVC0), "hvc0");
    assert_string_equal(opt_reboot_name(OPT_REBOOT_POWEROFF), "poweroff");
    assert_string_equal(opt_hostcon_name(OPT_HOSTCON_SBI), "sbi");
    assert_string_equal(opt_vmid_name(OPT_VMID_SHARED), "shared");
    assert_string_equal(opt_uart_name(OPT_UART_PAGED), "paged");
    assert_string_equal(opt_uart_name(OPT_UART_PACKED), "packed");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_defaults),        cmocka_unit_test(test_every_switch),
            cmocka_unit_test(test_unknown_and_bad), cmocka_unit_test(test_guests),
            cmocka_unit_test(test_names),           cmocka_unit_test(test_seed),
    };
    return cmocka_run_group_tests_name("hypervisor options", tests, NULL, NULL);
}
