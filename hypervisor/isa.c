/* See isa.h. Naming rules: unprivileged spec chapter "ISA Extension Naming Conventions". */
#include "isa.h"

#include "string.h"

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Length of the base part: "rv64" and the single letters, up to the first '_' or the first
 * multi-letter prefix (z, s, x) written without an underscore. */
static size_t base_len(const char *isa)
{
    size_t i = 0;
    if (strncmp(isa, "rv", 2) == 0 || strncmp(isa, "RV", 2) == 0)
        i = 2;
    while (isa[i] >= '0' && isa[i] <= '9')
        i++;
    while (isa[i] && isa[i] != '_') {
        char c = lower(isa[i]);
        if (c == 'z' || c == 's' || c == 'x')
            break;
        i++;
    }
    return i;
}

bool isa_has_letter(const char *isa, char letter)
{
    size_t n = base_len(isa);
    size_t i = 2;
    while (i < n && isa[i] >= '0' && isa[i] <= '9')
        i++;
    for (; i < n; i++)
        if (lower(isa[i]) == lower(letter))
            return true;
    return false;
}

static bool ext_equal(const char *a, size_t alen, const char *b)
{
    size_t blen = strlen(b);
    if (alen != blen)
        return false;
    for (size_t i = 0; i < alen; i++)
        if (lower(a[i]) != lower(b[i]))
            return false;
    return true;
}

/* Steps *p over the next multi-letter extension and returns it (length in *len), or NULL at
 * the end of the string. */
static const char *next_ext(const char **p, size_t *len)
{
    const char *s = *p;
    while (*s == '_')
        s++;
    const char *e = s;
    while (*s && *s != '_')
        s++;
    *p = s;
    *len = (size_t)(s - e);
    return *len ? e : NULL;
}

static bool in_list(const char *e, size_t len, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (ext_equal(e, len, list[i]))
            return true;
    return false;
}

bool isa_has_ext(const char *isa, const char *ext)
{
    const char *p = isa + base_len(isa), *e;
    size_t len;

    while ((e = next_ext(&p, &len)))
        if (ext_equal(e, len, ext))
            return true;
    return false;
}

/* AIA (the guest gets a PLIC), the PMU overflow interrupt, and Smstateen (an M-mode extension;
 * what VS-mode may touch is set by hstateen0, main.c). */
const char *const isa_not_virtualized[ISA_NOT_VIRTUALIZED_COUNT] = {"smaia", "ssaia", "sscofpmf",
                                                                    "smstateen"};

bool isa_filter(const char *isa, char *out, size_t cap, const char *const *drop, size_t n)
{
    size_t base = base_len(isa), o = 0;

    for (size_t i = 0; i < base; i++) {
        bool is_letter = i >= 2 && !(isa[i] >= '0' && isa[i] <= '9');
        if (is_letter && (lower(isa[i]) == 'h' || lower(isa[i]) == 'v'))
            continue;
        if (o + 1 >= cap)
            return false;
        out[o++] = isa[i];
    }
    const char *p = isa + base, *e;
    size_t len;
    while ((e = next_ext(&p, &len))) {
        if (in_list(e, len, drop, n))
            continue;
        if (o + len + 2 >= cap)
            return false;
        out[o++] = '_';
        memcpy(out + o, e, len);
        o += len;
    }
    out[o] = '\0';
    return true;
}
