/* Reads the host device tree (Devicetree Specification v0.4 §3.4 memory, §3.7-3.8 cpus). */
#include "hostinfo.h"

#include <stdbool.h>

#include "fdt/fdt.h"
#include "string.h"

/* A generous bound: the header's totalsize is what dt_open really trusts. */
#define HOST_FDT_MAX (1u << 20)

static void copy_string(char *dst, unsigned cap, const char *src)
{
    size_t n = src ? strnlen(src, cap - 1) : 0;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

static void read_cpus(struct hostinfo *h, const struct dt *dt, unsigned long hartid)
{
    int cpus = dt_path(dt, "/cpus");
    uint32_t tb = 0;
    int boot_cpu = -1;

    h->nharts = 0;
    dt_prop_u32(dt, cpus, "timebase-frequency", &tb);
    for (int cpu = dt_first_child(dt, cpus); cpu >= 0; cpu = dt_next_sibling(dt, cpu)) {
        const char *type = dt_prop_string(dt, cpu, "device_type", 0);
        uint64_t reg, size;
        if (!type || strcmp(type, "cpu") != 0)
            continue;
        h->nharts++;
        bool have_reg = dt_reg(dt, cpu, 0, &reg, &size) == 0;
        if (have_reg && reg == hartid)
            boot_cpu = cpu;
        const char *status = dt_prop_string(dt, cpu, "status", 0);
        bool usable = have_reg && (!status || strcmp(status, "okay") == 0);
        if (usable && reg != hartid && h->nother < HOST_MAX_HARTS)
            h->other_hartids[h->nother++] = reg;
        if (boot_cpu < 0)
            boot_cpu = cpu; /* until the boot hart shows up, the first one speaks for it */
        /* §3.8: a cpu node may override the /cpus timebase-frequency. */
        if (!tb)
            dt_prop_u32(dt, cpu, "timebase-frequency", &tb);
    }
    h->timebase = tb;
    if (boot_cpu >= 0) {
        copy_string(h->isa, sizeof(h->isa), dt_prop_string(dt, boot_cpu, "riscv,isa", 0));
        copy_string(h->mmu_type, sizeof(h->mmu_type), dt_prop_string(dt, boot_cpu, "mmu-type", 0));
        dt_prop_u32(dt, boot_cpu, "riscv,cbom-block-size", &h->cbom_block);
        dt_prop_u32(dt, boot_cpu, "riscv,cboz-block-size", &h->cboz_block);
    }
}

/* Devicetree spec §3.6: stdout-path is a path or an alias, optionally followed by ":options". */
static uint64_t stdout_uart(const struct dt *dt, int chosen)
{
    const char *path = dt_prop_string(dt, chosen, "stdout-path", 0);
    char buf[64];
    uint32_t shift = 0, width = 1;
    uint64_t base, size;

    if (!path)
        return 0;
    size_t n = 0;
    while (path[n] && path[n] != ':' && n + 1 < sizeof(buf)) {
        buf[n] = path[n];
        n++;
    }
    buf[n] = '\0';
    if (buf[0] != '/') {
        int aliases = dt_path(dt, "/aliases");
        path = aliases >= 0 ? dt_prop_string(dt, aliases, buf, 0) : 0;
        if (!path)
            return 0;
        copy_string(buf, sizeof(buf), path);
    }
    int node = dt_path(dt, buf);
    if (node < 0 ||
        !(dt_is_compatible(dt, node, "ns16550a") || dt_is_compatible(dt, node, "ns16550")))
        return 0;
    dt_prop_u32(dt, node, "reg-shift", &shift);
    dt_prop_u32(dt, node, "reg-io-width", &width);
    if (shift != 0 || width != 1 || dt_reg(dt, node, 0, &base, &size) != 0)
        return 0;
    return base;
}

int hostinfo_read(struct hostinfo *h, const void *fdt, unsigned long hartid, const char **what)
{
    struct dt dt;
    int err = dt_open(&dt, fdt, HOST_FDT_MAX);

    memset(h, 0, sizeof(*h));
    if (err) {
        *what = "device tree header";
        return err;
    }
    int mem = dt_next_device_type(&dt, -1, "memory");
    if (mem < 0 || dt_reg(&dt, mem, 0, &h->ram_base, &h->ram_size) != 0) {
        *what = "memory node with a reg";
        return -1;
    }
    read_cpus(h, &dt, hartid);
    if (!h->nharts || !h->isa[0]) {
        *what = "cpu node with riscv,isa";
        return -1;
    }
    if (!h->timebase) {
        *what = "timebase-frequency";
        return -1;
    }
    int chosen = dt_path(&dt, "/chosen");
    if (chosen >= 0) {
        copy_string(h->bootargs, sizeof(h->bootargs), dt_prop_string(&dt, chosen, "bootargs", 0));
        h->uart = stdout_uart(&dt, chosen);
        if (dt_prop_u64(&dt, chosen, "linux,initrd-start", &h->initrd_start) ||
            dt_prop_u64(&dt, chosen, "linux,initrd-end", &h->initrd_end))
            h->initrd_start = h->initrd_end = 0;
    }
    return 0;
}

uint8_t *hostinfo_rng_seed(void *fdt, size_t *len)
{
    struct dt dt;
    int n = 0;

    *len = 0;
    if (dt_open(&dt, fdt, HOST_FDT_MAX))
        return NULL;
    int chosen = dt_path(&dt, "/chosen");
    const uint8_t *seed = chosen >= 0 ? dt_prop(&dt, chosen, "rng-seed", &n) : NULL;
    if (!seed || n <= 0)
        return NULL;
    *len = (size_t)n;
    /* The same bytes through the caller's writable pointer. */
    return (uint8_t *)fdt + (seed - (const uint8_t *)fdt);
}
