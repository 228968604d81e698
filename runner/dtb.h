/* Extending a device tree's /chosen/bootargs, for `--append` on images that carry a DTB. */
#ifndef HEXT_RUNNER_DTB_H
#define HEXT_RUNNER_DTB_H

#include <stddef.h>

/* Returns a new blob (malloc'd) whose /chosen/bootargs is the old one, a space, and `extra`
 * (or just `extra` when there was none). */
int dtb_extend_bootargs(const void *blob, size_t size, const char *extra, void **out,
                        size_t *out_size, char *err, size_t errlen);

/* Writes the extended copy of the DTB at in_path to a new temporary file; its path goes to
 * out_path (the caller removes it). */
int dtb_write_extended(const char *in_path, const char *extra, char *out_path, size_t out_len,
                       char *err, size_t errlen);

#endif
