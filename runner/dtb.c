/* DTB patching with libfdt: open into a larger buffer, set the property, pack. */
#include "dtb.h"

#include "tempfile.h"

#include <errno.h>
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int check_blob(const void *blob, size_t size, char *err, size_t errlen)
{
    if (size < sizeof(struct fdt_header) || fdt_check_header(blob) != 0 ||
        fdt_totalsize(blob) > size) {
        snprintf(err, errlen, "not a valid device tree blob");
        return -1;
    }
    return 0;
}

/* Opens blob into buf (new_size bytes) and returns its /chosen node, made if missing, or a
 * negative libfdt error. */
static int open_chosen(const void *blob, void *buf, size_t new_size)
{
    int rc = fdt_open_into(blob, buf, (int)new_size);
    if (rc < 0)
        return rc;
    int chosen = fdt_path_offset(buf, "/chosen");
    return chosen >= 0 ? chosen : fdt_add_subnode(buf, 0, "chosen");
}

int dtb_extend_bootargs(const void *blob, size_t size, const char *extra, void **out,
                        size_t *out_size, char *err, size_t errlen)
{
    if (check_blob(blob, size, err, errlen))
        return -1;
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
    int rc = chosen = open_chosen(blob, buf, new_size);
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
    int rc = temp_write("hext-dtb-", patched, new_size, out_path, out_len, err, errlen);
    free(patched);
    return rc;
}

/* The first memory node's first reg entry, with the root's #address-cells/#size-cells. */
static int ram_range(const void *blob, uint64_t *base, uint64_t *size)
{
    int ac = fdt_address_cells(blob, 0), sc = fdt_size_cells(blob, 0), len;
    int node = fdt_node_offset_by_prop_value(blob, -1, "device_type", "memory", 7);
    const fdt32_t *reg = node >= 0 ? fdt_getprop(blob, node, "reg", &len) : NULL;
    if (!reg || ac < 1 || ac > 2 || sc < 1 || sc > 2 || len < (ac + sc) * 4)
        return -1;
    *base = ac == 2 ? (uint64_t)fdt32_to_cpu(reg[0]) << 32 | fdt32_to_cpu(reg[1])
                    : fdt32_to_cpu(reg[0]);
    reg += ac;
    *size = sc == 2 ? (uint64_t)fdt32_to_cpu(reg[0]) << 32 | fdt32_to_cpu(reg[1])
                    : fdt32_to_cpu(reg[0]);
    return 0;
}

int dtb_place_initrd(const void *blob, size_t size, uint64_t initrd_size, uint64_t gap, void **out,
                     size_t *out_size, uint64_t *start, char *err, size_t errlen)
{
    uint64_t base, ram;
    if (check_blob(blob, size, err, errlen))
        return -1;
    if (ram_range(blob, &base, &ram)) {
        snprintf(err, errlen, "no memory node with a usable reg");
        return -1;
    }
    if (initrd_size > ram || gap > ram - initrd_size) {
        snprintf(err, errlen, "an initrd of %llu bytes does not fit in the %llu MiB of RAM",
                 (unsigned long long)initrd_size, (unsigned long long)(ram >> 20));
        return -1;
    }
    uint64_t end = base + ram - gap;
    size_t new_size = fdt_totalsize(blob) + 256;
    void *buf = malloc(new_size);
    if (!buf) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    int chosen = open_chosen(blob, buf, new_size), rc = chosen;
    if (rc >= 0)
        rc = fdt_setprop_u64(buf, chosen, "linux,initrd-start", end - initrd_size);
    if (rc >= 0)
        rc = fdt_setprop_u64(buf, chosen, "linux,initrd-end", end);
    if (rc >= 0)
        rc = fdt_pack(buf);
    if (rc < 0) {
        snprintf(err, errlen, "cannot set /chosen linux,initrd-*: %s", fdt_strerror(rc));
        free(buf);
        return -1;
    }
    *out = buf;
    *out_size = fdt_totalsize(buf);
    *start = end - initrd_size;
    return 0;
}

int dtb_write_initrd(const char *in_path, uint64_t initrd_size, uint64_t gap, char *out_path,
                     size_t out_len, uint64_t *start, char *err, size_t errlen)
{
    size_t size, new_size;
    void *blob = read_all(in_path, &size, err, errlen), *patched = NULL;
    if (!blob)
        return -1;
    char msg[160];
    int rc = dtb_place_initrd(blob, size, initrd_size, gap, &patched, &new_size, start, msg,
                              sizeof(msg));
    free(blob);
    if (rc) {
        snprintf(err, errlen, "%s: %s", in_path, msg);
        return -1;
    }
    rc = temp_write("hext-dtb-", patched, new_size, out_path, out_len, err, errlen);
    free(patched);
    return rc;
}
