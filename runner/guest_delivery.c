/* How each emulator loads an initrd, as data (PLATFORMS.md; riscv-isa-sim spike_main/spike.cc
 * for Spike's address): QEMU loads -initrd and names it in the DTB it writes; Spike loads
 * --initrd so that it ends 4 KiB below the end of RAM and names it only in a DTB it generates
 * itself; the 2024 Sail model loads ELF files only. With an image DTB the runner names the
 * bundle there, at Spike's address, and Sail gets the bundle as an extra ELF at that address,
 * in the manifest's kernel slot (Sail loads every ELF after the first and runs none of them;
 * the Sail images carry firmware and payload in one ELF, so the slot is free). */
#include "guest_delivery.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bundle_write.h"
#include "dtb.h"
#include "elf_wrap.h"
#include "tempfile.h"

enum initrd_loading { LOADS_AND_NAMES, LOADS_AT_RAM_TOP, LOADS_ELF_ONLY };

#define RAM_TOP_GAP 0x1000 /* Spike: the initrd ends this far below the end of RAM */

static const struct {
    const char *emu;
    enum initrd_loading how;
} loading[] = {
        {"qemu", LOADS_AND_NAMES},
        {"spike", LOADS_AT_RAM_TOP},
        {"sail", LOADS_ELF_ONLY},
};

static int find_loading(const char *emu, enum initrd_loading *how)
{
    for (size_t i = 0; i < sizeof(loading) / sizeof(loading[0]); i++)
        if (strcmp(loading[i].emu, emu) == 0) {
            *how = loading[i].how;
            return 0;
        }
    return -1;
}

int guest_deliver(const struct hext_args *a, const char *emu, const char *dtb, const char *defect,
                  struct guest_delivery *d, char *err, size_t errlen)
{
    memset(d, 0, sizeof(*d));
    enum initrd_loading how;
    if (find_loading(emu, &how)) {
        snprintf(err, errlen, "--guest: no known way to hand a guest to %s", emu);
        return -1;
    }
    if (how == LOADS_ELF_ONLY && !dtb) {
        snprintf(err, errlen, "--guest on %s needs an image with a dtb to name the bundle in", emu);
        return -1;
    }
    uint8_t *b;
    size_t size;
    if (bundle_build(a->guest, a->guest_initrd, a->guest_append, defect, &b, &size, err, errlen))
        return -1;
    int rc = temp_write("hext-guest-", b, size, d->bundle, sizeof(d->bundle), err, errlen);
    d->file = d->bundle;
    d->key = KEY_INITRD;
    uint64_t start = 0;
    if (!rc && dtb && how != LOADS_AND_NAMES)
        rc = dtb_write_initrd(dtb, size, RAM_TOP_GAP, d->dtb, sizeof(d->dtb), &start, err, errlen);
    if (!rc && how == LOADS_ELF_ONLY) {
        size_t elf_size;
        uint8_t *elf = elf_wrap(b, size, start, &elf_size);
        rc = elf ? temp_write("hext-guest-elf-", elf, elf_size, d->elf, sizeof(d->elf), err, errlen)
                 : (snprintf(err, errlen, "out of memory"), -1);
        free(elf);
        d->file = d->elf;
        d->key = KEY_KERNEL;
    }
    free(b);
    if (rc)
        guest_delivery_remove(d);
    return rc;
}

void guest_delivery_remove(struct guest_delivery *d)
{
    char *paths[] = {d->bundle, d->elf, d->dtb};
    for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
        if (paths[i][0])
            unlink(paths[i]);
        paths[i][0] = '\0';
    }
}
