/* Files and directories on tmpfs (/tmp). */
#define _GNU_SOURCE
#include "checks.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define FILE_A "/tmp/hext-a"
#define FILE_B "/tmp/hext-b"
#define DIR_D  "/tmp/hext-d"

/* Not a multiple of the page size and not all one byte, so offsets and lengths matter. */
static void fill(unsigned char *buf, size_t len)
{
    for (size_t i = 0; i < len; i++)
        buf[i] = (unsigned char)(i * 7 + 3);
}

static int write_file(struct check_ctx *ctx, const char *path, const void *buf, size_t len)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);

    if (fd < 0)
        return fail(ctx, "create %s: %s", path, strerror(errno));
    if (write(fd, buf, len) != (ssize_t)len) {
        close(fd);
        return fail(ctx, "write %s: short or failed", path);
    }
    if (close(fd) < 0)
        return fail(ctx, "close %s: %s", path, strerror(errno));
    return CHECK_OK;
}

static int expect_gone(struct check_ctx *ctx, const char *path)
{
    struct stat st;

    if (stat(path, &st) == 0 || errno != ENOENT)
        return fail(ctx, "%s still exists (expected ENOENT)", path);
    return CHECK_OK;
}

int check_files(struct check_ctx *ctx)
{
    unsigned char out[5000], in[sizeof(out) + 1];
    ssize_t n;
    int fd;

    fill(out, sizeof(out));
    if (write_file(ctx, FILE_A, out, sizeof(out)))
        return CHECK_FAILED;
    if (rename(FILE_A, FILE_B) < 0)
        return fail(ctx, "rename: %s", strerror(errno));
    if (expect_gone(ctx, FILE_A))
        return CHECK_FAILED;

    fd = open(FILE_B, O_RDONLY);
    if (fd < 0)
        return fail(ctx, "open renamed file: %s", strerror(errno));
    /* Asking for one byte more than was written must give exactly what was written. */
    n = read(fd, in, sizeof(in));
    close(fd);
    if (n != (ssize_t)sizeof(out))
        return fail(ctx, "read %zd bytes, expected %zu", n, sizeof(out));
    if (memcmp(in, out, sizeof(out)) != 0)
        return fail(ctx, "read data differs from written data");

    if (unlink(FILE_B) < 0)
        return fail(ctx, "unlink: %s", strerror(errno));
    return expect_gone(ctx, FILE_B);
}

static int count_entries(struct check_ctx *ctx, const char *path, int *count)
{
    struct dirent *de;
    DIR *dir = opendir(path);

    if (!dir)
        return fail(ctx, "opendir %s: %s", path, strerror(errno));
    *count = 0;
    while ((de = readdir(dir)) != NULL) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        if (strncmp(de->d_name, "f", 1) != 0) {
            closedir(dir);
            return fail(ctx, "unexpected entry %s", de->d_name);
        }
        (*count)++;
    }
    closedir(dir);
    return CHECK_OK;
}

int check_dirs(struct check_ctx *ctx)
{
    enum { FILES = 3 };
    char path[64];
    int count;

    if (mkdir(DIR_D, 0755) < 0)
        return fail(ctx, "mkdir: %s", strerror(errno));
    for (int i = 0; i < FILES; i++) {
        snprintf(path, sizeof(path), DIR_D "/f%d", i);
        if (write_file(ctx, path, "x", 1))
            return CHECK_FAILED;
    }
    if (count_entries(ctx, DIR_D, &count))
        return CHECK_FAILED;
    if (count != FILES)
        return fail(ctx, "readdir found %d files, expected %d", count, FILES);
    /* POSIX rmdir(): a non-empty directory fails with EEXIST or ENOTEMPTY. */
    if (rmdir(DIR_D) == 0 || (errno != ENOTEMPTY && errno != EEXIST))
        return fail(ctx, "rmdir of a non-empty directory did not fail with ENOTEMPTY/EEXIST");

    for (int i = 0; i < FILES; i++) {
        snprintf(path, sizeof(path), DIR_D "/f%d", i);
        if (unlink(path) < 0)
            return fail(ctx, "unlink %s: %s", path, strerror(errno));
    }
    if (count_entries(ctx, DIR_D, &count))
        return CHECK_FAILED;
    if (count != 0)
        return fail(ctx, "readdir found %d files after unlinking all", count);
    if (rmdir(DIR_D) < 0)
        return fail(ctx, "rmdir: %s", strerror(errno));
    return expect_gone(ctx, DIR_D);
}
