/* DTB patching with libfdt: open into a larger buffer, set the property, pack. */
#include "dtb.h"

#include <errno.h>
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int dtb_extend_bootargs(const void *blob, size_t size, const char *extra, void **out,
                        size_t *out_size, char *err, size_t errlen)
{
    if (size < sizeof(struct fdt_header) || fdt_check_header(blob) != 0 ||
        fdt_totalsize(blob) > size) {
        snprintf(err, errlen, "not a valid device tree blob");
        return -1;
    }
    int len = 0;
    int chosen = fdt_path_offset(blob, "/chosen");
    const char *old = chosen >= 0 ? fdt_getprop(blob, chosen, "bootargs", &len) : NULL;
    size_t old_len = old && len > 0 ? strnlen(old, (size_t)len) : 0;
    size_t extra_len = strlen(extra);
    /* Room for the new string, a possible new /chosen node and property name, with slack. */
    size_t new_size = fdt_totalsize(blob) + old_len + extra_len + 256;
    char *args = malloc(old_len + extra_len + 2);
    void *buf = malloc(new_size);
    if (!args || !buf) {
        snprintf(err, errlen, "out of memory");
        goto fail;
    }
    memcpy(args, old ? old : "", old_len);
    args[old_len] = ' ';
    memcpy(args + (old_len ? old_len + 1 : 0), extra, extra_len + 1);
    int rc = fdt_open_into(blob, buf, (int)new_size);
    if (rc == 0 && (chosen = fdt_path_offset(buf, "/chosen")) < 0)
        chosen = rc = fdt_add_subnode(buf, 0, "chosen");
    if (rc >= 0)
        rc = fdt_setprop_string(buf, chosen, "bootargs", args);
    if (rc >= 0)
        rc = fdt_pack(buf);
    if (rc < 0) {
        snprintf(err, errlen, "cannot set /chosen/bootargs: %s", fdt_strerror(rc));
        goto fail;
    }
    free(args);
    *out = buf;
    *out_size = fdt_totalsize(buf);
    return 0;
fail:
    free(args);
    free(buf);
    return -1;
}

static void *read_all(const char *path, size_t *size, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "cannot open %s: %s", path, strerror(errno));
        return NULL;
    }
    /* A device tree larger than this is not one we made. */
    size_t cap = 4u << 20;
    char *buf = malloc(cap);
    size_t n = buf ? fread(buf, 1, cap, f) : 0;
    int too_big = buf && !feof(f);
    fclose(f);
    if (!buf || too_big) {
        snprintf(err, errlen, "%s: %s", path, buf ? "larger than 4 MiB" : "out of memory");
        free(buf);
        return NULL;
    }
    *size = n;
    return buf;
}

int dtb_write_extended(const char *in_path, const char *extra, char *out_path, size_t out_len,
                       char *err, size_t errlen)
{
    size_t size, new_size;
    void *blob = read_all(in_path, &size, err, errlen), *patched = NULL;
    if (!blob)
        return -1;
    char msg[160];
    if (dtb_extend_bootargs(blob, size, extra, &patched, &new_size, msg, sizeof(msg))) {
        snprintf(err, errlen, "%s: %s", in_path, msg);
        free(blob);
        return -1;
    }
    free(blob);
    const char *tmp = getenv("TMPDIR");
    snprintf(out_path, out_len, "%s/hext-dtb-XXXXXX", tmp && tmp[0] ? tmp : "/tmp");
    int fd = mkstemp(out_path);
    int ok = fd >= 0 && write(fd, patched, new_size) == (ssize_t)new_size;
    if (fd >= 0 && close(fd) != 0)
        ok = 0;
    free(patched);
    if (!ok) {
        snprintf(err, errlen, "cannot write a temporary DTB %s: %s", out_path, strerror(errno));
        if (fd >= 0)
            unlink(out_path);
        return -1;
    }
    return 0;
}
