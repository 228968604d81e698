/* See isolation.h. */
#include "isolation.h"

#include "fmt.h"
#include "guest_images.h"
#include "vm.h"

#define GUEST_FDT_MAX 0x10000UL /* vm.c: the DTB window at the top of guest RAM */

extern const char __hyp_start[], __hyp_ro_end[]; /* linker.ld */

static uint64_t image_hash;

/* A pattern that differs per word and per guest, so a copy of another page shows too. */
static uint64_t canary_word(const struct vm *vm, unsigned i)
{
    return 0x68657874ca000000ULL ^ (uint64_t)vm->id << 16 ^ i;
}

/* FNV-1a over 64-bit words (the image is 8-byte aligned, linker.ld): cheap enough for the
 * Sail model, where every instruction counts. */
static uint64_t hash_image(void)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (const uint64_t *p = (const uint64_t *)__hyp_start; p < (const uint64_t *)__hyp_ro_end; p++)
        h = (h ^ *p) * 0x100000001b3ULL;
    return h;
}

uint64_t isolation_canary_gpa(const struct vm *vm)
{
    return vm->ram_gpa + vm->ram_size - GUEST_FDT_MAX - CANARY_SIZE;
}

bool isolation_has_canary(const struct vm *vm)
{
    return vm->image >= guest_image_table && vm->image < guest_image_table + guest_image_count;
}

static uint64_t *canary(struct vm *vm)
{
    return guest_ram_ptr(vm, isolation_canary_gpa(vm), CANARY_SIZE);
}

void isolation_arm(void)
{
    for (unsigned n = 0; n < nvms; n++) {
        if (!isolation_has_canary(&vms[n]))
            continue;
        for (unsigned i = 0; i < CANARY_SIZE / 8; i++)
            canary(&vms[n])[i] = canary_word(&vms[n], i);
    }
    image_hash = hash_image();
}

bool isolation_intact(char *why, size_t len)
{
    unsigned guarded = 0;
    for (unsigned n = 0; n < nvms; n++) {
        if (!isolation_has_canary(&vms[n]))
            continue;
        guarded++;
        for (unsigned i = 0; i < CANARY_SIZE / 8; i++)
            if (canary(&vms[n])[i] != canary_word(&vms[n], i)) {
                fmt_snprintf(why, len, "guest%u's canary at guest-physical 0x%llx changed", n,
                             (unsigned long long)(isolation_canary_gpa(&vms[n]) + 8 * i));
                return false;
            }
    }
    uint64_t now = hash_image();
    if (now != image_hash) {
        fmt_snprintf(why, len,
                     "the hypervisor's read-only image changed (FNV-1a 0x%llx, was 0x%llx)",
                     (unsigned long long)now, (unsigned long long)image_hash);
        return false;
    }
    fmt_snprintf(why, len, "%u guest canar%s and the hypervisor image (FNV-1a 0x%llx) intact",
                 guarded, guarded == 1 ? "y" : "ies", (unsigned long long)image_hash);
    return true;
}
