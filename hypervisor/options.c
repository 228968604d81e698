/* Parsing of the hext.* switches; see options.h and README.md for their meaning. */
#include "options.h"

#include <stdbool.h>

#include "fmt.h"
#include "string.h"

static const char *const gstage_names[] = {"sv39x4", "sv48x4", "sv57x4"};
static const char *const timer_names[] = {"auto", "sbi", "sstc"};
static const char *const mmio_names[] = {"auto", "htinst", "hlvx"};
static const char *const console_names[] = {"ttyS0", "hvc0"};
static const char *const reboot_names[] = {"restart", "poweroff"};
static const char *const hostcon_names[] = {"auto", "sbi"};
static const char *const vmid_names[] = {"auto", "shared"};
static const char *const uart_names[] = {"paged", "packed"};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

const char *opt_gstage_name(enum opt_gstage g)
{
    return gstage_names[g];
}

const char *opt_timer_name(enum opt_timer t)
{
    return timer_names[t];
}

const char *opt_mmio_name(enum opt_mmio m)
{
    return mmio_names[m];
}

const char *opt_console_name(enum opt_console c)
{
    return console_names[c];
}

const char *opt_reboot_name(enum opt_reboot r)
{
    return reboot_names[r];
}

const char *opt_hostcon_name(enum opt_hostcon h)
{
    return hostcon_names[h];
}

const char *opt_vmid_name(enum opt_vmid v)
{
    return vmid_names[v];
}

const char *opt_uart_name(enum opt_uart u)
{
    return uart_names[u];
}

void options_default(struct options *o)
{
    o->gstage = OPT_SV39X4;
    o->timer = OPT_TIMER_AUTO;
    o->mmio = OPT_MMIO_AUTO;
    o->console = OPT_CONSOLE_TTYS0;
    o->reboot = OPT_REBOOT_RESTART;
    o->hostcon = OPT_HOSTCON_AUTO;
    o->vmid = OPT_VMID_AUTO;
    o->uart = OPT_UART_PAGED;
    o->mem_mib = OPT_MEM_DEFAULT_MIB;
    o->vcpus = 0;
    o->guests = 1;
    o->guests_given = false;
    o->slice_ms = OPT_SLICE_DEFAULT_MS;
    o->seed[0] = '\0';
    memset(o->guest, 0, sizeof(o->guest));
}

unsigned opt_guest_vcpus(const struct options *o, unsigned n)
{
    return o->guest[n].vcpus ? o->guest[n].vcpus : o->vcpus;
}

unsigned opt_guest_mem_mib(const struct options *o, unsigned n)
{
    return o->guest[n].mem_mib ? o->guest[n].mem_mib : o->mem_mib;
}

static bool word_is(const char *w, size_t wlen, const char *s)
{
    return strlen(s) == wlen && memcmp(w, s, wlen) == 0;
}

/* Index of value in names, or -1. */
static int lookup(const char *val, size_t vlen, const char *const *names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (word_is(val, vlen, names[i]))
            return (int)i;
    return -1;
}

/* Decimal number in [min, max], or 0. */
static unsigned parse_number(const char *val, size_t vlen, unsigned long min, unsigned long max)
{
    unsigned long v = 0;
    if (vlen == 0 || vlen > 5)
        return 0;
    for (size_t i = 0; i < vlen; i++) {
        if (val[i] < '0' || val[i] > '9')
            return 0;
        v = v * 10 + (unsigned long)(val[i] - '0');
    }
    return v >= min && v <= max ? (unsigned)v : 0;
}

static void warn_word(opt_warn_fn warn, const char *what, const char *w, size_t wlen,
                      const char *hint)
{
    char msg[256]; /* room for the longest hint, the list of known switches */
    fmt_snprintf(msg, sizeof(msg), "%s '%.*s' ignored (%s)", what, (int)wlen, w, hint);
    warn(msg);
}

/* A number switch in [min, max] into *out; else a warning with hint and the default kept.
 * Returns the number of problems (0 or 1). */
static int set_number(unsigned *out, const char *w, size_t wlen, const char *val, size_t vlen,
                      unsigned min, unsigned max, const char *hint, opt_warn_fn warn)
{
    unsigned n = parse_number(val, vlen, min, max);
    if (!n) {
        warn_word(warn, "bad value", w, wlen, hint);
        return 1;
    }
    *out = n;
    return 0;
}

#define VCPUS_HINT "expected a number of vCPUs, 1..64"
#define MEM_HINT   "expected MiB, 16..65536"

/* hext.guestN=<image>, hext.guestN.vcpus=, hext.guestN.mem= (key: "N...", after "guest"). */
static int parse_guest_word(struct options *o, const char *w, size_t wlen, const char *key,
                            size_t klen, const char *val, size_t vlen, opt_warn_fn warn)
{
    unsigned n = (unsigned)(key[0] - '0');
    const char *field = key + 1;
    size_t flen = klen - 1;

    if (n >= OPT_GUESTS_MAX) {
        warn_word(warn, "bad guest number", w, wlen, "guests are numbered 0..3");
        return 1;
    }
    if (flen == 0) {
        bool ok = vlen > 0 && vlen < OPT_IMAGE_NAME_LEN;
        for (size_t i = 0; ok && i < vlen; i++)
            ok = (val[i] >= 'a' && val[i] <= 'z') || (val[i] >= '0' && val[i] <= '9') ||
                 val[i] == '-';
        if (!ok) {
            warn_word(warn, "bad value", w, wlen, "expected a built-in image name");
            return 1;
        }
        memcpy(o->guest[n].image, val, vlen);
        o->guest[n].image[vlen] = '\0';
    } else if (word_is(field, flen, ".vcpus")) {
        return set_number(&o->guest[n].vcpus, w, wlen, val, vlen, 1, OPT_VCPUS_MAX, VCPUS_HINT,
                          warn);
    } else if (word_is(field, flen, ".mem")) {
        return set_number(&o->guest[n].mem_mib, w, wlen, val, vlen, OPT_MEM_MIN_MIB, 65536,
                          MEM_HINT, warn);
    } else {
        warn_word(warn, "unknown switch", w, wlen, "known per guest: hext.guestN[.vcpus|.mem]=");
        return 1;
    }
    return 0;
}

/* One hext.key=value word; returns 0 or 1 problem. */
static int parse_word(struct options *o, const char *w, size_t wlen, opt_warn_fn warn)
{
    const char *eq = w;
    while (eq < w + wlen && *eq != '=')
        eq++;
    if (eq == w + wlen) {
        warn_word(warn, "switch without a value", w, wlen, "expected hext.<name>=<value>");
        return 1;
    }
    const char *key = w + 5, *val = eq + 1;
    size_t klen = (size_t)(eq - key), vlen = wlen - (size_t)(val - w);
    int i;

    if (klen > 5 && memcmp(key, "guest", 5) == 0 && key[5] >= '0' && key[5] <= '9')
        return parse_guest_word(o, w, wlen, key + 5, klen - 5, val, vlen, warn);
    if (word_is(key, klen, "gstage")) {
        if ((i = lookup(val, vlen, gstage_names, COUNT(gstage_names))) < 0)
            goto bad_value;
        o->gstage = (enum opt_gstage)i;
    } else if (word_is(key, klen, "timer")) {
        if ((i = lookup(val, vlen, timer_names, COUNT(timer_names))) < 0)
            goto bad_value;
        o->timer = (enum opt_timer)i;
    } else if (word_is(key, klen, "mmio")) {
        if ((i = lookup(val, vlen, mmio_names, COUNT(mmio_names))) < 0)
            goto bad_value;
        o->mmio = (enum opt_mmio)i;
    } else if (word_is(key, klen, "console")) {
        if ((i = lookup(val, vlen, console_names, COUNT(console_names))) < 0)
            goto bad_value;
        o->console = (enum opt_console)i;
    } else if (word_is(key, klen, "reboot")) {
        if ((i = lookup(val, vlen, reboot_names, COUNT(reboot_names))) < 0)
            goto bad_value;
        o->reboot = (enum opt_reboot)i;
    } else if (word_is(key, klen, "vcpus")) {
        return set_number(&o->vcpus, w, wlen, val, vlen, 1, OPT_VCPUS_MAX, VCPUS_HINT, warn);
    } else if (word_is(key, klen, "guests")) {
        o->guests_given = true;
        return set_number(&o->guests, w, wlen, val, vlen, 1, OPT_GUESTS_MAX,
                          "expected a number of guests, 1..4", warn);
    } else if (word_is(key, klen, "slice")) {
        return set_number(&o->slice_ms, w, wlen, val, vlen, 1, 1000,
                          "expected milliseconds, 1..1000", warn);
    } else if (word_is(key, klen, "vmid")) {
        if ((i = lookup(val, vlen, vmid_names, COUNT(vmid_names))) < 0)
            goto bad_value;
        o->vmid = (enum opt_vmid)i;
    } else if (word_is(key, klen, "seed")) {
        bool digits = vlen > 0 && vlen < OPT_SEED_LEN;
        for (size_t k = 0; k < vlen && digits; k++)
            digits = val[k] >= '0' && val[k] <= '9';
        if (!digits) {
            warn_word(warn, "bad value", w, wlen, "expected a decimal number, up to 20 digits");
            return 1;
        }
        memcpy(o->seed, val, vlen);
        o->seed[vlen] = '\0';
    } else if (word_is(key, klen, "uart")) {
        if ((i = lookup(val, vlen, uart_names, COUNT(uart_names))) < 0)
            goto bad_value;
        o->uart = (enum opt_uart)i;
    } else if (word_is(key, klen, "hostcon")) {
        if ((i = lookup(val, vlen, hostcon_names, COUNT(hostcon_names))) < 0)
            goto bad_value;
        o->hostcon = (enum opt_hostcon)i;
    } else if (word_is(key, klen, "mem")) {
        return set_number(&o->mem_mib, w, wlen, val, vlen, OPT_MEM_MIN_MIB, 65536, MEM_HINT, warn);
    } else {
        warn_word(warn, "unknown switch", w, wlen,
                  "known: hext.gstage hext.timer hext.mmio hext.console hext.mem hext.reboot "
                  "hext.hostcon hext.vcpus hext.guests hext.slice hext.vmid hext.seed hext.uart "
                  "hext.guestN[.vcpus|.mem]");
        return 1;
    }
    return 0;

bad_value:
    warn_word(warn, "bad value", w, wlen, "see README.md for the accepted values");
    return 1;
}

int options_parse(struct options *o, const char *cmdline, opt_warn_fn warn)
{
    int problems = 0;
    const char *p = cmdline ? cmdline : "";

    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == '\n')
            p++;
        const char *w = p;
        while (*p && *p != ' ' && *p != '\t' && *p != '\n')
            p++;
        size_t wlen = (size_t)(p - w);
        if (wlen > 5 && memcmp(w, "hext.", 5) == 0)
            problems += parse_word(o, w, wlen, warn);
    }
    return problems;
}
