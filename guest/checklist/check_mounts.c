/* The pseudo file systems the other checks rely on. */
#define _GNU_SOURCE
#include "checks.h"

#include <errno.h>
#include <linux/magic.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>

struct pseudo_fs {
    const char *type;
    const char *dir;
    unsigned long magic; /* what statfs must then report for dir */
};

/* devtmpfs is backed by shmem when CONFIG_SHMEM is set, so it reports the tmpfs magic. */
static const struct pseudo_fs pseudo_fs[] = {
        {"proc", "/proc", PROC_SUPER_MAGIC},
        {"sysfs", "/sys", SYSFS_MAGIC},
        {"devtmpfs", "/dev", TMPFS_MAGIC},
        {"tmpfs", "/tmp", TMPFS_MAGIC},
};

int check_mounts(struct check_ctx *ctx)
{
    struct statfs sfs;
    struct stat st;

    for (size_t i = 0; i < sizeof(pseudo_fs) / sizeof(pseudo_fs[0]); i++) {
        const struct pseudo_fs *fs = &pseudo_fs[i];

        if (mount(fs->type, fs->dir, fs->type, 0, NULL) < 0)
            return fail(ctx, "mount %s on %s: %s", fs->type, fs->dir, strerror(errno));
        if (statfs(fs->dir, &sfs) < 0)
            return fail(ctx, "statfs %s: %s", fs->dir, strerror(errno));
        if ((unsigned long)sfs.f_type != fs->magic)
            return fail(ctx, "%s: f_type 0x%lx, expected 0x%lx", fs->dir, (unsigned long)sfs.f_type,
                        fs->magic);
    }
    /* devtmpfs creates the nodes of registered devices, mem's null (1:3) among the first. */
    if (stat("/dev/null", &st) < 0)
        return fail(ctx, "stat /dev/null: %s", strerror(errno));
    if (!S_ISCHR(st.st_mode) || major(st.st_rdev) != 1 || minor(st.st_rdev) != 3)
        return fail(ctx, "/dev/null is not the char device 1:3");
    return CHECK_OK;
}
