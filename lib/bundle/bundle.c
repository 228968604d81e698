/* Guest bundle parser, checksum and placement (format in bundle.h). Pure and freestanding: the
 * hypervisor runs it on the bundle in host RAM, the runner and the host tests on files. */
#include "bundle/bundle.h"

#include "string.h"

#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "bundle.c reads its 64-bit words in place and needs a little-endian machine"
#endif

/* RISC-V Linux Image header (Linux Documentation/arch/riscv/boot-image-header.rst). */
#define LINUX_HDR_SIZE        64
#define LINUX_OFF_TEXT_OFFSET 8
#define LINUX_OFF_IMAGE_SIZE  16
#define LINUX_OFF_MAGIC       48 /* "RISCV\0\0\0", deprecated but still written */
#define LINUX_OFF_MAGIC2      56 /* "RSC\x05" */
#define PAGE                  4096ULL

const char *bundle_strerror(int err)
{
    switch (err) {
    case BUNDLE_ERR_TRUNCATED:
        return "bundle truncated (shorter than its header or its total_size)";
    case BUNDLE_ERR_MAGIC:
        return "not a hext guest bundle (bad magic)";
    case BUNDLE_ERR_VERSION:
        return "unsupported bundle version";
    case BUNDLE_ERR_HEADER:
        return "bad bundle header_size";
    case BUNDLE_ERR_SIZES:
        return "bundle sizes overflow or disagree with total_size";
    case BUNDLE_ERR_CMDLINE:
        return "bundle command line not NUL-terminated";
    case BUNDLE_ERR_CHECKSUM:
        return "bundle checksum mismatch";
    case BUNDLE_ERR_ALIGN:
        return "bundle not 8-byte aligned in memory";
    case BUNDLE_ERR_TOO_BIG:
        return "guest image and initrd do not fit in guest RAM";
    case BUNDLE_ERR_OFFSET:
        return "Linux Image text_offset is not a multiple of 4 KiB";
    case BUNDLE_ERR_SEQUENCE:
        return "bundle guest number or count disagrees with its place in the file";
    default:
        return "unknown bundle error";
    }
}

static uint64_t le64(const uint8_t *p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = v << 8 | p[i];
    return v;
}

static uint32_t le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t pad8(uint64_t n)
{
    return (n + 7) & ~7ULL;
}

uint64_t bundle_total_size(uint64_t image_size, uint64_t initrd_size, uint64_t cmdline_size)
{
    /* Each size below 2^61 keeps every padded sum below 2^63: no wrap-around. */
    const uint64_t limit = 1ULL << 61;
    if (image_size >= limit || initrd_size >= limit || cmdline_size >= limit)
        return 0;
    return BUNDLE_HEADER_SIZE + pad8(image_size) + pad8(initrd_size) + pad8(cmdline_size);
}

void bundle_checksum(const void *buf, uint64_t size, uint64_t *sum, uint64_t *weighted)
{
    const uint64_t *w = buf;
    uint64_t n = size / 8, a = 0, b = 0, i = 0;
    /* The header apart, so that the loop over the contents is a load and two adds a word. */
    for (; i < n && i < BUNDLE_HEADER_SIZE / 8; i++) {
        if (i != BUNDLE_OFF_SUM / 8 && i != BUNDLE_OFF_WEIGHTED / 8)
            a += w[i];
        b += a;
    }
    for (; i < n; i++) {
        a += w[i];
        b += a;
    }
    *sum = a;
    *weighted = b;
}

int bundle_parse(const void *buf, uint64_t len, struct bundle *out)
{
    const uint8_t *p = buf;
    if ((uintptr_t)buf & 7)
        return BUNDLE_ERR_ALIGN;
    if (len < BUNDLE_HEADER_SIZE)
        return BUNDLE_ERR_TRUNCATED;
    if (memcmp(p, BUNDLE_MAGIC, sizeof(BUNDLE_MAGIC)) != 0)
        return BUNDLE_ERR_MAGIC;
    if (le32(p + BUNDLE_OFF_VERSION) != BUNDLE_VERSION)
        return BUNDLE_ERR_VERSION;
    if (le32(p + BUNDLE_OFF_HEADER_SIZE) != BUNDLE_HEADER_SIZE)
        return BUNDLE_ERR_HEADER;
    uint64_t image = le64(p + BUNDLE_OFF_IMAGE), initrd = le64(p + BUNDLE_OFF_INITRD);
    uint64_t cmdline = le64(p + BUNDLE_OFF_CMDLINE), total = le64(p + BUNDLE_OFF_TOTAL);
    if (image == 0 || cmdline == 0 || bundle_total_size(image, initrd, cmdline) != total)
        return BUNDLE_ERR_SIZES;
    if (len < total)
        return BUNDLE_ERR_TRUNCATED;
    uint64_t sum, weighted;
    bundle_checksum(buf, total, &sum, &weighted);
    if (sum != le64(p + BUNDLE_OFF_SUM) || weighted != le64(p + BUNDLE_OFF_WEIGHTED))
        return BUNDLE_ERR_CHECKSUM;
    const uint8_t *initrd_at = p + BUNDLE_HEADER_SIZE + pad8(image);
    const char *cmdline_at = (const char *)initrd_at + pad8(initrd);
    if (cmdline_at[cmdline - 1] != '\0')
        return BUNDLE_ERR_CMDLINE;
    *out = (struct bundle){
            .image = p + BUNDLE_HEADER_SIZE,
            .image_size = image,
            .initrd = initrd ? initrd_at : NULL,
            .initrd_size = initrd,
            .cmdline = cmdline_at,
            .total_size = total,
            .guest = le32(p + BUNDLE_OFF_GUEST),
            .count = le32(p + BUNDLE_OFF_COUNT),
    };
    return 0;
}

unsigned bundle_count(const void *buf, uint64_t len)
{
    const uint8_t *p = buf;
    if (((uintptr_t)buf & 7) || len < BUNDLE_HEADER_SIZE ||
        memcmp(p, BUNDLE_MAGIC, sizeof(BUNDLE_MAGIC)) != 0)
        return 0;
    return le32(p + BUNDLE_OFF_COUNT);
}

int bundle_parse_all(const void *buf, uint64_t len, struct bundle out[BUNDLE_MAX_GUESTS],
                     unsigned *count, unsigned *bad)
{
    const uint8_t *p = buf;
    uint64_t at = 0;
    unsigned n = 1;

    for (unsigned k = 0; k < n; k++) {
        *bad = k;
        int err = bundle_parse(p + at, len - at, &out[k]);
        if (err)
            return err;
        if (k == 0)
            n = out[0].count;
        if (n == 0 || n > BUNDLE_MAX_GUESTS || out[k].count != n || out[k].guest != k)
            return BUNDLE_ERR_SEQUENCE;
        at += out[k].total_size; /* <= len - at: bundle_parse checked it */
    }
    *count = n;
    return 0;
}

static int is_linux_image(const uint8_t *img, uint64_t size)
{
    return size >= LINUX_HDR_SIZE && (memcmp(img + LINUX_OFF_MAGIC2, "RSC\x05", 4) == 0 ||
                                      memcmp(img + LINUX_OFF_MAGIC, "RISCV\0\0\0", 8) == 0);
}

static uint64_t page_up(uint64_t n)
{
    return (n + PAGE - 1) & ~(PAGE - 1);
}

int bundle_place(const struct bundle *b, uint64_t ram_size, uint64_t reserved,
                 struct bundle_layout *out)
{
    struct bundle_layout l = {.image_offset = BUNDLE_RAW_LOAD_OFFSET};
    uint64_t span = b->image_size;
    l.is_linux = is_linux_image(b->image, b->image_size);
    if (l.is_linux) {
        /* The kernel's BSS runs to image_size: nothing may be placed there. */
        uint64_t mem = le64(b->image + LINUX_OFF_IMAGE_SIZE);
        l.image_offset = le64(b->image + LINUX_OFF_TEXT_OFFSET);
        span = mem > span ? mem : span;
        /* The entry point is the load address: a misaligned one would only trap in the guest. */
        if (l.image_offset % PAGE)
            return BUNDLE_ERR_OFFSET;
    }
    if (reserved > ram_size)
        return BUNDLE_ERR_TOO_BIG;
    uint64_t limit = ram_size - reserved;
    /* Checked piecewise so that no sum below can wrap. */
    if (l.image_offset > limit || span > limit - l.image_offset)
        return BUNDLE_ERR_TOO_BIG;
    l.image_span = page_up(span);
    l.initrd_offset = page_up(l.image_offset + l.image_span);
    if (l.initrd_offset > limit || b->initrd_size > limit - l.initrd_offset)
        return BUNDLE_ERR_TOO_BIG;
    l.end = b->initrd_size ? l.initrd_offset + b->initrd_size : l.image_offset + span;
    *out = l;
    return 0;
}
