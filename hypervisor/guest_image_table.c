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
