/* /proc/cpuinfo: at least one hart, and an RV64 ISA string. Also notes the paging mode in use. */
#define _GNU_SOURCE
#include "checks.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

int check_cpuinfo(struct check_ctx *ctx)
{
    char line[512], isa[160] = "", mmu[16] = "none";
    FILE *f = fopen("/proc/cpuinfo", "r");
    int harts = 0;

    if (!f)
        return fail(ctx, "open /proc/cpuinfo: %s", strerror(errno));
    /*
     * arch/riscv/kernel/cpu.c prints "processor\t: N", "isa\t\t: rv64..." and, with an MMU,
     * "mmu\t\t: svNN" for each hart.
     */
    while (fgets(line, sizeof(line), f)) {
        char *value = strchr(line, ':');

        if (!value)
            continue;
        value += strspn(value + 1, " \t") + 1;
        value[strcspn(value, "\n")] = '\0';
        if (strncmp(line, "processor", 9) == 0)
            harts++;
        else if (strncmp(line, "isa", 3) == 0 && strchr(" \t", line[3]) && !isa[0])
            snprintf(isa, sizeof(isa), "%s", value);
        else if (strncmp(line, "mmu", 3) == 0 && strchr(" \t", line[3]))
            snprintf(mmu, sizeof(mmu), "%s", value);
    }
    fclose(f);

    if (harts < 1)
        return fail(ctx, "no processor lines");
    if (strncmp(isa, "rv64", 4) != 0)
        return fail(ctx, "isa \"%s\" does not start with rv64", isa);
    note(ctx, "%d hart%s, mmu %s, isa %s", harts, harts == 1 ? "" : "s", mmu, isa);
    return CHECK_OK;
}
