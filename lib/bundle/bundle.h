/*
 * Guest bundle: what carries a guest for the hext hypervisor (image, optional initrd, command
 * line), written by the runner (`hext run hyp --guest IMAGE`, once per --guest). The bundles of
 * a run follow one another in one file, handed to the emulator as the initrd: guest k runs
 * bundle k. The hypervisor finds the file through its host DTB's /chosen
 * linux,initrd-start/end, checks it with bundle_parse_all() and places each bundle with
 * bundle_place().
 *
 * Layout (all fields little-endian, every part starts 8-byte aligned):
 *
 *   offset  size  field
 *        0     8  magic "HEXTGST\0"
 *        8     4  version (BUNDLE_VERSION)
 *       12     4  header_size (BUNDLE_HEADER_SIZE; the image follows)
 *       16     8  image_size    bytes of the guest image (> 0)
 *       24     8  initrd_size   bytes of the initrd (0: none)
 *       32     8  cmdline_size  bytes of the command line including its NUL (>= 1)
 *       40     8  total_size    header + each part padded to 8 bytes
 *       48     8  sum           Fletcher-style checksum over 64-bit words of the whole bundle
 *       56     8  weighted      (both fields read as 0 while summing): sum += w; weighted += sum
 *       64     4  guest         this bundle's guest number, its place in the file (0 first)
 *       68     4  count         bundles in the file (1..BUNDLE_MAX_GUESTS), the same in each
 *       72        image, initrd, cmdline, each padded with zeros to a multiple of 8
 *
 * Bundle k+1 starts at bundle k's total_size (a multiple of 8, so it stays aligned).
 *
 * The checksum is word-wise so that the Sail model (~0.25 M instructions/s) verifies a 3 MB
 * guest in about 2 M instructions; the weighted half catches swapped or moved words, which a
 * plain sum misses. Bytes after the last bundle (an emulator or file system padding) are
 * ignored; a file with fewer bundles than `count` is truncated.
 */
#ifndef HEXT_LIB_BUNDLE_H
#define HEXT_LIB_BUNDLE_H

#include <stddef.h>
#include <stdint.h>

#define BUNDLE_MAGIC       "HEXTGST"
#define BUNDLE_VERSION     2
#define BUNDLE_HEADER_SIZE 72
#define BUNDLE_MAX_GUESTS  4 /* the hypervisor's most guests */
/* Header field offsets (the table above). */
#define BUNDLE_OFF_VERSION     8
#define BUNDLE_OFF_HEADER_SIZE 12
#define BUNDLE_OFF_IMAGE       16
#define BUNDLE_OFF_INITRD      24
#define BUNDLE_OFF_CMDLINE     32
#define BUNDLE_OFF_TOTAL       40
#define BUNDLE_OFF_SUM         48
#define BUNDLE_OFF_WEIGHTED    56
#define BUNDLE_OFF_GUEST       64
#define BUNDLE_OFF_COUNT       68
/* Where a raw (non-Linux) image is placed: 2 MiB into guest RAM, as OpenSBI fw_jump does. */
#define BUNDLE_RAW_LOAD_OFFSET 0x200000ULL

enum bundle_err {
    BUNDLE_ERR_TRUNCATED = -1, /* shorter than its header, or than its total_size */
    BUNDLE_ERR_MAGIC = -2,
    BUNDLE_ERR_VERSION = -3,
    BUNDLE_ERR_HEADER = -4,    /* header_size is not BUNDLE_HEADER_SIZE */
    BUNDLE_ERR_SIZES = -5,     /* empty image, no cmdline, or sizes that overflow / disagree */
    BUNDLE_ERR_CMDLINE = -6,   /* command line not NUL-terminated at its last byte */
    BUNDLE_ERR_CHECKSUM = -7,  /* contents differ from what the writer summed */
    BUNDLE_ERR_ALIGN = -8,     /* buffer not 8-byte aligned */
    BUNDLE_ERR_TOO_BIG = -9,   /* bundle_place: image + initrd do not fit in guest RAM */
    BUNDLE_ERR_OFFSET = -10,   /* bundle_place: a Linux Image's text_offset is not page-aligned */
    BUNDLE_ERR_SEQUENCE = -11, /* count not 1..BUNDLE_MAX_GUESTS, not the first bundle's, or a
                                * guest number that is not the bundle's place in the file */
};

struct bundle {
    const uint8_t *image;
    uint64_t image_size;
    const uint8_t *initrd; /* NULL when initrd_size is 0 */
    uint64_t initrd_size;
    const char *cmdline; /* NUL-terminated, inside the bundle */
    uint64_t total_size;
    uint32_t guest, count;
};

/* Where the parts go, as offsets from the start of guest RAM. */
struct bundle_layout {
    int is_linux;          /* the image has a RISC-V Linux Image header */
    uint64_t image_offset; /* Linux: its text_offset; raw: BUNDLE_RAW_LOAD_OFFSET */
    uint64_t image_span;   /* bytes the image owns once running (Linux: its image_size) */
    uint64_t initrd_offset;
    uint64_t end; /* first byte after everything placed */
};

const char *bundle_strerror(int err);

/* Fletcher-style checksum over the 64-bit words of buf[0..size) (size a multiple of 8, buf
 * 8-byte aligned); the words at byte offsets 48 and 56 count as 0. */
void bundle_checksum(const void *buf, uint64_t size, uint64_t *sum, uint64_t *weighted);

/* Checks everything the header promises and fills *out with pointers into buf. len: bytes
 * readable at buf. Returns 0 or a negative BUNDLE_ERR_*. */
int bundle_parse(const void *buf, uint64_t len, struct bundle *out);

/* The bundle count the file's first header states, or 0 when buf (len bytes, 8-byte aligned)
 * does not start with a bundle header; bundle_parse_all() then names the problem. Reads the
 * header only, so that the number of guests can be known before the file is checked. */
unsigned bundle_count(const void *buf, uint64_t len);

/* Checks the whole file: every bundle as bundle_parse() does, and their guest numbers and
 * count. Fills out[0..*count). Returns 0, or a negative BUNDLE_ERR_* with *bad the number of
 * the bundle at fault (for a missing one: the first missing). */
int bundle_parse_all(const void *buf, uint64_t len, struct bundle out[BUNDLE_MAX_GUESTS],
                     unsigned *count, unsigned *bad);

/* Places b in guest RAM of ram_size bytes, of which the top `reserved` bytes hold other data
 * (the guest DTB). Returns 0, BUNDLE_ERR_TOO_BIG or BUNDLE_ERR_OFFSET. */
int bundle_place(const struct bundle *b, uint64_t ram_size, uint64_t reserved,
                 struct bundle_layout *out);

/* Bytes the parts of a bundle with these sizes take, header included; 0 when they overflow. */
uint64_t bundle_total_size(uint64_t image_size, uint64_t initrd_size, uint64_t cmdline_size);

#endif
