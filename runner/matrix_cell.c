/* How a cell's result reads: its verdict word and its one-cell summary. */
#include <stdio.h>

#include "matrix.h"

static const char *const names[V_COUNT] = {
        [V_PASS] = "PASS",       [V_KNOWN] = "KNOWN-FAILURES", [V_FAIL] = "FAIL",
        [V_TIMEOUT] = "TIMEOUT", [V_CRASH] = "CRASH",          [V_SETUP] = "SETUP-ERROR",
        [V_SKIP] = "SKIP",
};

const char *cell_verdict_name(enum cell_verdict v)
{
    return v < V_COUNT ? names[v] : "?";
}

int cell_verdict_passes(enum cell_verdict v)
{
    return v == V_PASS || v == V_KNOWN || v == V_SKIP;
}

void cell_summary(const struct cell *c, char *out, size_t len)
{
    switch (c->verdict) {
    case V_KNOWN:
        snprintf(out, len, "PASS (%d known)", c->n_known);
        break;
    case V_FAIL:
        if (c->n_failed > 0)
            snprintf(out, len, "FAIL (%d failed)", c->n_failed);
        else
            snprintf(out, len, "FAIL");
        break;
    case V_SKIP:
        snprintf(out, len, "SKIP (%s)", c->detail);
        break;
    default:
        snprintf(out, len, "%s", names[c->verdict]);
    }
}

void cell_text(const struct cell *c, char *out, size_t len)
{
    char summary[128];
    cell_summary(c, summary, sizeof(summary));
    if (c->verdict == V_SKIP || c->exit_status < 0) {
        snprintf(out, len, "%s", summary);
        return;
    }
    int n = snprintf(out, len, "%s %.1fs", summary, c->wall_s);
    if (c->instructions >= 1000000 && n > 0 && (size_t)n < len)
        n += snprintf(out + n, len - (size_t)n, " %.1fM", (double)c->instructions / 1e6);
    else if (c->instructions >= 0 && n > 0 && (size_t)n < len)
        n += snprintf(out + n, len - (size_t)n, " %.1fk", (double)c->instructions / 1e3);
    if (c->change != CHANGE_NONE && n > 0 && (size_t)n < len)
        snprintf(out + n, len - (size_t)n, " %s %s",
                 c->change == CHANGE_REGRESSION ? "!was" : "+was", c->was);
}
