/*
 * hext.* switches from the host's /chosen/bootargs (QEMU -append, Spike --bootargs, Sail DTB).
 * Pure C, compiled for the host tests too.
 */
#ifndef HEXT_HYP_OPTIONS_H
#define HEXT_HYP_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

enum opt_gstage { OPT_SV39X4, OPT_SV48X4, OPT_SV57X4 };
enum opt_timer { OPT_TIMER_AUTO, OPT_TIMER_SBI, OPT_TIMER_SSTC };
enum opt_mmio { OPT_MMIO_AUTO, OPT_MMIO_HTINST, OPT_MMIO_HLVX };
enum opt_console { OPT_CONSOLE_TTYS0, OPT_CONSOLE_HVC0 };
enum opt_reboot { OPT_REBOOT_RESTART, OPT_REBOOT_POWEROFF };
enum opt_hostcon { OPT_HOSTCON_AUTO, OPT_HOSTCON_SBI };
enum opt_vmid { OPT_VMID_AUTO, OPT_VMID_SHARED };
enum opt_uart { OPT_UART_PAGED, OPT_UART_PACKED };

#define OPT_MEM_MIN_MIB      16
#define OPT_MEM_DEFAULT_MIB  128
#define OPT_VCPUS_MAX        64
#define OPT_GUESTS_MAX       4
#define OPT_IMAGE_NAME_LEN   16
#define OPT_SLICE_DEFAULT_MS 10

#define OPT_SEED_LEN 21 /* 2^64 - 1 has 20 digits */

struct options {
    enum opt_gstage gstage;
    enum opt_timer timer;
    enum opt_mmio mmio;
    enum opt_console console;
    enum opt_reboot reboot;
    enum opt_hostcon hostcon;
    enum opt_vmid vmid; /* shared: every guest on VMID 0, as on a host with VMIDLEN 0 */
    enum opt_uart uart; /* the guest UART's register layout (guest_fdt.h) */
    unsigned mem_mib;   /* every guest's, unless overridden */
    unsigned vcpus;     /* every guest's unless overridden; 0: one per host hart */
    unsigned guests;    /* hext.guests=, 1..OPT_GUESTS_MAX */
    bool guests_given;  /* else the number of guest bundles decides (main.c) */
    unsigned slice_ms;  /* hext.slice=: time slice of a vCPU sharing its hart with others */
    /* hext.seed=: decimal digits handed to every guest's bootargs as hext.seed=<digits> (the
     * hostile guest's random seed); "" when not given. */
    char seed[OPT_SEED_LEN];
    /* hext.guestN.vcpus=, hext.guestN.mem= (0: the value above), hext.guestN=<image> ("":
     * the first built-in image). */
    struct {
        unsigned vcpus, mem_mib;
        char image[OPT_IMAGE_NAME_LEN];
    } guest[OPT_GUESTS_MAX];
};

/* Called once per problem found (unknown switch, bad value); msg is one line, no newline. */
typedef void (*opt_warn_fn)(const char *msg);

void options_default(struct options *o);
/* Parses every hext.* word of cmdline; other words are ignored. Returns the number of
 * problems reported through warn (the affected switch keeps its default). */
int options_parse(struct options *o, const char *cmdline, opt_warn_fn warn);
/* "sv39x4", "sbi", ... for the banner. */
const char *opt_gstage_name(enum opt_gstage g);
const char *opt_timer_name(enum opt_timer t);
const char *opt_mmio_name(enum opt_mmio m);
const char *opt_console_name(enum opt_console c);
const char *opt_reboot_name(enum opt_reboot r);
const char *opt_hostcon_name(enum opt_hostcon h);
const char *opt_vmid_name(enum opt_vmid v);
const char *opt_uart_name(enum opt_uart u);
/* Guest n's vCPUs (0: one per host hart) and RAM, overrides applied. */
unsigned opt_guest_vcpus(const struct options *o, unsigned n);
unsigned opt_guest_mem_mib(const struct options *o, unsigned n);

#endif
