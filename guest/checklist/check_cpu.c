/* /proc/cpuinfo: at least one hart, and an RV64 ISA string. Also notes the paging mode in use. */
#define _GNU_SOURCE
#include "checks.h"
#include "cpuinfo.h"

#include <errno.h>
#include <string.h>

int check_cpuinfo(struct check_ctx *ctx)
{
    struct cpuinfo info;
    FILE *f = fopen("/proc/cpuinfo", "r");

    if (!f)
        return fail(ctx, "open /proc/cpuinfo: %s", strerror(errno));
    cpuinfo_parse(f, &info);
    fclose(f);

    if (info.harts < 1)
        return fail(ctx, "no processor lines");
    if (strncmp(info.isa, "rv64", 4) != 0)
        return fail(ctx, "isa \"%s\" does not start with rv64", info.isa);
    note(ctx, "%d hart%s, mmu %s, isa %s", info.harts, info.harts == 1 ? "" : "s", info.mmu,
         info.isa);
    return CHECK_OK;
}
