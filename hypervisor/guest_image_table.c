/* The built-in guest images (see guest_images.h for adding one). */
#include "guest_images.h"

#include "string.h"

const struct guest_image guest_image_table[] = {
        {
                .name = "linux",
                .blob = guest_pristine,
                .blob_end = guest_pristine_end,
                .initrd = guest_pristine_initrd,
                .initrd_end = guest_pristine_end,
                .cmdline = guest_cmdline,
                .in_place = guest_image,
        },
        {
                /* hypervisor/hostile/: random SBI calls, device accesses, CSRs, H instructions,
                 * each checked against the specs; no command line but hext.seed. */
                .name = "hostile",
                .blob = hostile_image,
                .blob_end = hostile_image_end,
                .initrd = hostile_image_end,
                .initrd_end = hostile_image_end,
        },
};

const unsigned guest_image_count = sizeof(guest_image_table) / sizeof(guest_image_table[0]);

const struct guest_image *guest_image_find(const char *name)
{
    if (!name[0])
        return &guest_image_table[0];
    for (unsigned i = 0; i < guest_image_count; i++)
        if (strcmp(guest_image_table[i].name, name) == 0)
            return &guest_image_table[i];
    return 0;
}
