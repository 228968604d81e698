#include "cpuinfo.h"

#include <string.h>

/* True if line is "KEY<spaces or tabs>:...", so "isa" does not match "isa extensions". */
static int is_key(const char *line, const char *key)
{
    size_t len = strlen(key);

    if (strncmp(line, key, len) != 0)
        return 0;
    line += len;
    line += strspn(line, " \t");
    return *line == ':';
}

/*
 * arch/riscv/kernel/cpu.c (show_cpuinfo) prints, per hart, "processor\t: N", "hart\t\t: N",
 * "isa\t\t: rv64...", "mmu\t\t: svNN" (with an MMU), then vendor/arch/imp ids.
 */
void cpuinfo_parse(FILE *f, struct cpuinfo *info)
{
    char line[1024];

    info->harts = 0;
    info->isa[0] = '\0';
    snprintf(info->mmu, sizeof(info->mmu), "none");
    while (fgets(line, sizeof(line), f)) {
        char *value = strchr(line, ':');

        if (!value)
            continue;
        value++;
        value += strspn(value, " \t");
        value[strcspn(value, "\n")] = '\0';
        if (is_key(line, "processor"))
            info->harts++;
        else if (is_key(line, "isa") && !info->isa[0])
            snprintf(info->isa, sizeof(info->isa), "%s", value);
        else if (is_key(line, "mmu") && info->harts == 1)
            snprintf(info->mmu, sizeof(info->mmu), "%s", value);
    }
}
