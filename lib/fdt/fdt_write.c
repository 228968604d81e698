/*
 * Flattened devicetree writer (Devicetree Specification v0.4, §5). The structure block grows
 * up from the start of the buffer and the strings block grows down from its end; dtw_finish()
 * moves the strings next to the structure block and fixes the name offsets.
 *
 * While writing, a property's nameoff holds the distance of its name from the END of the
 * buffer (names are prepended, so their final offsets are unknown until the end).
 */
#include "../string.h"
#include "fdt.h"
#include "fdt_format.h"

/* Header, then an empty memory reservation map (one all-zero 16-byte entry, §5.3). */
#define RSVMAP_OFF 40
#define STRUCT_OFF (RSVMAP_OFF + 16)

static void put_be32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

static uint32_t get_be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int fail(struct dtw *w, int err)
{
    if (!w->err)
        w->err = err;
    return w->err;
}

int dtw_init(struct dtw *w, void *buf, size_t cap)
{
    memset(w, 0, sizeof(*w));
    w->buf = buf;
    w->cap = cap > 0x7fffffff ? 0x7fffffff : (uint32_t)cap;
    w->struct_end = STRUCT_OFF;
    if (!buf || cap < STRUCT_OFF + 4)
        return fail(w, DT_ERR_NOSPACE);
    memset(w->buf, 0, STRUCT_OFF);
    return 0;
}

/* Reserves n bytes (padded to 4, pad zeroed) in the structure block. */
static uint8_t *grab(struct dtw *w, uint32_t n)
{
    uint32_t padded = (n + 3) & ~3U;
    uint8_t *p;

    if (padded < n || padded > w->cap - w->strings_len - w->struct_end) {
        fail(w, DT_ERR_NOSPACE);
        return NULL;
    }
    p = w->buf + w->struct_end;
    memset(p + n, 0, padded - n);
    w->struct_end += padded;
    return p;
}

static int put_token(struct dtw *w, uint32_t tok)
{
    uint8_t *p = grab(w, 4);

    if (!p)
        return w->err;
    put_be32(p, tok);
    return 0;
}

/* Distance from the buffer's end of name in the strings block, adding it if new. */
static int64_t string_ref(struct dtw *w, const char *name)
{
    uint32_t n = (uint32_t)strlen(name) + 1;
    uint32_t start = w->cap - w->strings_len;
    uint32_t pos = start;

    /* Entries are whole NUL-terminated names; only exact matches are shared. */
    while (pos < w->cap) {
        uint32_t len = (uint32_t)strlen((const char *)w->buf + pos) + 1;

        if (len == n && !memcmp(w->buf + pos, name, n))
            return w->cap - pos;
        pos += len;
    }
    if (n > start - w->struct_end)
        return fail(w, DT_ERR_NOSPACE);
    w->strings_len += n;
    memcpy(w->buf + w->cap - w->strings_len, name, n);
    return w->strings_len;
}

static int check_open(struct dtw *w)
{
    if (w->err)
        return w->err;
    if (w->finished)
        return fail(w, DT_ERR_STATE);
    return 0;
}

int dtw_begin_node(struct dtw *w, const char *name)
{
    uint32_t n = (uint32_t)strlen(name) + 1;
    uint8_t *p;

    if (check_open(w))
        return w->err;
    /* One root, named "" (§5.4.1), and nothing after it closes. */
    if (w->depth == 0 && (w->struct_end != STRUCT_OFF || name[0]))
        return fail(w, DT_ERR_STATE);
    if (w->depth > 0 && !name[0])
        return fail(w, DT_ERR_STATE);
    if (w->depth >= DT_MAX_DEPTH)
        return fail(w, DT_ERR_DEPTH);
    if (put_token(w, DT_BEGIN_NODE))
        return w->err;
    p = grab(w, n);
    if (!p)
        return w->err;
    memcpy(p, name, n);
    w->depth++;
    w->props_closed = false;
    return 0;
}

int dtw_end_node(struct dtw *w)
{
    if (check_open(w))
        return w->err;
    if (w->depth == 0)
        return fail(w, DT_ERR_STATE);
    if (put_token(w, DT_END_NODE))
        return w->err;
    w->depth--;
    /* §5.4.2: a node's properties precede its subnodes. */
    w->props_closed = true;
    return 0;
}

/* Appends a property header and reserves len value bytes; returns where the value goes. */
static uint8_t *begin_prop(struct dtw *w, const char *name, uint32_t len)
{
    int64_t ref;
    uint8_t *p;

    if (check_open(w))
        return NULL;
    if (w->depth == 0 || w->props_closed || !name[0]) {
        fail(w, DT_ERR_STATE);
        return NULL;
    }
    ref = string_ref(w, name);
    if (ref < 0)
        return NULL;
    p = grab(w, 12);
    if (!p)
        return NULL;
    put_be32(p, DT_PROP);
    put_be32(p + 4, len);
    put_be32(p + 8, (uint32_t)ref);
    return grab(w, len);
}

int dtw_prop(struct dtw *w, const char *name, const void *val, uint32_t len)
{
    uint8_t *p = begin_prop(w, name, len);

    if (!p)
        return w->err;
    if (len)
        memcpy(p, val, len);
    return 0;
}

int dtw_prop_empty(struct dtw *w, const char *name)
{
    return dtw_prop(w, name, NULL, 0);
}

int dtw_prop_u32(struct dtw *w, const char *name, uint32_t v)
{
    return dtw_prop_cells(w, name, &v, 1);
}

int dtw_prop_u64(struct dtw *w, const char *name, uint64_t v)
{
    uint32_t cells[2] = {(uint32_t)(v >> 32), (uint32_t)v};

    return dtw_prop_cells(w, name, cells, 2);
}

int dtw_prop_cells(struct dtw *w, const char *name, const uint32_t *cells, unsigned n)
{
    uint8_t *p = n > 0x3fffffff ? NULL : begin_prop(w, name, 4 * n);
    unsigned i;

    if (!p)
        return fail(w, DT_ERR_NOSPACE);
    for (i = 0; i < n; i++)
        put_be32(p + 4 * i, cells[i]);
    return 0;
}

int dtw_prop_addr_size(struct dtw *w, const char *name, unsigned acells, unsigned scells,
                       uint64_t addr, uint64_t size)
{
    uint32_t cells[4];
    unsigned n = 0;

    if (acells < 1 || acells > 2 || scells > 2)
        return fail(w, DT_ERR_BADVALUE);
    if ((acells == 1 && addr >> 32) || (scells == 1 && size >> 32) || (scells == 0 && size))
        return fail(w, DT_ERR_BADVALUE);
    if (acells == 2)
        cells[n++] = (uint32_t)(addr >> 32);
    cells[n++] = (uint32_t)addr;
    if (scells == 2)
        cells[n++] = (uint32_t)(size >> 32);
    if (scells)
        cells[n++] = (uint32_t)size;
    return dtw_prop_cells(w, name, cells, n);
}

int dtw_prop_string(struct dtw *w, const char *name, const char *s)
{
    return dtw_prop(w, name, s, (uint32_t)strlen(s) + 1);
}

int dtw_prop_strings(struct dtw *w, const char *name, const char *const *list, unsigned n)
{
    uint32_t total = 0;
    unsigned i;
    uint8_t *p;

    for (i = 0; i < n; i++)
        total += (uint32_t)strlen(list[i]) + 1;
    p = begin_prop(w, name, total);
    if (!p)
        return w->err;
    for (i = 0; i < n; i++) {
        uint32_t len = (uint32_t)strlen(list[i]) + 1;

        memcpy(p, list[i], len);
        p += len;
    }
    return 0;
}

static int copy_node_props(struct dtw *w, const struct dt *src, int node)
{
    int prop;

    for (prop = dt_first_prop(src, node); prop >= 0; prop = dt_next_prop(src, prop)) {
        const char *name;
        int len;
        const void *val = dt_prop_at(src, prop, &name, &len);

        if (!val)
            return fail(w, DT_ERR_STRUCT);
        if (dtw_prop(w, name, val, (uint32_t)len))
            return w->err;
    }
    return prop == DT_ERR_NOTFOUND ? 0 : fail(w, prop);
}

int dtw_copy_subtree(struct dtw *w, const struct dt *src, int node)
{
    int depth = 0;
    int open = 0;
    int cur = node;

    if (!dt_name(src, node))
        return fail(w, DT_ERR_STRUCT);
    /* Iterative walk: dt_next_node stops with NOTFOUND once it leaves node's subtree. */
    while (cur >= 0) {
        for (; open > depth; open--) {
            if (dtw_end_node(w))
                return w->err;
        }
        if (dtw_begin_node(w, dt_name(src, cur)) || copy_node_props(w, src, cur))
            return w->err;
        open++;
        cur = dt_next_node(src, cur, &depth);
    }
    if (cur != DT_ERR_NOTFOUND)
        return fail(w, cur);
    for (; open > 0; open--) {
        if (dtw_end_node(w))
            return w->err;
    }
    return 0;
}

/* Rewrites every property's nameoff from "distance from the buffer end" to "offset in the
 * strings block". The structure block is ours, so it is well formed. */
static void fix_nameoffs(struct dtw *w)
{
    uint32_t off = STRUCT_OFF;

    for (;;) {
        uint32_t tok = get_be32(w->buf + off);

        if (tok == DT_END)
            return;
        if (tok == DT_BEGIN_NODE) {
            off += 4 + (((uint32_t)strlen((const char *)w->buf + off + 4) + 1 + 3) & ~3U);
        } else if (tok == DT_PROP) {
            uint32_t len = get_be32(w->buf + off + 4);

            put_be32(w->buf + off + 8, w->strings_len - get_be32(w->buf + off + 8));
            off += 12 + ((len + 3) & ~3U);
        } else {
            off += 4;
        }
    }
}

int dtw_finish(struct dtw *w, uint32_t boot_cpuid)
{
    uint32_t strings_off, total;

    if (check_open(w))
        return w->err;
    if (w->depth != 0 || w->struct_end == STRUCT_OFF)
        return fail(w, DT_ERR_STATE);
    if (put_token(w, DT_END))
        return w->err;
    fix_nameoffs(w);
    strings_off = w->struct_end;
    memmove(w->buf + strings_off, w->buf + w->cap - w->strings_len, w->strings_len);
    total = strings_off + w->strings_len;
    put_be32(w->buf + DT_HDR_MAGIC, DT_MAGIC);
    put_be32(w->buf + DT_HDR_TOTALSIZE, total);
    put_be32(w->buf + DT_HDR_OFF_STRUCT, STRUCT_OFF);
    put_be32(w->buf + DT_HDR_OFF_STRINGS, strings_off);
    put_be32(w->buf + DT_HDR_OFF_RSVMAP, RSVMAP_OFF);
    put_be32(w->buf + DT_HDR_VERSION, 17);
    put_be32(w->buf + DT_HDR_LAST_COMP, 16);
    put_be32(w->buf + DT_HDR_BOOT_CPUID, boot_cpuid);
    put_be32(w->buf + DT_HDR_SIZE_STRINGS, w->strings_len);
    put_be32(w->buf + DT_HDR_SIZE_STRUCT, strings_off - STRUCT_OFF);
    memset(w->buf + RSVMAP_OFF, 0, STRUCT_OFF - RSVMAP_OFF);
    w->finished = true;
    return (int)total;
}
