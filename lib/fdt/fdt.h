/*
 * Flattened devicetree reader and writer (Devicetree Specification v0.4, chapter 5).
 *
 * Names use the prefixes dt_ (reader) and dtw_ (writer) so that host tests can link libfdt,
 * whose fdt_ names are the oracle, next to this code.
 *
 * Reader: a node is an int, the byte offset of its FDT_BEGIN_NODE token from the start of the
 * structure block (the same numbers libfdt uses); the root is 0. Functions returning a node
 * return a negative DT_ERR_* on failure. Every read is bounds-checked against the blob's
 * header, so a malformed blob yields an error, never an out-of-bounds read.
 *
 * Writer: builds a DTB v17 (last compatible version 16) with an empty memory reservation map in
 * a caller buffer. Errors are sticky: after the first failure every call returns the same
 * error, so a caller may check only dtw_finish().
 */
#ifndef HEXT_LIB_FDT_H
#define HEXT_LIB_FDT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum dt_err {
    DT_ERR_NOTFOUND = -1,  /* no such node or property */
    DT_ERR_TRUNCATED = -2, /* blob shorter than its header says, or shorter than a header */
    DT_ERR_MAGIC = -3,     /* not 0xd00dfeed */
    DT_ERR_VERSION = -4,   /* version < 16 or last_comp_version > 17 */
    DT_ERR_LAYOUT = -5,    /* a block lies outside totalsize, overlaps, or is misaligned */
    DT_ERR_STRUCT = -6,    /* bad token, unterminated name, bad string offset, bad nesting */
    DT_ERR_NOSPACE = -7,   /* writer: buffer too small */
    DT_ERR_BADVALUE = -8,  /* property has the wrong length for the request */
    DT_ERR_STATE = -9,     /* writer: calls out of order (e.g. end_node at depth 0) */
    DT_ERR_DEPTH = -10,    /* nesting deeper than DT_MAX_DEPTH */
};

#define DT_MAX_DEPTH 32

const char *dt_strerror(int err);

/* ---- reader ---- */

struct dt {
    const uint8_t *blob;
    uint32_t totalsize;
    uint32_t struct_off, struct_size;
    uint32_t strings_off, strings_size;
    uint32_t boot_cpuid;
};

/* Validates the header and every block's bounds. avail: bytes readable at blob (the blob's
 * totalsize must not exceed it; pass a generous bound when only a pointer is known). */
int dt_open(struct dt *dt, const void *blob, size_t avail);

/* Node by absolute path ("/", "/chosen", "/cpus/cpu@0"). A path component without '@' also
 * matches a node whose name is that component followed by "@unit" (as libfdt does). */
int dt_path(const struct dt *dt, const char *path);
/* Child of parent with the given name (same matching rule as dt_path). */
int dt_subnode(const struct dt *dt, int parent, const char *name);
int dt_first_child(const struct dt *dt, int node);
int dt_next_sibling(const struct dt *dt, int node);
int dt_parent(const struct dt *dt, int node);
/* Next node in document order after node (-1: the root). With depth: starting from -1 the root
 * has depth 0; each child is one deeper; a walk started at node X with *depth = 0 ends with
 * DT_ERR_NOTFOUND when it leaves X's subtree (libfdt's fdt_next_node rule). */
int dt_next_node(const struct dt *dt, int node, int *depth);
/* Name with unit address ("cpu@0"); the root's name is "". NULL if node is bad. */
const char *dt_name(const struct dt *dt, int node);

/* Property value and length (bytes); NULL if absent or node is bad. */
const void *dt_prop(const struct dt *dt, int node, const char *name, int *len);
/* Property iteration: offset of the node's first/next FDT_PROP token, or DT_ERR_NOTFOUND. */
int dt_first_prop(const struct dt *dt, int node);
int dt_next_prop(const struct dt *dt, int prop);
const void *dt_prop_at(const struct dt *dt, int prop, const char **name, int *len);

/* Nodes whose "compatible" list contains compat / whose device_type is type, in document order,
 * starting after node `after` (-1: from the start). */
int dt_next_compatible(const struct dt *dt, int after, const char *compat);
int dt_next_device_type(const struct dt *dt, int after, const char *type);
bool dt_is_compatible(const struct dt *dt, int node, const char *compat);

/* Big-endian cells to a number: ncells 1 or 2 (more: low 64 bits are kept). */
uint64_t dt_read_cells(const void *p, unsigned ncells);
int dt_prop_u32(const struct dt *dt, int node, const char *name, uint32_t *out);
/* Accepts a 1-cell or 2-cell property. */
int dt_prop_u64(const struct dt *dt, int node, const char *name, uint64_t *out);
/* index-th string of a string-list property, or NULL. */
const char *dt_prop_string(const struct dt *dt, int node, const char *name, unsigned index);

/* #address-cells / #size-cells that node declares for its children (defaults 2 and 1, §2.3.5). */
unsigned dt_address_cells(const struct dt *dt, int node);
unsigned dt_size_cells(const struct dt *dt, int node);
/* index-th (address, size) pair of node's "reg", decoded with the parent's cell counts. */
int dt_reg(const struct dt *dt, int node, unsigned index, uint64_t *addr, uint64_t *size);
/* Number of (address, size) pairs in "reg", or negative error. */
int dt_reg_count(const struct dt *dt, int node);

/* ---- writer ---- */

struct dtw {
    uint8_t *buf;
    uint32_t cap;
    uint32_t struct_end;  /* next free byte of the structure block (grows up) */
    uint32_t strings_len; /* strings block, kept at the end of buf (grows down) */
    int depth;
    int err;
    bool props_closed; /* current node already has subnodes: no more properties */
    bool finished;
};

int dtw_init(struct dtw *w, void *buf, size_t cap);
/* The first node is the root and must be named "". */
int dtw_begin_node(struct dtw *w, const char *name);
int dtw_end_node(struct dtw *w);
int dtw_prop(struct dtw *w, const char *name, const void *val, uint32_t len);
int dtw_prop_empty(struct dtw *w, const char *name);
int dtw_prop_u32(struct dtw *w, const char *name, uint32_t v);
int dtw_prop_u64(struct dtw *w, const char *name, uint64_t v);
/* cells in host order, written big-endian; any count. */
int dtw_prop_cells(struct dtw *w, const char *name, const uint32_t *cells, unsigned n);
/* (addr, size) encoded with acells/scells cells each (1 or 2), e.g. for "reg". */
int dtw_prop_addr_size(struct dtw *w, const char *name, unsigned acells, unsigned scells,
                       uint64_t addr, uint64_t size);
int dtw_prop_string(struct dtw *w, const char *name, const char *s);
int dtw_prop_strings(struct dtw *w, const char *name, const char *const *list, unsigned n);
/* Copies node (name, properties, all descendants) from a reader blob. */
int dtw_copy_subtree(struct dtw *w, const struct dt *src, int node);
/* Closes the blob: all nodes must be ended. Returns its total size (> 0) or a DT_ERR_*. */
int dtw_finish(struct dtw *w, uint32_t boot_cpuid);

#endif
