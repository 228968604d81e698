/* Run-time guests: the bundle is checked in host RAM, then guest_load copies it in at each boot. */
#include "guest_bundle.h"

#include "bundle/bundle.h"
#include "fmt.h"
#include "gstage.h"
#include "guest_images.h"
#include "string.h"
#include "verdict.h"

#define PAGE 4096ULL

extern char __hyp_start[]; /* linker.ld; the guests' RAM backing follows the hypervisor */

static struct guest_image bundle_images[BUNDLE_MAX_GUESTS];

static void bundle_fail(const char *what, uint64_t start, uint64_t len)
{
    char reason[200];
    fmt_snprintf(reason, sizeof(reason), "guest bundle at 0x%llx (%llu bytes): %s",
                 (unsigned long long)start, (unsigned long long)len, what);
    verdict_fail_and_poweroff(reason);
}

/* The same, naming the guest whose bundle is at fault. */
static void guest_fail(unsigned k, const char *what, uint64_t start, uint64_t len)
{
    char msg[160];
    fmt_snprintf(msg, sizeof(msg), "guest%u: %s", k, what);
    bundle_fail(msg, start, len);
}

static int overlaps(uint64_t a, uint64_t a_end, uint64_t b, uint64_t b_end)
{
    return a < b_end && b < a_end;
}

unsigned guest_bundle_open(uint64_t start, uint64_t end, uint64_t host_end, uint64_t guests_end,
                           const uint64_t *ram_size, unsigned nguests, uint64_t reserved,
                           const struct guest_image **images)
{
    uint64_t backing = (uint64_t)(uintptr_t)guest_ram_high;
    uint64_t len = end - start;

    if (end <= start || end > host_end)
        bundle_fail("/chosen linux,initrd-start/end do not name host RAM", start, end - start);
    if (overlaps(start, end, (uint64_t)(uintptr_t)__hyp_start, backing))
        bundle_fail("lies over the hypervisor", start, len);
    if (overlaps(start, end, backing, guests_end)) {
        /* QEMU puts -initrd there. Above the guests' RAM it survives them, for a reboot. */
        uint64_t to = (guests_end + PAGE - 1) & ~(PAGE - 1);
        if (to > host_end || len > host_end - to)
            bundle_fail("lies in guest RAM and does not fit in the host RAM above it", start, len);
        memmove((void *)(uintptr_t)to, (const void *)(uintptr_t)start, len);
        start = to;
    }
    struct bundle b[BUNDLE_MAX_GUESTS];
    unsigned n = 0, bad = 0;
    int err = bundle_parse_all((const void *)(uintptr_t)start, len, b, &n, &bad);
    if (err)
        guest_fail(bad, bundle_strerror(err), start, len);
    if (n > nguests) {
        char msg[120];
        fmt_snprintf(msg, sizeof(msg), "%u bundles for %u guest%s (hext.guests=%u)", n, nguests,
                     nguests == 1 ? "" : "s", nguests);
        bundle_fail(msg, start, len);
    }
    for (unsigned k = 0; k < n; k++) {
        struct bundle_layout l;
        err = bundle_place(&b[k], ram_size[k], reserved, &l);
        if (err)
            guest_fail(k, bundle_strerror(err), start, len);
        const char *image = (const char *)b[k].image;
        /* No initrd: an empty one at the image's end, where guest_load finds nothing to copy. */
        const char *initrd = b[k].initrd_size ? (const char *)b[k].initrd : image + b[k].image_size;
        bundle_images[k] = (struct guest_image){
                .name = l.is_linux ? "bundle, Linux Image" : "bundle, raw image",
                .blob = image,
                .blob_end = image + b[k].image_size,
                .initrd = initrd,
                .initrd_end = initrd + b[k].initrd_size,
                .cmdline = b[k].cmdline,
                .entry = GUEST_RAM_GPA + l.image_offset,
                .initrd_gpa = GUEST_RAM_GPA + l.initrd_offset,
        };
        images[k] = &bundle_images[k];
    }
    return n;
}
