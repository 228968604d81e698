/* Manifest lookup and listing. */
#include "images.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *build_dir(void)
{
    static char dir[4096];
    if (!dir[0]) {
        /* hext lives in <build>/runner/: its build tree is the parent of its own directory. */
        ssize_t n = readlink("/proc/self/exe", dir, sizeof(dir) - 1);
        dir[n > 0 ? n : 0] = '\0';
        for (int up = 0; up < 2; up++) {
            char *slash = strrchr(dir, '/');
            if (slash)
                *slash = '\0';
        }
        if (!dir[0])
            snprintf(dir, sizeof(dir), "build");
    }
    return dir;
}

const char *images_dir(const char *option)
{
    static char dir[4096 + 8];
    const char *env = getenv("HEXT_IMAGES");
    if (option)
        return option;
    if (env && env[0])
        return env;
    snprintf(dir, sizeof(dir), "%s/images", build_dir());
    return dir;
}

int images_target_is_path(const char *target)
{
    size_t n = strlen(target);
    return strchr(target, '/') || (n > 5 && strcmp(target + n - 5, ".conf") == 0);
}

int images_manifest_path(const char *dir, const char *target, const char *platform, char *out,
                         size_t len)
{
    int n;
    if (images_target_is_path(target))
        n = snprintf(out, len, "%s", target);
    else
        n = snprintf(out, len, "%s/%s/%s.conf", dir, target, platform);
    return n > 0 && (size_t)n < len ? 0 : -1;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

static int is_visible(const struct dirent *d)
{
    return d->d_name[0] != '.';
}

static int is_conf(const struct dirent *d)
{
    size_t n = strlen(d->d_name);
    return d->d_name[0] != '.' && n > 5 && strcmp(d->d_name + n - 5, ".conf") == 0;
}

int images_list(const char *dir, FILE *out)
{
    struct dirent **targets;
    int nt = scandir(dir, &targets, is_visible, by_name);
    if (nt < 0)
        return -1;
    int listed = 0;
    for (int i = 0; i < nt; i++) {
        char sub[4096];
        struct dirent **confs;
        snprintf(sub, sizeof(sub), "%s/%s", dir, targets[i]->d_name);
        int nc = scandir(sub, &confs, is_conf, by_name);
        if (nc > 0) {
            fprintf(out, "%s:", targets[i]->d_name);
            for (int j = 0; j < nc; j++)
                fprintf(out, " %.*s", (int)strlen(confs[j]->d_name) - 5, confs[j]->d_name);
            fputc('\n', out);
            listed++;
        }
        for (int j = 0; j < nc; j++)
            free(confs[j]);
        if (nc >= 0)
            free(confs);
        free(targets[i]);
    }
    free(targets);
    return listed;
}
