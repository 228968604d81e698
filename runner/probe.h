/* Asking an emulator binary about itself (`--version`, `--help`) with a time limit: a binary
 * that ignores the argument and starts a machine must not hang hext. */
#ifndef HEXT_RUNNER_PROBE_H
#define HEXT_RUNNER_PROBE_H

#include <stddef.h>

#include "emulators.h"

#define PROBE_TIMEOUT_S 5.0

/* Runs `program arg`, stdout and stderr together, into out (NUL-terminated, truncated to
 * len). Returns 0, or -1 when it could not be started. */
int probe_output(const char *program, const char *arg, char *out, size_t len);

/* The flavour a binary speaks: $flavour_var when set (NULL if it names no flavour), else the
 * answer to its help probe, else the default. */
const struct emu_flavour *probe_flavour(const struct emulator *e, const char *program,
                                        const char **override);

/* Its version (emulator_version with $version_var, the probe's answer and flavour f). */
void probe_version(const struct emulator *e, const struct emu_flavour *f, const char *program,
                   char *out, size_t len);

/* The binary hext would run: $program_var, else the default on PATH. 0, or -1 if missing. */
int probe_program(const struct emulator *e, char *out, size_t len);

#endif
