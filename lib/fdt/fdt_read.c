/*
 * Flattened devicetree reader (Devicetree Specification v0.4, §5). Every access goes through
 * the bounds-checked helpers below, so a corrupt blob yields DT_ERR_*, never a wild read.
 */
#include "../string.h"
#include "fdt.h"
#include "fdt_format.h"

const char *dt_strerror(int err)
{
    switch (err) {
    case 0:
        return "ok";
    case DT_ERR_NOTFOUND:
        return "not found";
    case DT_ERR_TRUNCATED:
        return "blob truncated";
    case DT_ERR_MAGIC:
        return "bad magic";
    case DT_ERR_VERSION:
        return "unsupported version";
    case DT_ERR_LAYOUT:
        return "bad block layout";
    case DT_ERR_STRUCT:
        return "bad structure block";
    case DT_ERR_NOSPACE:
        return "buffer too small";
    case DT_ERR_BADVALUE:
        return "bad property value";
    case DT_ERR_STATE:
        return "calls out of order";
    case DT_ERR_DEPTH:
        return "nesting too deep";
    default:
        return "unknown error";
    }
}

static uint32_t be32_at(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

int dt_open(struct dt *dt, const void *blob, size_t avail)
{
    const uint8_t *b = blob;
    uint32_t rsv_off;

    if (!blob || avail < DT_HEADER_SIZE)
        return DT_ERR_TRUNCATED;
    if (be32_at(b + DT_HDR_MAGIC) != DT_MAGIC)
        return DT_ERR_MAGIC;
    /* §5.2: version 17 readers accept blobs whose last_comp_version is <= 17; v16 is the
     * oldest whose layout we know (v16 and v17 differ only by size_dt_struct). */
    if (be32_at(b + DT_HDR_VERSION) < 16 || be32_at(b + DT_HDR_LAST_COMP) > 17)
        return DT_ERR_VERSION;
    dt->blob = b;
    dt->totalsize = be32_at(b + DT_HDR_TOTALSIZE);
    dt->struct_off = be32_at(b + DT_HDR_OFF_STRUCT);
    dt->strings_off = be32_at(b + DT_HDR_OFF_STRINGS);
    dt->strings_size = be32_at(b + DT_HDR_SIZE_STRINGS);
    dt->boot_cpuid = be32_at(b + DT_HDR_BOOT_CPUID);
    rsv_off = be32_at(b + DT_HDR_OFF_RSVMAP);
    if (dt->totalsize > avail)
        return DT_ERR_TRUNCATED;
    if (dt->totalsize < DT_HEADER_SIZE)
        return DT_ERR_LAYOUT;
    if (be32_at(b + DT_HDR_VERSION) >= 17) {
        dt->struct_size = be32_at(b + DT_HDR_SIZE_STRUCT);
    } else {
        /* v16 has no size_dt_struct: the block may extend to the end of the blob. */
        if (dt->struct_off > dt->totalsize)
            return DT_ERR_LAYOUT;
        dt->struct_size = dt->totalsize - dt->struct_off;
    }
    /* §5.3-5.5: blocks lie inside totalsize after the header; structure block 4-aligned,
     * reservation map 8-aligned. Overflow-safe comparisons (sizes are u32). */
    if (dt->struct_off < DT_HEADER_SIZE || dt->struct_off % 4 || dt->struct_size % 4 ||
        dt->struct_size > dt->totalsize - dt->struct_off)
        return DT_ERR_LAYOUT;
    if (dt->strings_off < DT_HEADER_SIZE || dt->strings_off > dt->totalsize ||
        dt->strings_size > dt->totalsize - dt->strings_off)
        return DT_ERR_LAYOUT;
    if (rsv_off < DT_HEADER_SIZE || rsv_off % 8 || rsv_off > dt->totalsize - 16)
        return DT_ERR_LAYOUT;
    if (dt->struct_size < 8 || be32_at(b + dt->struct_off) != DT_BEGIN_NODE)
        return DT_ERR_STRUCT;
    return 0;
}

/* Token at structure offset off, or DT_ERR_STRUCT when off is outside the block. */
static int64_t token_at(const struct dt *dt, int off)
{
    if (off < 0 || (uint32_t)off % 4 || (uint32_t)off + 4 > dt->struct_size)
        return DT_ERR_STRUCT;
    return be32_at(dt->blob + dt->struct_off + off);
}

static const char *struct_ptr(const struct dt *dt, int off)
{
    return (const char *)dt->blob + dt->struct_off + off;
}

static int align4(uint32_t n)
{
    return (int)((n + 3) & ~3U);
}

/* Name of the node at off (after its BEGIN_NODE token); *end = offset after the padded name. */
static const char *node_name(const struct dt *dt, int off, int *end)
{
    uint32_t start = (uint32_t)off + 4;
    size_t max, n;

    if (token_at(dt, off) != DT_BEGIN_NODE)
        return NULL;
    max = dt->struct_size - start;
    n = strnlen(struct_ptr(dt, (int)start), max);
    if (n == max)
        return NULL;
    if (end)
        *end = align4(start + (uint32_t)n + 1);
    return struct_ptr(dt, (int)start);
}

static const char *string_at(const struct dt *dt, uint32_t nameoff)
{
    size_t max;

    if (nameoff >= dt->strings_size)
        return NULL;
    max = dt->strings_size - nameoff;
    if (strnlen((const char *)dt->blob + dt->strings_off + nameoff, max) == max)
        return NULL;
    return (const char *)dt->blob + dt->strings_off + nameoff;
}

/* Property at off: its name, value and the offset after it. false when malformed. */
static bool prop_parse(const struct dt *dt, int off, const char **name, const void **val,
                       uint32_t *len, int *next)
{
    uint32_t l, nameoff, start;

    if (token_at(dt, off) != DT_PROP || (uint32_t)off + 12 > dt->struct_size)
        return false;
    l = be32_at((const uint8_t *)struct_ptr(dt, off + 4));
    nameoff = be32_at((const uint8_t *)struct_ptr(dt, off + 8));
    start = (uint32_t)off + 12;
    if (l > dt->struct_size - start)
        return false;
    *name = string_at(dt, nameoff);
    if (!*name)
        return false;
    *val = struct_ptr(dt, (int)start);
    *len = l;
    *next = align4(start + l);
    return true;
}

/* Offset of the next token at or after off that is not NOP. */
static int skip_nops(const struct dt *dt, int off)
{
    while (token_at(dt, off) == DT_NOP)
        off += 4;
    return off;
}

/* Offset after the whole node at off (after its END_NODE), or negative error. */
static int node_end(const struct dt *dt, int off)
{
    int depth = 0;

    for (;;) {
        int64_t tok = token_at(dt, off);
        const char *n;
        const void *v;
        uint32_t l;

        switch (tok) {
        case DT_BEGIN_NODE:
            if (!node_name(dt, off, &off))
                return DT_ERR_STRUCT;
            if (++depth > DT_MAX_DEPTH)
                return DT_ERR_DEPTH;
            break;
        case DT_END_NODE:
            off += 4;
            if (--depth == 0)
                return off;
            break;
        case DT_PROP:
            if (!prop_parse(dt, off, &n, &v, &l, &off))
                return DT_ERR_STRUCT;
            break;
        case DT_NOP:
            off += 4;
            break;
        default:
            return DT_ERR_STRUCT;
        }
    }
}

/* Offset of the first token after the node's name and properties. */
static int after_props(const struct dt *dt, int node)
{
    int off;
    const char *n;
    const void *v;
    uint32_t l;

    if (!node_name(dt, node, &off))
        return DT_ERR_STRUCT;
    for (;;) {
        off = skip_nops(dt, off);
        if (token_at(dt, off) != DT_PROP)
            return off;
        if (!prop_parse(dt, off, &n, &v, &l, &off))
            return DT_ERR_STRUCT;
    }
}

int dt_first_child(const struct dt *dt, int node)
{
    int off = after_props(dt, node);
    int64_t tok;

    if (off < 0)
        return off;
    tok = token_at(dt, off);
    if (tok == DT_BEGIN_NODE)
        return off;
    return tok == DT_END_NODE ? DT_ERR_NOTFOUND : DT_ERR_STRUCT;
}

int dt_next_sibling(const struct dt *dt, int node)
{
    int off = node_end(dt, node);
    int64_t tok;

    if (off < 0)
        return off;
    if (node == 0)
        return DT_ERR_NOTFOUND; /* the root has no siblings */
    off = skip_nops(dt, off);
    tok = token_at(dt, off);
    if (tok == DT_BEGIN_NODE)
        return off;
    return tok == DT_END_NODE ? DT_ERR_NOTFOUND : DT_ERR_STRUCT;
}

int dt_next_node(const struct dt *dt, int node, int *depth)
{
    int off;

    if (node < 0) {
        if (depth)
            *depth = 0;
        return token_at(dt, 0) == DT_BEGIN_NODE ? 0 : DT_ERR_STRUCT;
    }
    off = after_props(dt, node);
    if (off < 0)
        return off;
    for (;;) {
        int64_t tok;

        off = skip_nops(dt, off);
        tok = token_at(dt, off);
        if (tok == DT_BEGIN_NODE) {
            if (depth)
                (*depth)++;
            return off;
        }
        if (tok == DT_END)
            return DT_ERR_NOTFOUND;
        if (tok != DT_END_NODE)
            return DT_ERR_STRUCT;
        off += 4;
        /* Leaving the subtree the caller started in ends a depth-tracked walk (as libfdt). */
        if (depth && --(*depth) < 0)
            return DT_ERR_NOTFOUND;
    }
}

const char *dt_name(const struct dt *dt, int node)
{
    return node_name(dt, node, NULL);
}

/* Does node name `name` match path component comp[0..len)? Exactly, or, when comp has no
 * unit address, the name's part before '@' (the rule libfdt and Linux use). */
static bool name_matches(const char *name, const char *comp, size_t len)
{
    size_t i;

    if (strncmp(name, comp, len))
        return false;
    if (name[len] == '\0')
        return true;
    if (name[len] != '@')
        return false;
    for (i = 0; i < len; i++) {
        if (comp[i] == '@')
            return false;
    }
    return true;
}

static int subnode_len(const struct dt *dt, int parent, const char *comp, size_t len)
{
    int child;

    for (child = dt_first_child(dt, parent); child >= 0; child = dt_next_sibling(dt, child)) {
        const char *name = dt_name(dt, child);

        if (!name)
            return DT_ERR_STRUCT;
        if (name_matches(name, comp, len))
            return child;
    }
    return child;
}

int dt_subnode(const struct dt *dt, int parent, const char *name)
{
    return subnode_len(dt, parent, name, strlen(name));
}

int dt_path(const struct dt *dt, const char *path)
{
    int node = 0;

    if (path[0] != '/')
        return DT_ERR_NOTFOUND; /* aliases are not supported */
    while (*path) {
        const char *end;

        while (*path == '/')
            path++;
        if (!*path)
            break;
        end = strchr(path, '/');
        if (!end)
            end = path + strlen(path);
        node = subnode_len(dt, node, path, (size_t)(end - path));
        if (node < 0)
            return node;
        path = end;
    }
    return dt_name(dt, node) ? node : DT_ERR_STRUCT;
}

int dt_parent(const struct dt *dt, int node)
{
    int stack[DT_MAX_DEPTH + 1];
    int depth = 0;
    int cur;

    if (!dt_name(dt, node))
        return DT_ERR_STRUCT;
    if (node == 0)
        return DT_ERR_NOTFOUND;
    for (cur = dt_next_node(dt, -1, &depth); cur >= 0; cur = dt_next_node(dt, cur, &depth)) {
        if (depth > DT_MAX_DEPTH)
            return DT_ERR_DEPTH;
        if (depth < 0 || (depth == 0 && cur != 0))
            return DT_ERR_STRUCT; /* a second top-level node */
        stack[depth] = cur;
        if (cur == node)
            return stack[depth - 1];
        if (cur > node)
            break;
    }
    return cur < 0 ? cur : DT_ERR_NOTFOUND;
}

int dt_first_prop(const struct dt *dt, int node)
{
    int off;

    if (!node_name(dt, node, &off))
        return DT_ERR_STRUCT;
    off = skip_nops(dt, off);
    return token_at(dt, off) == DT_PROP ? off : DT_ERR_NOTFOUND;
}

int dt_next_prop(const struct dt *dt, int prop)
{
    const char *n;
    const void *v;
    uint32_t l;
    int off;

    if (!prop_parse(dt, prop, &n, &v, &l, &off))
        return DT_ERR_STRUCT;
    off = skip_nops(dt, off);
    return token_at(dt, off) == DT_PROP ? off : DT_ERR_NOTFOUND;
}

const void *dt_prop_at(const struct dt *dt, int prop, const char **name, int *len)
{
    const char *n;
    const void *v;
    uint32_t l;
    int next;

    if (!prop_parse(dt, prop, &n, &v, &l, &next))
        return NULL;
    if (name)
        *name = n;
    if (len)
        *len = (int)l;
    return v;
}

const void *dt_prop(const struct dt *dt, int node, const char *name, int *len)
{
    int prop;

    for (prop = dt_first_prop(dt, node); prop >= 0; prop = dt_next_prop(dt, prop)) {
        const char *n;
        const void *v = dt_prop_at(dt, prop, &n, len);

        if (v && !strcmp(n, name))
            return v;
    }
    return NULL;
}

/* Does the string list val[0..len) contain s? */
static bool stringlist_has(const char *val, int len, const char *s)
{
    size_t slen = strlen(s);

    while (len > 0) {
        size_t n = strnlen(val, (size_t)len);

        if (n == slen && !memcmp(val, s, n))
            return true;
        val += n + 1;
        len -= (int)n + 1;
    }
    return false;
}

bool dt_is_compatible(const struct dt *dt, int node, const char *compat)
{
    int len;
    const char *val = dt_prop(dt, node, "compatible", &len);

    return val && stringlist_has(val, len, compat);
}

int dt_next_compatible(const struct dt *dt, int after, const char *compat)
{
    int node;

    for (node = dt_next_node(dt, after, NULL); node >= 0; node = dt_next_node(dt, node, NULL)) {
        if (dt_is_compatible(dt, node, compat))
            return node;
    }
    return node;
}

int dt_next_device_type(const struct dt *dt, int after, const char *type)
{
    int node;

    for (node = dt_next_node(dt, after, NULL); node >= 0; node = dt_next_node(dt, node, NULL)) {
        int len;
        const char *val = dt_prop(dt, node, "device_type", &len);

        if (val && len > 0 && strnlen(val, (size_t)len) < (size_t)len && !strcmp(val, type))
            return node;
    }
    return node;
}

uint64_t dt_read_cells(const void *p, unsigned ncells)
{
    const uint8_t *b = p;
    uint64_t v = 0;
    unsigned i;

    for (i = 0; i < ncells; i++)
        v = v << 32 | be32_at(b + 4 * i);
    return v;
}

int dt_prop_u32(const struct dt *dt, int node, const char *name, uint32_t *out)
{
    int len;
    const void *val = dt_prop(dt, node, name, &len);

    if (!val)
        return DT_ERR_NOTFOUND;
    if (len != 4)
        return DT_ERR_BADVALUE;
    *out = be32_at(val);
    return 0;
}

int dt_prop_u64(const struct dt *dt, int node, const char *name, uint64_t *out)
{
    int len;
    const void *val = dt_prop(dt, node, name, &len);

    if (!val)
        return DT_ERR_NOTFOUND;
    if (len != 4 && len != 8)
        return DT_ERR_BADVALUE;
    *out = dt_read_cells(val, (unsigned)len / 4);
    return 0;
}

const char *dt_prop_string(const struct dt *dt, int node, const char *name, unsigned index)
{
    int len;
    const char *val = dt_prop(dt, node, name, &len);

    while (val && len > 0) {
        size_t n = strnlen(val, (size_t)len);

        if (n == (size_t)len)
            return NULL; /* unterminated */
        if (index-- == 0)
            return val;
        val += n + 1;
        len -= (int)n + 1;
    }
    return NULL;
}

/* §2.3.5: a missing #address-cells means 2 and a missing #size-cells means 1. */
static unsigned cells_or(const struct dt *dt, int node, const char *name, unsigned dflt)
{
    uint32_t v;

    return dt_prop_u32(dt, node, name, &v) ? dflt : v;
}

unsigned dt_address_cells(const struct dt *dt, int node)
{
    return cells_or(dt, node, "#address-cells", 2);
}

unsigned dt_size_cells(const struct dt *dt, int node)
{
    return cells_or(dt, node, "#size-cells", 1);
}

/* Cell counts for node's reg and the property itself. */
static int reg_layout(const struct dt *dt, int node, unsigned *ac, unsigned *sc,
                      const uint8_t **reg, int *len)
{
    int parent = dt_parent(dt, node);

    if (parent < 0)
        return parent;
    *ac = dt_address_cells(dt, parent);
    *sc = dt_size_cells(dt, parent);
    if (*ac < 1 || *ac > 4 || *sc > 4) /* §2.3.5 caps neither; 4 covers every real bus */
        return DT_ERR_BADVALUE;
    *reg = dt_prop(dt, node, "reg", len);
    if (!*reg)
        return DT_ERR_NOTFOUND;
    if (*len % (int)(4 * (*ac + *sc)))
        return DT_ERR_BADVALUE;
    return 0;
}

int dt_reg_count(const struct dt *dt, int node)
{
    unsigned ac, sc;
    const uint8_t *reg;
    int len;
    int err = reg_layout(dt, node, &ac, &sc, &reg, &len);

    return err ? err : len / (int)(4 * (ac + sc));
}

int dt_reg(const struct dt *dt, int node, unsigned index, uint64_t *addr, uint64_t *size)
{
    unsigned ac, sc;
    const uint8_t *reg;
    int len;
    int err = reg_layout(dt, node, &ac, &sc, &reg, &len);

    if (err)
        return err;
    if (index >= (unsigned)len / (4 * (ac + sc)))
        return DT_ERR_NOTFOUND;
    reg += index * 4 * (ac + sc);
    if (addr)
        *addr = dt_read_cells(reg, ac);
    if (size)
        *size = dt_read_cells(reg + 4 * ac, sc);
    return 0;
}
