/* See cpulist.h. */
#include "cpulist.h"

#include <ctype.h>
#include <stdlib.h>

static int number(const char **p, unsigned long *out)
{
    char *end;
    if (!isdigit((unsigned char)**p))
        return -1;
    *out = strtoul(*p, &end, 10);
    *p = end;
    return *out < 64 ? 0 : -1;
}

int cpulist_parse(const char *text, uint64_t *cpus)
{
    const char *p = text;
    *cpus = 0;
    for (;;) {
        unsigned long first, last;
        if (number(&p, &first))
            return -1;
        last = first;
        if (*p == '-') {
            p++;
            if (number(&p, &last) || last < first)
                return -1;
        }
        for (unsigned long i = first; i <= last; i++)
            *cpus |= 1ULL << i;
        if (*p != ',')
            break;
        p++;
    }
    return *p == '\0' || *p == '\n' ? 0 : -1;
}
