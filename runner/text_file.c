/* Whole-file reads. */
#include "text_file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *file_load(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return NULL;
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap);
    for (size_t got; buf && (got = fread(buf + n, 1, cap - n - 1, f)) > 0;) {
        n += got;
        if (n + 1 == cap) {
            char *grown = realloc(buf, cap *= 2);
            if (!grown)
                free(buf);
            buf = grown;
        }
    }
    fclose(f);
    if (buf)
        buf[n] = '\0';
    else
        errno = ENOMEM;
    return buf;
}

int text_file_load(const char *path, const char *kind, char buf[TEXT_FILE_MAX + 1], char *err,
                   size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "cannot open %s %s: %s", kind, path, strerror(errno));
        return -1;
    }
    /* These are a handful of lines; anything large is not one of them. */
    size_t n = fread(buf, 1, TEXT_FILE_MAX, f);
    int too_big = !feof(f);
    fclose(f);
    if (too_big || memchr(buf, '\0', n)) {
        snprintf(err, errlen, "%s: not a %s (binary or larger than 16 KiB)", path, kind);
        return -1;
    }
    buf[n] = '\0';
    return 0;
}
