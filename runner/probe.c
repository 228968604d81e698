/* Emulator probes through the supervisor, so they get its process group, time limit and
 * reaping; the output lands in a memory file instead of the console. */
#define _GNU_SOURCE
#include "probe.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "supervise.h"

int probe_output(const char *program, const char *arg, char *out, size_t len)
{
    char *argv[] = {(char *)program, (char *)arg, NULL};
    struct run_result res;
    char err[256];
    out[0] = '\0';
    int fd = memfd_create("hext-probe", MFD_CLOEXEC);
    if (fd < 0)
        return -1;
    struct supervise_opts o = {.argv = argv,
                               .timeout_s = PROBE_TIMEOUT_S,
                               .grace_s = 0.1,
                               .console_fd = -1,
                               .log_fd = fd,
                               .status_fd = -1,
                               .stdin_fd = -1};
    int rc = supervise(&o, &res, err, sizeof(err));
    if (!rc) {
        ssize_t n = pread(fd, out, len - 1, 0);
        out[n > 0 ? n : 0] = '\0';
    }
    close(fd);
    return rc;
}

const struct emu_flavour *probe_flavour(const struct emulator *e, const char *program,
                                        const char **override)
{
    const char *name = e->flavour_var ? getenv(e->flavour_var) : NULL;
    *override = name && name[0] ? name : NULL;
    if (*override)
        return emulator_flavour(e, name);
    if (!e->help_probe || e->n_flavours < 2)
        return &e->flavours[0];
    static char help[65536];
    if (probe_output(program, e->help_probe, help, sizeof(help)))
        return &e->flavours[0];
    return emulator_detect_flavour(e, help);
}

void probe_version(const struct emulator *e, const struct emu_flavour *f, const char *program,
                   char *out, size_t len)
{
    static char text[65536];
    if (e->version_from_name || probe_output(program, e->version_probe, text, sizeof(text)))
        text[0] = '\0';
    emulator_version(e, f, e->version_var ? getenv(e->version_var) : NULL, program, text, out, len);
}

int probe_program(const struct emulator *e, char *out, size_t len)
{
    const char *var = getenv(e->program_var);
    return program_resolve(var && var[0] ? var : e->default_program, out, len);
}
