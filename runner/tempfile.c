#include "tempfile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int temp_write(const char *prefix, const void *buf, size_t n, char *path, size_t path_len,
               char *err, size_t errlen)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(path, path_len, "%s/%sXXXXXX", tmp && tmp[0] ? tmp : "/tmp", prefix);
    int fd = mkstemp(path);
    int ok = fd >= 0 && write(fd, buf, n) == (ssize_t)n;
    if (fd >= 0 && close(fd) != 0)
        ok = 0;
    if (!ok) {
        snprintf(err, errlen, "cannot write a temporary file %s: %s", path, strerror(errno));
        if (fd >= 0)
            unlink(path);
        return -1;
    }
    return 0;
}
