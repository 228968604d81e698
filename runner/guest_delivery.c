/* How each emulator loads an initrd is its description's `initrd-loading` line (emulators.h,
 * platforms/emulators/<name>.emu): QEMU loads -initrd and names it in the DTB it writes; Spike
 * loads --initrd so that it ends 4 KiB below the end of RAM and names it only in a DTB it
 * generates itself; the 2024 Sail model loads ELF files only. With an image DTB the runner names
 * the bundle there, at the described address, and Sail gets the bundle as an extra ELF at that
 * address, in the manifest's kernel slot (Sail loads every ELF after the first and runs none of
 * them; the Sail images carry firmware and payload in one ELF, so the slot is free). */
#include "guest_delivery.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bundle_write.h"
#include "dtb.h"
#include "elf_wrap.h"
#include "emulators.h"
#include "tempfile.h"

int guest_deliver(const struct hext_args *a, const struct emulator *emu, const char *dtb,
                  const char *defect, struct guest_delivery *d, char *err, size_t errlen)
{
    memset(d, 0, sizeof(*d));
    enum initrd_loading how = emu->initrd;
    if (how == INITRD_NONE) {
        snprintf(err, errlen,
                 "--guest: no known way to hand a guest to %s (%s has no "
                 "'initrd-loading' line)",
                 emu->name, emu->file);
        return -1;
    }
    if (how == INITRD_ELF_ONLY && !dtb) {
        snprintf(err, errlen, "--guest on %s needs an image with a dtb to name the bundle in",
                 emu->name);
        return -1;
    }
    uint8_t *b;
    size_t size;
    if (bundle_build(a->guests, a->n_guests, defect, &b, &size, err, errlen))
        return -1;
    int rc = temp_write("hext-guest-", b, size, d->bundle, sizeof(d->bundle), err, errlen);
    d->file = d->bundle;
    d->key = KEY_INITRD;
    uint64_t start = 0;
    if (!rc && dtb && how != INITRD_NAMED)
        rc = dtb_write_initrd(dtb, size, emu->initrd_gap, d->dtb, sizeof(d->dtb), &start, err,
                              errlen);
    if (!rc && how == INITRD_ELF_ONLY) {
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
