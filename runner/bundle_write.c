/* The bundle writer. Test-only defects break exactly one promise of the format each, so that
 * every check of the hypervisor's parser can be seen failing end to end. */
#include "bundle_write.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bundle/bundle.h"

/* Larger than any guest RAM the hypervisor offers (hext.mem= at most 64 GiB) is a mistake. */
#define MAX_PART (1ULL << 36)

static void put_le(uint8_t *p, uint64_t v, int bytes)
{
    for (int i = 0; i < bytes; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static int file_size(const char *path, uint64_t *size, char *err, size_t errlen)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno));
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        snprintf(err, errlen, "%s is not a regular file", path);
        return -1;
    }
    uint64_t n = (uint64_t)st.st_size;
    if (n > MAX_PART) {
        snprintf(err, errlen, "%s: larger than 64 GiB", path);
        return -1;
    }
    *size = n;
    return 0;
}

static int read_into(const char *path, uint8_t *dst, uint64_t n, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    int ok = f && fread(dst, 1, n, f) == n;
    if (f)
        fclose(f);
    if (!ok)
        snprintf(err, errlen, "cannot read %s", path);
    return ok ? 0 : -1;
}

static void seal(uint8_t *b, size_t size)
{
    uint64_t sum, weighted;
    bundle_checksum(b, size, &sum, &weighted);
    put_le(b + BUNDLE_OFF_SUM, sum, 8);
    put_le(b + BUNDLE_OFF_WEIGHTED, weighted, 8);
}

static void defect_magic(uint8_t *b, size_t *size)
{
    (void)size;
    b[0] ^= 0x20;
}

static void defect_version(uint8_t *b, size_t *size)
{
    (void)size;
    put_le(b + BUNDLE_OFF_VERSION, BUNDLE_VERSION + 1, 4);
}

static void defect_header(uint8_t *b, size_t *size)
{
    (void)size;
    put_le(b + BUNDLE_OFF_HEADER_SIZE, BUNDLE_HEADER_SIZE / 2, 4);
}

static void defect_truncated(uint8_t *b, size_t *size)
{
    (void)b;
    *size -= 8;
}

/* An image size whose padded sum wraps around 2^64 is caught before any sum is trusted. */
static void defect_sizes(uint8_t *b, size_t *size)
{
    (void)size;
    put_le(b + BUNDLE_OFF_IMAGE, ~0ULL - 3, 8);
}

static void defect_checksum(uint8_t *b, size_t *size)
{
    (void)size;
    b[BUNDLE_HEADER_SIZE] ^= 1;
}

static void defect_cmdline(uint8_t *b, size_t *size)
{
    struct bundle parts;
    if (bundle_parse(b, *size, &parts) == 0) {
        b[(const uint8_t *)parts.cmdline + strlen(parts.cmdline) - b] = 'x';
        seal(b, *size);
    }
}

/* The last bundle says it is the next guest's. */
static void defect_guest(uint8_t *b, size_t *size)
{
    put_le(b + BUNDLE_OFF_GUEST, (uint64_t)b[BUNDLE_OFF_GUEST] + 1, 4);
    seal(b, *size);
}

static const struct {
    const char *name;
    void (*apply)(uint8_t *b, size_t *size);
} defects[] = {
        {"magic", defect_magic},
        {"version", defect_version},
        {"header", defect_header},
        {"truncated", defect_truncated},
        {"sizes", defect_sizes},
        {"checksum", defect_checksum},
        {"cmdline", defect_cmdline},
        {"guest", defect_guest},
        /* Every bundle promises one more than the file holds (bundle_build). */
        {"count", NULL},
};
#define N_DEFECTS (sizeof(defects) / sizeof(defects[0]))

const char *bundle_defect_names(void)
{
    static char names[128];
    if (!names[0])
        for (size_t i = 0; i < N_DEFECTS; i++)
            snprintf(names + strlen(names), sizeof(names) - strlen(names), "%s%s", i ? ", " : "",
                     defects[i].name);
    return names;
}

/* Bundle `guest` of `count`, sealed. */
static uint8_t *build_one(const struct bundle_spec *g, uint32_t guest, uint32_t count, size_t *size,
                          char *err, size_t errlen)
{
    const char *cmdline = g->cmdline ? g->cmdline : "";
    uint64_t image = 0, initrd = 0, cmd = strlen(cmdline) + 1;
    if (file_size(g->image, &image, err, errlen) ||
        (g->initrd && file_size(g->initrd, &initrd, err, errlen)))
        return NULL;
    if (image == 0) {
        snprintf(err, errlen, "guest image %s is empty", g->image);
        return NULL;
    }
    size_t total = (size_t)bundle_total_size(image, initrd, cmd);
    /* calloc: padding is zero, and the buffer is aligned for bundle_checksum's words. */
    uint8_t *b = calloc(1, total);
    if (!b) {
        snprintf(err, errlen, "out of memory for a %zu-byte bundle", total);
        return NULL;
    }
    uint8_t *initrd_at = b + BUNDLE_HEADER_SIZE + ((image + 7) & ~7ULL);
    uint8_t *cmd_at = initrd_at + ((initrd + 7) & ~7ULL);
    if (read_into(g->image, b + BUNDLE_HEADER_SIZE, image, err, errlen) ||
        (g->initrd && read_into(g->initrd, initrd_at, initrd, err, errlen))) {
        free(b);
        return NULL;
    }
    memcpy(cmd_at, cmdline, cmd);
    memcpy(b, BUNDLE_MAGIC, sizeof(BUNDLE_MAGIC));
    put_le(b + BUNDLE_OFF_VERSION, BUNDLE_VERSION, 4);
    put_le(b + BUNDLE_OFF_HEADER_SIZE, BUNDLE_HEADER_SIZE, 4);
    put_le(b + BUNDLE_OFF_IMAGE, image, 8);
    put_le(b + BUNDLE_OFF_INITRD, initrd, 8);
    put_le(b + BUNDLE_OFF_CMDLINE, cmd, 8);
    put_le(b + BUNDLE_OFF_TOTAL, total, 8);
    put_le(b + BUNDLE_OFF_GUEST, guest, 4);
    put_le(b + BUNDLE_OFF_COUNT, count, 4);
    seal(b, total);
    *size = total;
    return b;
}

int bundle_build(const struct bundle_spec *specs, unsigned n, const char *defect, uint8_t **out,
                 size_t *size, char *err, size_t errlen)
{
    size_t d = N_DEFECTS;
    if (defect) {
        for (d = 0; d < N_DEFECTS && strcmp(defects[d].name, defect) != 0; d++)
            ;
        if (d == N_DEFECTS) {
            snprintf(err, errlen, "unknown bundle defect '%s' (known: %s)", defect,
                     bundle_defect_names());
            return -1;
        }
    }
    if (n == 0 || n > BUNDLE_MAX_GUESTS) {
        snprintf(err, errlen, "%u guests: a bundle file holds 1 to %d", n, BUNDLE_MAX_GUESTS);
        return -1;
    }
    bool count_defect = d < N_DEFECTS && !defects[d].apply;
    uint8_t *part[BUNDLE_MAX_GUESTS] = {0};
    size_t part_size[BUNDLE_MAX_GUESTS], total = 0;
    int rc = 0;
    for (unsigned k = 0; k < n && !rc; k++) {
        part[k] = build_one(&specs[k], k, count_defect ? n + 1 : n, &part_size[k], err, errlen);
        rc = part[k] ? 0 : -1;
    }
    if (!rc && d < N_DEFECTS && defects[d].apply)
        defects[d].apply(part[n - 1], &part_size[n - 1]);
    for (unsigned k = 0; k < n && !rc; k++)
        total += part_size[k];
    /* Each part is a multiple of 8 but for the truncated one, which comes last. */
    uint8_t *b = rc ? NULL : calloc(1, (total + 7) & ~(size_t)7);
    if (!rc && !b) {
        snprintf(err, errlen, "out of memory for a %zu-byte bundle file", total);
        rc = -1;
    }
    for (size_t k = 0, at = 0; k < n && !rc; at += part_size[k], k++)
        memcpy(b + at, part[k], part_size[k]);
    for (unsigned k = 0; k < n; k++)
        free(part[k]);
    if (rc)
        return rc;
    *out = b;
    *size = total;
    return 0;
}
