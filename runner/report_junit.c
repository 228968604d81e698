/* JUnit XML: a testsuite per emulator, a testcase per cell, and for the suite one testcase per
 * check (classname <emu>.<target>.<area>). Known deviations are <skipped>, not failures: the
 * run tolerates them, and the message says which rule the emulator breaks. */
#include <stdio.h>
#include <string.h>

#include "matrix_reports.h"

/* XML 1.0 allows no control characters but tab and newline, not even as references. */
static void text(FILE *out, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        switch (*p) {
        case '<':
            fputs("&lt;", out);
            break;
        case '>':
            fputs("&gt;", out);
            break;
        case '&':
            fputs("&amp;", out);
            break;
        case '"':
            fputs("&quot;", out);
            break;
        default:
            if (*p >= 0x80)
                fprintf(out, "&#x%x;", *p);
            else if (*p < 0x20 && *p != '\t' && *p != '\n')
                fputc('?', out);
            else
                fputc(*p, out);
        }
    }
}

static void check_case(FILE *out, const struct cell *c, const struct check *k)
{
    const char *colon = strchr(k->name, ':');
    size_t area = colon ? (size_t)(colon - k->name) : 0;
    fprintf(out, "    <testcase classname=\"");
    text(out, c->emu);
    fputc('.', out);
    text(out, c->row->label);
    fprintf(out, ".%.*s\" name=\"", (int)area, k->name);
    text(out, colon ? colon + 2 : k->name);
    fputs("\">", out);
    if (k->result == CHECK_FAIL) {
        fputs(k->known ? "<skipped message=\"known emulator deviation: " : "<failure message=\"",
              out);
        text(out, k->detail);
        fputs("\">", out);
        fputs("rule: ", out);
        text(out, k->rule ? k->rule : "see the check in the suite's area source");
        fputs(k->known ? "</skipped>" : "</failure>", out);
    } else if (k->result == CHECK_SKIP) {
        fputs("<skipped message=\"", out);
        text(out, k->detail);
        fputs("\"/>", out);
    }
    fputs("</testcase>\n", out);
}

static void cell_case(FILE *out, const struct cell *c)
{
    char summary[128];
    cell_summary(c, summary, sizeof(summary));
    fputs("    <testcase classname=\"", out);
    text(out, c->emu);
    fputs("\" name=\"", out);
    text(out, c->row->label);
    fprintf(out, "\" time=\"%.3f\">", c->wall_s);
    if (c->verdict == V_SKIP) {
        fputs("<skipped message=\"", out);
        text(out, c->detail);
        fputs("\"/>", out);
    } else if (!cell_verdict_passes(c->verdict)) {
        fputs("<failure message=\"", out);
        text(out, summary);
        fputs("\">", out);
        text(out, c->detail);
        fputs("\nlog: ", out);
        text(out, c->log);
        fputs("</failure>", out);
    }
    fputs("<system-out>", out);
    text(out, c->command);
    fputs("</system-out></testcase>\n", out);
}

static void counts(const struct matrix *m, const char *emu, int *tests, int *failures, int *skipped)
{
    *tests = *failures = *skipped = 0;
    for (size_t i = 0; i < m->n_cells; i++) {
        const struct cell *c = &m->cells[i];
        if (emu && strcmp(c->emu, emu) != 0)
            continue;
        *tests += 1 + (int)c->checks.n;
        *failures += !cell_verdict_passes(c->verdict);
        *skipped += c->verdict == V_SKIP;
        for (size_t k = 0; k < c->checks.n; k++) {
            const struct check *ch = &c->checks.v[k];
            *failures += ch->result == CHECK_FAIL && !ch->known;
            *skipped += ch->result == CHECK_SKIP || (ch->result == CHECK_FAIL && ch->known);
        }
    }
}

void report_junit_write(FILE *out, const struct matrix *m)
{
    int t, f, s;
    counts(m, NULL, &t, &f, &s);
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", out);
    fprintf(out, "<testsuites name=\"hext matrix\" tests=\"%d\" failures=\"%d\" skipped=\"%d\">\n",
            t, f, s);
    for (size_t e = 0; e < m->n_emus; e++) {
        counts(m, m->emus[e], &t, &f, &s);
        fputs("  <testsuite name=\"", out);
        text(out, m->emus[e]);
        fprintf(out, "\" tests=\"%d\" failures=\"%d\" skipped=\"%d\">\n", t, f, s);
        for (size_t i = 0; i < m->n_cells; i++) {
            const struct cell *c = &m->cells[i];
            if (strcmp(c->emu, m->emus[e]) != 0)
                continue;
            cell_case(out, c);
            for (size_t k = 0; k < c->checks.n; k++)
                check_case(out, c, &c->checks.v[k]);
        }
        fputs("  </testsuite>\n", out);
    }
    fputs("</testsuites>\n", out);
}
