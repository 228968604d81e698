/* Extending a device tree's /chosen/bootargs, for `--append` on images that carry a DTB. */
#ifndef HEXT_RUNNER_DTB_H
#define HEXT_RUNNER_DTB_H

#include <stddef.h>
#include <stdint.h>

/* Returns a new blob (malloc'd) whose /chosen/bootargs is the old one, a space, and `extra`
 * (or just `extra` when there was none). */
int dtb_extend_bootargs(const void *blob, size_t size, const char *extra, void **out,
                        size_t *out_size, char *err, size_t errlen);

/* Writes the extended copy of the DTB at in_path to a new temporary file; its path goes to
 * out_path (the caller removes it). */
int dtb_write_extended(const char *in_path, const char *extra, char *out_path, size_t out_len,
                       char *err, size_t errlen);

/* Returns a new blob (malloc'd) whose /chosen linux,initrd-start/end name initrd_size bytes
 * ending `gap` bytes below the end of the first memory node (where Spike loads --initrd);
 * the start address goes to *start. */
int dtb_place_initrd(const void *blob, size_t size, uint64_t initrd_size, uint64_t gap, void **out,
                     size_t *out_size, uint64_t *start, char *err, size_t errlen);

/* dtb_place_initrd on the DTB at in_path, written to a new temporary file (path in out_path). */
int dtb_write_initrd(const char *in_path, uint64_t initrd_size, uint64_t gap, char *out_path,
                     size_t out_len, uint64_t *start, char *err, size_t errlen);

#endif
