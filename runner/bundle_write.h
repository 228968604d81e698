/* Writing a guest bundle (lib/bundle/bundle.h) for `hext run --guest`. */
#ifndef HEXT_RUNNER_BUNDLE_WRITE_H
#define HEXT_RUNNER_BUNDLE_WRITE_H

#include <stddef.h>
#include <stdint.h>

/* One guest: the image file, the initrd file (NULL: none) and the command line (NULL: ""). */
struct bundle_spec {
    const char *image, *initrd, *cmdline;
};

/* The file of n bundles (1..BUNDLE_MAX_GUESTS), guest k's from specs[k], malloc'd and 8-byte
 * aligned. defect: NULL, or the name of one deliberate flaw for tests (bundle_defect_names()),
 * made in the last bundle. Returns 0, or -1 with a one-line message in err. */
int bundle_build(const struct bundle_spec *specs, unsigned n, const char *defect, uint8_t **out,
                 size_t *size, char *err, size_t errlen);

/* "magic, version, ...": the defects bundle_build knows. */
const char *bundle_defect_names(void);

#endif
