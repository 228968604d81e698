/* Probing and printing the described emulators. */
#include "emulator_info.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emulators.h"
#include "probe.h"

void emulator_info_find(const struct emulator *e, struct emulator_info *out)
{
    memset(out, 0, sizeof(*out));
    out->emu = e;
    out->installed = probe_program(e, out->program, sizeof(out->program)) == 0;
    if (!out->installed) {
        const char *var = getenv(e->program_var);
        snprintf(out->program, sizeof(out->program), "%s",
                 var && var[0] ? var : e->default_program);
        snprintf(out->missing, sizeof(out->missing),
                 "%.160s is not installed (put it on PATH or set %.40s=)", out->program,
                 e->program_var);
        out->flavour = &e->flavours[0];
        return;
    }
    out->flavour = probe_flavour(e, out->program, &out->flavour_override);
    if (!out->flavour) {
        snprintf(out->missing, sizeof(out->missing), "%s=%s is not a known %s version",
                 e->flavour_var, out->flavour_override, e->name);
        out->installed = 0;
        out->flavour = &e->flavours[0];
    }
    /* The flavour first: a version that prints no version number names one in its flavour. */
    probe_version(e, out->flavour, out->program, out->version, sizeof(out->version));
    snprintf(out->tag, sizeof(out->tag), "%s-%s", e->name,
             out->version[0] ? out->version : "unknown");
}

static void print_fields(FILE *out, const struct emulator_info *i)
{
    const struct emulator *e = i->emu;
    static const char *const instr[] = {"none", "guest-clock", "console line"};
    fprintf(out, "name=%s\nfile=%s\ninstalled=%s\nbinary=%s\n", e->name, e->file,
            i->installed ? "yes" : "no", i->program);
    if (!i->installed)
        fprintf(out, "missing=%s\n", i->missing);
    fprintf(out, "version=%s\ntag=%s\nflavour=%s\ntimeout=%g\ngrace=%g\nplatforms=", i->version,
            i->tag, i->flavour->name, e->timeout_s, e->grace_s);
    for (int p = 0; p < EMU_MAX_PLATFORMS && e->platforms[p]; p++)
        fprintf(out, "%s%s", p ? " " : "", e->platforms[p]);
    fprintf(out, "\ninstructions=%s\n", instr[e->instr]);
    if (i->flavour->note)
        fprintf(out, "note=%s\n", i->flavour->note);
    fprintf(out, "dtb=%s\nconsole=%s\nexit=%s\n", e->platform_dtb ? e->platform_dtb : "",
            e->platform_console ? e->platform_console : "",
            e->platform_exit ? e->platform_exit : "");
}

int emulators_print(FILE *out, const char *name)
{
    struct emulator_info info;
    if (name) {
        const struct emulator *e = emulator_find(name);
        if (!e)
            return -1;
        emulator_info_find(e, &info);
        print_fields(out, &info);
        return 0;
    }
    for (size_t n = 0; n < emulator_count(); n++) {
        emulator_info_find(emulator_at(n), &info);
        if (info.installed)
            fprintf(out, "%-8s %-14s flavour %-6s %s (%s)%s%s\n", info.emu->name, info.tag,
                    info.flavour->name, info.program, info.emu->file,
                    info.flavour->note ? "\n         note: " : "",
                    info.flavour->note ? info.flavour->note : "");
        else
            fprintf(out, "%-8s %s (%s)\n", info.emu->name, info.missing, info.emu->file);
    }
    return 0;
}
