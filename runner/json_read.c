/* Recursive descent over RFC 8259 JSON. \u escapes become UTF-8 (surrogate pairs joined). */
#include "json_read.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 64

struct reader {
    const char *start, *s;
    char *err;
    size_t errlen;
    int failed;
};

static struct json *fail(struct reader *r, const char *msg)
{
    if (!r->failed)
        snprintf(r->err, r->errlen, "at byte %ld: %s", (long)(r->s - r->start), msg);
    r->failed = 1;
    return NULL;
}

static void skip_ws(struct reader *r)
{
    while (*r->s == ' ' || *r->s == '\t' || *r->s == '\n' || *r->s == '\r')
        r->s++;
}

static struct json *node(enum json_type t)
{
    struct json *j = calloc(1, sizeof(*j));
    if (j)
        j->type = t;
    return j;
}

static int hex4(const char *s, unsigned *out)
{
    *out = 0;
    for (int i = 0; i < 4; i++) {
        char c = s[i];
        int v = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
        if (v < 0)
            return -1;
        *out = *out * 16 + (unsigned)v;
    }
    return 0;
}

static size_t put_utf8(char *o, unsigned cp)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xc0 | cp >> 6);
        o[1] = (char)(0x80 | (cp & 0x3f));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xe0 | cp >> 12);
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
        o[2] = (char)(0x80 | (cp & 0x3f));
        return 3;
    }
    o[0] = (char)(0xf0 | cp >> 18);
    o[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
    o[3] = (char)(0x80 | (cp & 0x3f));
    return 4;
}

static int escape(struct reader *r, char *out, size_t *o)
{
    static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
    const char *hit = strchr(from, *r->s);
    if (*r->s && hit) {
        out[(*o)++] = to[hit - from];
        r->s++;
        return 0;
    }
    unsigned cp, lo;
    if (*r->s != 'u' || hex4(r->s + 1, &cp))
        return fail(r, "bad escape"), -1;
    r->s += 5;
    if (cp >= 0xd800 && cp < 0xdc00 && r->s[0] == '\\' && r->s[1] == 'u' && !hex4(r->s + 2, &lo) &&
        lo >= 0xdc00 && lo < 0xe000) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
        r->s += 6;
    }
    *o += put_utf8(out + *o, cp);
    return 0;
}

static char *string(struct reader *r)
{
    const char *end = ++r->s;
    while (*end && *end != '"')
        end += end[0] == '\\' && end[1] ? 2 : 1;
    char *out = malloc((size_t)(end - r->s) * 2 + 1);
    size_t o = 0;
    while (out && *r->s != '"') {
        unsigned char c = (unsigned char)*r->s;
        if (!c || c < 0x20) {
            free(out);
            return fail(r, c ? "control character in string" : "unterminated string"), NULL;
        }
        if (c == '\\') {
            r->s++;
            if (escape(r, out, &o)) {
                free(out);
                return NULL;
            }
            continue;
        }
        out[o++] = (char)c;
        r->s++;
    }
    if (!out)
        return fail(r, "out of memory"), NULL;
    out[o] = '\0';
    r->s++;
    return out;
}

static struct json *value(struct reader *r, int depth);

static int add(struct json *parent, struct json *child)
{
    struct json **grown = realloc(parent->items, (parent->n + 1) * sizeof(*grown));
    if (!grown)
        return -1;
    parent->items = grown;
    parent->items[parent->n++] = child;
    return 0;
}

static struct json *container(struct reader *r, int depth, int object)
{
    struct json *j = node(object ? JSON_OBJECT : JSON_ARRAY);
    char close = object ? '}' : ']';
    if (!j)
        return fail(r, "out of memory");
    r->s++;
    skip_ws(r);
    if (*r->s == close) {
        r->s++;
        return j;
    }
    for (;;) {
        char *key = NULL;
        skip_ws(r);
        if (object) {
            if (*r->s != '"' || !(key = string(r)))
                break;
            skip_ws(r);
            if (*r->s != ':') {
                free(key);
                break;
            }
            r->s++;
        }
        struct json *child = value(r, depth + 1);
        if (!child || add(j, child)) {
            free(key);
            json_free(child);
            break;
        }
        child->key = key;
        skip_ws(r);
        if (*r->s == ',') {
            r->s++;
            continue;
        }
        if (*r->s == close) {
            r->s++;
            return j;
        }
        break;
    }
    json_free(j);
    return fail(r, object ? "expected a member, ',' or '}'" : "expected a value, ',' or ']'");
}

static struct json *literal(struct reader *r, const char *word, enum json_type t, int b)
{
    size_t n = strlen(word);
    if (strncmp(r->s, word, n) != 0)
        return fail(r, "unexpected character");
    r->s += n;
    struct json *j = node(t);
    if (j)
        j->boolean = b;
    return j;
}

static struct json *value(struct reader *r, int depth)
{
    skip_ws(r);
    if (depth > MAX_DEPTH)
        return fail(r, "nested too deeply");
    switch (*r->s) {
    case '{':
        return container(r, depth, 1);
    case '[':
        return container(r, depth, 0);
    case '"': {
        char *s = string(r);
        struct json *j = s ? node(JSON_STRING) : NULL;
        if (j)
            j->string = s;
        else
            free(s);
        return j;
    }
    case 't':
        return literal(r, "true", JSON_BOOL, 1);
    case 'f':
        return literal(r, "false", JSON_BOOL, 0);
    case 'n':
        return literal(r, "null", JSON_NULL, 0);
    default: {
        char *end;
        double v = strtod(r->s, &end);
        if (end == r->s || !(*r->s == '-' || (*r->s >= '0' && *r->s <= '9')))
            return fail(r, "unexpected character");
        r->s = end;
        struct json *j = node(JSON_NUMBER);
        if (j)
            j->number = v;
        return j;
    }
    }
}

struct json *json_parse(const char *text, char *err, size_t errlen)
{
    struct reader r = {.start = text, .s = text, .err = err, .errlen = errlen};
    struct json *j = value(&r, 0);
    skip_ws(&r);
    if (j && *r.s) {
        json_free(j);
        return fail(&r, "text after the value");
    }
    return j;
}

void json_free(struct json *j)
{
    if (!j)
        return;
    for (size_t i = 0; i < j->n; i++)
        json_free(j->items[i]);
    free(j->items);
    free(j->string);
    free(j->key);
    free(j);
}

const struct json *json_get(const struct json *obj, const char *key)
{
    for (size_t i = 0; obj && obj->type == JSON_OBJECT && i < obj->n; i++) {
        if (strcmp(obj->items[i]->key, key) == 0)
            return obj->items[i];
    }
    return NULL;
}

const char *json_get_string(const struct json *obj, const char *key)
{
    const struct json *v = json_get(obj, key);
    return v && v->type == JSON_STRING ? v->string : NULL;
}
