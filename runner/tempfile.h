/* Temporary files hext hands to an emulator for one run (patched DTBs, guest bundles). */
#ifndef HEXT_RUNNER_TEMPFILE_H
#define HEXT_RUNNER_TEMPFILE_H

#include <stddef.h>

/* Writes buf to a new file $TMPDIR/<prefix>XXXXXX (default /tmp); its path goes to path (the
 * caller removes it). Returns 0, or -1 with a message in err and nothing left behind. */
int temp_write(const char *prefix, const void *buf, size_t n, char *path, size_t path_len,
               char *err, size_t errlen);

#endif
