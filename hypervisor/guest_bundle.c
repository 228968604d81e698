/* Run-time guests: the bundle is checked in host RAM, then guest_image_load copies it in. */
#include "guest_bundle.h"

#include "bundle/bundle.h"
#include "fmt.h"
#include "gstage.h"
#include "string.h"
#include "vcpu.h"
#include "verdict.h"

#define PAGE 4096ULL

extern char __hyp_start[]; /* linker.ld; the guest RAM backing follows the hypervisor */

static void bundle_fail(const char *what, uint64_t start, uint64_t len)
{
    char reason[200];
    fmt_snprintf(reason, sizeof(reason), "guest bundle at 0x%llx (%llu bytes): %s",
                 (unsigned long long)start, (unsigned long long)len, what);
    verdict_fail_and_poweroff(reason);
}

static int overlaps(uint64_t a, uint64_t a_end, uint64_t b, uint64_t b_end)
{
    return a < b_end && b < a_end;
}

void guest_bundle_open(struct vm *vm, uint64_t start, uint64_t end, uint64_t host_end,
                       uint64_t reserved, struct guest_image *out)
{
    uint64_t backing = (uint64_t)(uintptr_t)vm->ram_high;
    uint64_t backing_end = (uint64_t)(uintptr_t)vm->ram_low + GUEST_LOW_SIZE;
    uint64_t len = end - start;

    if (end <= start || end > host_end)
        bundle_fail("/chosen linux,initrd-start/end do not name host RAM", start, end - start);
    if (overlaps(start, end, (uint64_t)(uintptr_t)__hyp_start, backing))
        bundle_fail("lies over the hypervisor", start, len);
    if (overlaps(start, end, backing, backing_end)) {
        /* QEMU puts -initrd there. Above guest RAM it survives the guest, for a reboot. */
        uint64_t to = (backing_end + PAGE - 1) & ~(PAGE - 1);
        if (to > host_end || len > host_end - to)
            bundle_fail("lies in guest RAM and does not fit in the host RAM above it", start, len);
        memmove((void *)(uintptr_t)to, (const void *)(uintptr_t)start, len);
        start = to;
    }
    struct bundle b;
    struct bundle_layout l;
    int err = bundle_parse((const void *)(uintptr_t)start, len, &b);
    if (!err)
        err = bundle_place(&b, vm->ram_size, reserved, &l);
    if (err)
        bundle_fail(bundle_strerror(err), start, len);
    *out = (struct guest_image){
            .image = b.image,
            .image_size = b.image_size,
            .load_gpa = vm->ram_gpa + l.image_offset,
            .initrd = b.initrd,
            .initrd_size = b.initrd_size,
            .initrd_gpa = vm->ram_gpa + l.initrd_offset,
            .cmdline = b.cmdline,
            .source = l.is_linux ? "bundle, Linux Image" : "bundle, raw image",
    };
}
