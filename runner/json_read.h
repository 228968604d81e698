/* A small JSON reader for baselines (a previous `hext matrix --json`). Pure. */
#ifndef HEXT_RUNNER_JSON_READ_H
#define HEXT_RUNNER_JSON_READ_H

#include <stddef.h>

enum json_type { JSON_NULL, JSON_BOOL, JSON_NUMBER, JSON_STRING, JSON_ARRAY, JSON_OBJECT };

struct json {
    enum json_type type;
    double number;
    int boolean;
    char *string;        /* JSON_STRING: decoded text */
    char *key;           /* member name when inside an object */
    struct json **items; /* array elements or object members */
    size_t n;
};

/* NULL on error, with "at byte N: message" in err. */
struct json *json_parse(const char *text, char *err, size_t errlen);
void json_free(struct json *j);
/* Member of an object by name, or NULL. */
const struct json *json_get(const struct json *obj, const char *key);
/* The member's string, or NULL when absent or not a string. */
const char *json_get_string(const struct json *obj, const char *key);

#endif
