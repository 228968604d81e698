/*
 * Where a guest image's parts go (hypervisor/guest_load.c): a built-in image's blob at
 * 0x80200000 with its initrd inside it, a bundle's image at its own entry (a Linux Image's
 * text_offset) with its initrd apart, each byte copied to the backing that holds its guest
 * address (the first 2 MiB of guest RAM are backed separately, gstage.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "gstage.h"
#include "guest_images.h"
#include "guest_load.h"
#include "vcpu.h"

#define MIB        (1024UL * 1024)
#define RAM_SIZE   (4 * MIB)
#define RAM_END    (GUEST_RAM_GPA + RAM_SIZE)
#define HIGH_BYTES (RAM_SIZE - GUEST_LOW_SIZE)

static struct vm vm;
static uint8_t low[GUEST_LOW_SIZE], high[HIGH_BYTES];

/* The layout of gstage.c: the high backing from 0x80200000 up, the low one for the first 2 MiB;
 * a range across the two is not RAM. */
void *guest_ram_ptr(struct vm *v, uint64_t gpa, uint64_t len)
{
    uint64_t off = gpa - v->ram_gpa;
    if (gpa < v->ram_gpa || off >= v->ram_size || len > v->ram_size - off)
        return NULL;
    if (off + len <= GUEST_LOW_SIZE)
        return v->ram_low + off;
    return off >= GUEST_LOW_SIZE ? v->ram_high + (off - GUEST_LOW_SIZE) : NULL;
}

static int setup(void **state)
{
    (void)state;
    memset(low, 0, sizeof(low));
    memset(high, 0, sizeof(high));
    vm.ram_gpa = GUEST_RAM_GPA;
    vm.ram_size = RAM_SIZE;
    vm.ram_low = low;
    vm.ram_high = high;
    return 0;
}

static void fill(char *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (char)(i * 7 + seed);
}

/* A table entry (entry and initrd_gpa 0): blob at 0x80200000, the initrd where it lies in it. */
static void built_in_image(void **state)
{
    static char blob[64 * 1024];
    (void)state;
    fill(blob, sizeof(blob), 1);
    struct guest_image img = {
            .name = "linux",
            .blob = blob,
            .blob_end = blob + sizeof(blob),
            .initrd = blob + 40960,
            .initrd_end = blob + 50000,
    };
    uint64_t start, end;
    assert_int_equal(guest_load_entry(&img), 0x80200000UL);
    guest_load_initrd(&img, &start, &end);
    assert_int_equal(start, 0x80200000UL + 40960);
    assert_int_equal(end, 0x80200000UL + 50000);
    assert_true(guest_load(&vm, &img));
    assert_memory_equal(high, blob, sizeof(blob));
    /* An image with no initrd (equal pointers) has an empty range. */
    img.initrd = img.initrd_end = img.blob_end;
    guest_load_initrd(&img, &start, &end);
    assert_int_equal(start, end);
}

/* A bundle's Linux Image with text_offset 0 runs from 0x80000000, across both backings; its
 * initrd, apart from it, goes to initrd_gpa. */
static void bundle_across_backings(void **state)
{
    static char image[GUEST_LOW_SIZE + 4096], initrd[8192];
    (void)state;
    fill(image, sizeof(image), 2);
    fill(initrd, sizeof(initrd), 3);
    struct guest_image img = {
            .name = "bundle, Linux Image",
            .blob = image,
            .blob_end = image + sizeof(image),
            .initrd = initrd,
            .initrd_end = initrd + sizeof(initrd),
            .entry = GUEST_RAM_GPA,
            .initrd_gpa = GUEST_RAM_GPA + 3 * MIB,
    };
    uint64_t start, end;
    assert_int_equal(guest_load_entry(&img), GUEST_RAM_GPA);
    guest_load_initrd(&img, &start, &end);
    assert_int_equal(start, GUEST_RAM_GPA + 3 * MIB);
    assert_int_equal(end, GUEST_RAM_GPA + 3 * MIB + sizeof(initrd));
    assert_true(guest_load(&vm, &img));
    assert_memory_equal(low, image, GUEST_LOW_SIZE);
    assert_memory_equal(high, image + GUEST_LOW_SIZE, 4096);
    assert_memory_equal(high + MIB, initrd, sizeof(initrd));
}

/* A part that ends past guest RAM is refused, not written out of bounds. */
static void outside_guest_ram(void **state)
{
    static char image[4096], initrd[4096];
    (void)state;
    struct guest_image img = {
            .blob = image,
            .blob_end = image + sizeof(image),
            .initrd = initrd,
            .initrd_end = initrd + sizeof(initrd),
            .entry = 0x80200000UL,
            .initrd_gpa = RAM_END - 2048,
    };
    assert_false(guest_load(&vm, &img));
    img.initrd_gpa = GUEST_RAM_GPA + 3 * MIB;
    img.entry = RAM_END;
    assert_false(guest_load(&vm, &img));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
            cmocka_unit_test_setup(built_in_image, setup),
            cmocka_unit_test_setup(bundle_across_backings, setup),
            cmocka_unit_test_setup(outside_guest_ram, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
