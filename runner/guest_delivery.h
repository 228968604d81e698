/* `hext run hyp --guest IMAGE`: the bundle goes to the emulator as the host's initrd, in the
 * way that emulator loads one, and the host DTB names it (/chosen linux,initrd-start/end). */
#ifndef HEXT_RUNNER_GUEST_DELIVERY_H
#define HEXT_RUNNER_GUEST_DELIVERY_H

#include <stddef.h>

#include "args.h"
#include "manifest.h"

struct emulator;

struct guest_delivery {
    char bundle[4096]; /* temporary files, "" when not made; guest_delivery_remove() */
    char elf[4096];
    char dtb[4096];
    const char *file;      /* what the emulator gets: bundle or elf */
    enum manifest_key key; /* as which manifest key: initrd, or (Sail) kernel, a loaded ELF */
};

/* Writes the bundle for a->guest and whatever the emulator needs besides. dtb: the image's
 * DTB (already patched for --append) or NULL; with one, d->dtb is a copy naming the bundle.
 * defect: NULL or a test-only bundle defect. Returns 0, or -1 with a message in err. */
int guest_deliver(const struct hext_args *a, const struct emulator *emu, const char *dtb,
                  const char *defect, struct guest_delivery *d, char *err, size_t errlen);
void guest_delivery_remove(struct guest_delivery *d);

#endif
