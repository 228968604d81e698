/* Reading whole files: logs and reports of any size, and the small hand-written files
 * (manifests, emulator descriptions) that must be text. */
#ifndef HEXT_RUNNER_TEXT_FILE_H
#define HEXT_RUNNER_TEXT_FILE_H

#include <stddef.h>

/* The whole file, NUL-terminated and malloc'd; NULL with errno set if it cannot be read. */
char *file_load(const char *path);

/* A small text file (at most 16 KiB, no NUL bytes) into buf of 16 KiB + 1. Errors name the
 * file and `kind`: "cannot open <kind> <path>: ...", "<path>: not a <kind> (binary or larger
 * than 16 KiB)". */
#define TEXT_FILE_MAX 16384
int text_file_load(const char *path, const char *kind, char buf[TEXT_FILE_MAX + 1], char *err,
                   size_t errlen);

#endif
