/* Options take their value as the next word or after '=' (`--timeout 5`, `--timeout=5`),
 * and may come before or after TARGET. */
#include "args.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum opt_id {
    OPT_EMU,
    OPT_PLATFORM,
    OPT_TIMEOUT,
    OPT_LOG,
    OPT_QUIET,
    OPT_APPEND,
    OPT_IMAGES,
    OPT_HARTS,
    OPT_EMU_ARG,
    OPT_TARGET,
    OPT_JOBS,
    OPT_BASELINE,
    OPT_FAIL_ON,
    OPT_JUNIT,
    OPT_JSON,
    OPT_MARKDOWN,
    OPT_ROWS,
    OPT_LOGS,
    OPT_COUNT,
    OPT_GUEST,
    OPT_GUEST_INITRD,
    OPT_GUEST_APPEND,
    OPT_EXPECT,
    OPT_FAIL,
    OPT_INPUT,
    OPT_INTERACTIVE,
};

/* Which commands take an option. */
#define FOR_RUN    (1u << CMD_RUN)
#define FOR_LIST   (1u << CMD_LIST)
#define FOR_MATRIX (1u << CMD_MATRIX)

struct opt {
    const char *name;
    bool has_value;
    unsigned commands;
    bool repeatable; /* each use adds a value instead of being an error */
};

static const struct opt opts[] = {
        [OPT_EMU] = {"--emu", true, FOR_RUN | FOR_MATRIX, false},
        [OPT_PLATFORM] = {"--platform", true, FOR_RUN, false},
        [OPT_TIMEOUT] = {"--timeout", true, FOR_RUN | FOR_MATRIX, false},
        [OPT_LOG] = {"--log", true, FOR_RUN, false},
        [OPT_QUIET] = {"--quiet", false, FOR_RUN, false},
        [OPT_APPEND] = {"--append", true, FOR_RUN, false},
        [OPT_IMAGES] = {"--images", true, FOR_RUN | FOR_LIST | FOR_MATRIX, false},
        [OPT_HARTS] = {"--harts", true, FOR_RUN, false},
        [OPT_EMU_ARG] = {"--emu-arg", true, FOR_RUN, true},
        [OPT_TARGET] = {"--target", true, FOR_MATRIX, false},
        [OPT_JOBS] = {"--jobs", true, FOR_MATRIX, false},
        [OPT_BASELINE] = {"--baseline", true, FOR_MATRIX, false},
        [OPT_FAIL_ON] = {"--fail-on", true, FOR_MATRIX, false},
        [OPT_JUNIT] = {"--junit", true, FOR_MATRIX, false},
        [OPT_JSON] = {"--json", true, FOR_MATRIX, false},
        [OPT_MARKDOWN] = {"--markdown", true, FOR_MATRIX, false},
        [OPT_ROWS] = {"--rows", true, FOR_MATRIX, false},
        [OPT_LOGS] = {"--logs", true, FOR_MATRIX, false},
        [OPT_COUNT] = {"--count", false, FOR_MATRIX, false},
        [OPT_GUEST] = {"--guest", true, FOR_RUN, true},
        [OPT_GUEST_INITRD] = {"--guest-initrd", true, FOR_RUN, true},
        [OPT_GUEST_APPEND] = {"--guest-append", true, FOR_RUN, true},
        [OPT_EXPECT] = {"--expect", true, FOR_RUN, true},
        [OPT_FAIL] = {"--fail", true, FOR_RUN, true},
        [OPT_INPUT] = {"--input", true, FOR_RUN, false},
        [OPT_INTERACTIVE] = {"--interactive", false, FOR_RUN, false},
};

#define N_OPTS (sizeof(opts) / sizeof(opts[0]))

static int parse_timeout(const char *s, double *out)
{
    char *end;
    double v = strtod(s, &end);
    if (end == s || *end != '\0' || !isfinite(v) || v <= 0 || v > 1e6)
        return -1;
    *out = v;
    return 0;
}

/* Plain decimal digits only: "+2", " 2", "0x2" and "2.0" are mistakes, not counts. */
static int parse_count(const char *s, unsigned max, unsigned *out)
{
    unsigned v = 0;
    if (!*s)
        return -1;
    for (; *s; s++) {
        if (*s < '0' || *s > '9' || v > max)
            return -1;
        v = v * 10 + (unsigned)(*s - '0');
    }
    if (v < 1 || v > max)
        return -1;
    *out = v;
    return 0;
}

static int find_opt(const char *word, size_t *name_len)
{
    for (size_t i = 0; i < N_OPTS; i++) {
        size_t n = strlen(opts[i].name);
        if (strncmp(word, opts[i].name, n) == 0 && (word[n] == '\0' || word[n] == '=')) {
            *name_len = n;
            return (int)i;
        }
    }
    return -1;
}

static int store(struct hext_args *a, int id, const char *value, bool *given, char *err,
                 size_t errlen)
{
    if (given[id] && !opts[id].repeatable) {
        snprintf(err, errlen, "option %s given twice", opts[id].name);
        return -1;
    }
    given[id] = true;
    switch (id) {
    case OPT_EMU:
        *(a->command == CMD_MATRIX ? &a->emus : &a->emu) = value;
        break;
    case OPT_TARGET:
        a->targets = value;
        break;
    case OPT_JOBS:
        if (parse_count(value, ARGS_MAX_JOBS, &a->jobs)) {
            snprintf(err, errlen, "--jobs needs a whole number from 1 to %d, not '%s'",
                     ARGS_MAX_JOBS, value);
            return -1;
        }
        break;
    case OPT_BASELINE:
        a->baseline = value;
        break;
    case OPT_FAIL_ON:
        if (strcmp(value, "any") == 0) {
            a->fail_on = FAIL_ON_ANY;
        } else if (strcmp(value, "regressions") == 0) {
            a->fail_on = FAIL_ON_REGRESSIONS;
        } else {
            snprintf(err, errlen, "--fail-on takes 'any' or 'regressions', not '%s'", value);
            return -1;
        }
        break;
    case OPT_JUNIT:
        a->junit = value;
        break;
    case OPT_JSON:
        a->json = value;
        break;
    case OPT_MARKDOWN:
        a->markdown = value;
        break;
    case OPT_ROWS:
        a->rows = value;
        break;
    case OPT_LOGS:
        a->logs = value;
        break;
    case OPT_COUNT:
        a->count = true;
        break;
    case OPT_PLATFORM:
        a->platform = value;
        break;
    case OPT_TIMEOUT:
        if (parse_timeout(value, &a->timeout_s)) {
            snprintf(err, errlen, "--timeout needs a positive number of seconds, not '%s'", value);
            return -1;
        }
        break;
    case OPT_LOG:
        a->log_path = value;
        break;
    case OPT_QUIET:
        a->quiet = true;
        break;
    case OPT_APPEND:
        a->append = value;
        break;
    case OPT_IMAGES:
        a->images = value;
        break;
    case OPT_HARTS:
        if (parse_count(value, ARGS_MAX_HARTS, &a->harts)) {
            snprintf(err, errlen, "--harts needs a whole number from 1 to %d, not '%s'",
                     ARGS_MAX_HARTS, value);
            return -1;
        }
        break;
    case OPT_EMU_ARG:
        if (a->n_emu_args >= ARGS_MAX_EMU_ARGS) {
            snprintf(err, errlen, "at most %d --emu-arg words", ARGS_MAX_EMU_ARGS);
            return -1;
        }
        a->emu_args[a->n_emu_args++] = value;
        break;
    case OPT_GUEST:
        if (a->n_guests >= BUNDLE_MAX_GUESTS) {
            snprintf(err, errlen, "at most %d --guest images (the hypervisor runs 4 guests)",
                     BUNDLE_MAX_GUESTS);
            return -1;
        }
        a->guests[a->n_guests++].image = value;
        break;
    case OPT_GUEST_INITRD:
    case OPT_GUEST_APPEND: {
        const char *name = id == OPT_GUEST_INITRD ? "--guest-initrd" : "--guest-append";
        if (a->n_guests == 0) {
            snprintf(err, errlen, "%s belongs to a --guest IMAGE given before it", name);
            return -1;
        }
        struct bundle_spec *g = &a->guests[a->n_guests - 1];
        const char **slot = id == OPT_GUEST_INITRD ? &g->initrd : &g->cmdline;
        if (*slot) {
            snprintf(err, errlen, "%s given twice for guest %u (--guest %s)", name, a->n_guests - 1,
                     g->image);
            return -1;
        }
        *slot = value;
        break;
    }
    case OPT_EXPECT:
    case OPT_FAIL: {
        const char **list = id == OPT_EXPECT ? a->expect : a->fail;
        size_t *n = id == OPT_EXPECT ? &a->n_expect : &a->n_fail;
        if (*n >= ARGS_MAX_PATTERNS) {
            snprintf(err, errlen, "at most %d %s patterns", ARGS_MAX_PATTERNS, opts[id].name);
            return -1;
        }
        list[(*n)++] = value;
        break;
    }
    case OPT_INPUT:
        a->input = value;
        break;
    case OPT_INTERACTIVE:
        a->interactive = true;
        break;
    }
    if (opts[id].has_value && value[0] == '\0' && id != OPT_APPEND && id != OPT_GUEST_APPEND) {
        snprintf(err, errlen, "option %s needs a non-empty value", opts[id].name);
        return -1;
    }
    return 0;
}

static int is_help(const char *w)
{
    return strcmp(w, "--help") == 0 || strcmp(w, "-h") == 0 || strcmp(w, "help") == 0;
}

int args_parse(int argc, char *const argv[], struct hext_args *a, char *err, size_t errlen)
{
    memset(a, 0, sizeof(*a));
    if (argc < 2) {
        snprintf(err, errlen, "no command given (try 'hext --help')");
        return -1;
    }
    const char *cmd = argv[1];
    if (is_help(cmd)) {
        a->command = CMD_HELP;
        return 0;
    }
    if (strcmp(cmd, "run") == 0) {
        a->command = CMD_RUN;
    } else if (strcmp(cmd, "list") == 0) {
        a->command = CMD_LIST;
    } else if (strcmp(cmd, "matrix") == 0) {
        a->command = CMD_MATRIX;
    } else if (strcmp(cmd, "emulators") == 0) {
        a->command = CMD_EMULATORS;
    } else {
        snprintf(err, errlen, "unknown command '%s' (commands: run, matrix, list, emulators, help)",
                 cmd);
        return -1;
    }
    bool given[N_OPTS] = {false};
    bool options_done = false;
    for (int i = 2; i < argc; i++) {
        const char *w = argv[i];
        if (!options_done && strcmp(w, "--") == 0) {
            options_done = true;
            continue;
        }
        if (!options_done && is_help(w) && w[0] == '-') {
            a->command = CMD_HELP;
            return 0;
        }
        if (options_done || w[0] != '-' || w[1] == '\0') {
            if (a->command == CMD_LIST || a->command == CMD_MATRIX || a->target) {
                snprintf(err, errlen, "unexpected argument '%s'", w);
                return -1;
            }
            a->target = w;
            continue;
        }
        size_t name_len;
        int id = find_opt(w, &name_len);
        if (id < 0 || !(opts[id].commands & (1u << a->command))) {
            snprintf(err, errlen, "unknown option '%s' for 'hext %s' (try 'hext --help')", w, cmd);
            return -1;
        }
        const char *value = NULL;
        if (w[name_len] == '=') {
            if (!opts[id].has_value) {
                snprintf(err, errlen, "option %s takes no value", opts[id].name);
                return -1;
            }
            value = w + name_len + 1;
        } else if (opts[id].has_value) {
            if (i + 1 >= argc) {
                snprintf(err, errlen, "option %s needs a value", opts[id].name);
                return -1;
            }
            value = argv[++i];
        }
        if (store(a, id, value, given, err, errlen))
            return -1;
    }
    if (a->command == CMD_RUN && !a->target) {
        snprintf(err, errlen, "'hext run' needs a TARGET (a target name or a .conf manifest)");
        return -1;
    }
    if (a->input && a->interactive) {
        snprintf(err, errlen, "--input and --interactive both want the console's input");
        return -1;
    }
    return 0;
}
