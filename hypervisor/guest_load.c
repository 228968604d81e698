/* See guest_load.h. */
#include "guest_load.h"

#include "gstage.h"
#include "guest_images.h"
#include "string.h"
#include "vcpu.h"

static bool initrd_in_blob(const struct guest_image *img)
{
    return img->initrd >= img->blob && img->initrd_end <= img->blob_end;
}

uint64_t guest_load_entry(const struct guest_image *img)
{
    return img->entry ? img->entry : GUEST_IMAGE_ENTRY;
}

void guest_load_initrd(const struct guest_image *img, uint64_t *start, uint64_t *end)
{
    uint64_t size = (uint64_t)(img->initrd_end - img->initrd);
    *start = initrd_in_blob(img) ? guest_load_entry(img) + (uint64_t)(img->initrd - img->blob)
                                 : img->initrd_gpa;
    *end = *start + size;
}

/* Word copy where both ends allow it: on Sail (~0.25 M instructions/s) a byte loop over a 3 MB
 * image would cost tens of seconds. */
static void copy(void *dst, const void *src, uint64_t n)
{
    if ((((uintptr_t)dst | (uintptr_t)src) & 7) == 0) {
        uint64_t *d = dst;
        const uint64_t *s = src;
        for (uint64_t i = 0; i < n / 8; i++)
            d[i] = s[i];
        dst = d + n / 8;
        src = s + n / 8;
        n &= 7;
    }
    memcpy(dst, src, n);
}

/* Guest RAM has two backings (gstage.c): copy in pieces that each lie in one of them. */
static bool copy_to_guest(struct vm *vm, uint64_t gpa, const char *src, uint64_t n)
{
    while (n) {
        uint64_t low_end = vm->ram_gpa + GUEST_LOW_SIZE;
        uint64_t chunk = gpa < low_end && n > low_end - gpa ? low_end - gpa : n;
        char *dst = guest_ram_ptr(vm, gpa, chunk);
        if (!dst)
            return false;
        if (dst != src)
            copy(dst, src, chunk);
        gpa += chunk;
        src += chunk;
        n -= chunk;
    }
    return true;
}

bool guest_load(struct vm *vm, const struct guest_image *img)
{
    uint64_t start, end;
    guest_load_initrd(img, &start, &end);
    return copy_to_guest(vm, guest_load_entry(img), img->blob,
                         (uint64_t)(img->blob_end - img->blob)) &&
           (initrd_in_blob(img) || copy_to_guest(vm, start, img->initrd, end - start));
}
