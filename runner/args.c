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
    OPT_GUEST,
    OPT_GUEST_INITRD,
    OPT_GUEST_APPEND,
    OPT_EXPECT,
    OPT_FAIL,
    OPT_INPUT,
    OPT_INTERACTIVE,
};

struct opt {
    const char *name;
    bool has_value;
    bool in_list;    /* also allowed for `hext list` */
    bool repeatable; /* each use adds a value instead of being an error */
};

static const struct opt opts[] = {
        [OPT_EMU] = {"--emu", true, false, false},
        [OPT_PLATFORM] = {"--platform", true, false, false},
        [OPT_TIMEOUT] = {"--timeout", true, false, false},
        [OPT_LOG] = {"--log", true, false, false},
        [OPT_QUIET] = {"--quiet", false, false, false},
        [OPT_APPEND] = {"--append", true, false, false},
        [OPT_IMAGES] = {"--images", true, true, false},
        [OPT_HARTS] = {"--harts", true, false, false},
        [OPT_EMU_ARG] = {"--emu-arg", true, false, true},
        [OPT_GUEST] = {"--guest", true, false, false},
        [OPT_GUEST_INITRD] = {"--guest-initrd", true, false, false},
        [OPT_GUEST_APPEND] = {"--guest-append", true, false, false},
        [OPT_EXPECT] = {"--expect", true, false, true},
        [OPT_FAIL] = {"--fail", true, false, true},
        [OPT_INPUT] = {"--input", true, false, false},
        [OPT_INTERACTIVE] = {"--interactive", false, false, false},
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
static int parse_harts(const char *s, unsigned *out)
{
    unsigned v = 0;
    if (!*s)
        return -1;
    for (; *s; s++) {
        if (*s < '0' || *s > '9' || v > ARGS_MAX_HARTS)
            return -1;
        v = v * 10 + (unsigned)(*s - '0');
    }
    if (v < 1 || v > ARGS_MAX_HARTS)
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
        a->emu = value;
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
        if (parse_harts(value, &a->harts)) {
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
        a->guest = value;
        break;
    case OPT_GUEST_INITRD:
        a->guest_initrd = value;
        break;
    case OPT_GUEST_APPEND:
        a->guest_append = value;
        break;
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
    } else {
        snprintf(err, errlen, "unknown command '%s' (commands: run, list, help)", cmd);
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
            if (a->command == CMD_LIST || a->target) {
                snprintf(err, errlen, "unexpected argument '%s'", w);
                return -1;
            }
            a->target = w;
            continue;
        }
        size_t name_len;
        int id = find_opt(w, &name_len);
        if (id < 0 || (a->command == CMD_LIST && !opts[id].in_list)) {
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
    if ((a->guest_initrd || a->guest_append) && !a->guest) {
        snprintf(err, errlen, "--guest-initrd and --guest-append need --guest IMAGE");
        return -1;
    }
    if (a->input && a->interactive) {
        snprintf(err, errlen, "--input and --interactive both want the console's input");
        return -1;
    }
    return 0;
}
