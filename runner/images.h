/* Where manifests live: DIR/<target>/<platform>.conf. */
#ifndef HEXT_RUNNER_IMAGES_H
#define HEXT_RUNNER_IMAGES_H

#include <stddef.h>
#include <stdio.h>

/* The build tree hext belongs to: two levels above its own binary (<build>/runner/hext). */
const char *build_dir(void);
/* --images, else $HEXT_IMAGES, else <build>/images, found from hext's own location. */
const char *images_dir(const char *option);
/* True when TARGET names a manifest file rather than a target. */
int images_target_is_path(const char *target);
int images_manifest_path(const char *dir, const char *target, const char *platform, char *out,
                         size_t len);
/* Prints `<target>: <platform> ...` lines, sorted. Returns the number of targets, -1 if the
 * directory cannot be read. */
int images_list(const char *dir, FILE *out);

#endif
