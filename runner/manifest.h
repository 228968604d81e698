/* Image manifests: `key = value` lines naming what an emulator boots (see README.md). */
#ifndef HEXT_RUNNER_MANIFEST_H
#define HEXT_RUNNER_MANIFEST_H

#include <stddef.h>

enum manifest_key {
    KEY_FIRMWARE,
    KEY_KERNEL,
    KEY_INITRD,
    KEY_APPEND,
    KEY_DTB,
    KEY_RAM_MB,
    KEY_HARTS,
    KEY_VERDICT_FROM, /* for the runner, not the emulator: see verdict.h */
    KEY_COUNT
};

#define MANIFEST_DEFAULT_RAM_MB 256
#define MANIFEST_DEFAULT_HARTS  1

struct manifest {
    /* NULL when absent. File keys hold paths already joined to the manifest's directory. */
    char *value[KEY_COUNT];
    int line[KEY_COUNT]; /* where each key was given, 0 if absent */
    unsigned ram_mb;
    unsigned harts;
};

const char *manifest_key_name(enum manifest_key key);
int manifest_key_is_file(enum manifest_key key);
/* Keys the runner itself reads; no emulator takes them. */
int manifest_key_is_runners(enum manifest_key key);

/* Parses manifest text; `path` names it in messages and anchors relative paths. */
int manifest_parse(const char *text, const char *path, struct manifest *m, char *err,
                   size_t errlen);
int manifest_load(const char *path, struct manifest *m, char *err, size_t errlen);
void manifest_free(struct manifest *m);

#endif
