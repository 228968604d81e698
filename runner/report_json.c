/* JSON report. Console text is not always UTF-8: bytes outside ASCII are written as \u00XX
 * (read as Latin-1), so the file is valid JSON whatever the emulator printed. */
#include <stdio.h>
#include <stdlib.h>

#include "matrix_reports.h"

static void str(FILE *out, const char *s)
{
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(out, "\\%c", *p);
        else if (*p == '\n')
            fputs("\\n", out);
        else if (*p < 0x20 || *p >= 0x7f)
            fprintf(out, "\\u%04x", *p);
        else
            fputc(*p, out);
    }
    fputc('"', out);
}

static void field(FILE *out, const char *name, const char *value, int comma)
{
    fprintf(out, "      \"%s\": ", name);
    str(out, value);
    fputs(comma ? ",\n" : "\n", out);
}

static void checks(FILE *out, const struct cell *c)
{
    static const char *const result[] = {"ok", "not ok", "skip"};
    fputs("      \"checks\": [", out);
    for (size_t i = 0; i < c->checks.n; i++) {
        const struct check *k = &c->checks.v[i];
        fputs(i ? ",\n        {\"name\": " : "\n        {\"name\": ", out);
        str(out, k->name);
        fprintf(out, ", \"result\": \"%s\", \"known\": %s, \"detail\": ", result[k->result],
                k->known ? "true" : "false");
        str(out, k->detail);
        fputs(", \"rule\": ", out);
        if (k->rule)
            str(out, k->rule);
        else
            fputs("null", out);
        fputc('}', out);
    }
    fputs(c->checks.n ? "\n      ]\n" : "]\n", out);
}

static void cell(FILE *out, const struct cell *c)
{
    char summary[128];
    cell_summary(c, summary, sizeof(summary));
    fputs("    {\n", out);
    field(out, "target", c->row->target, 1);
    field(out, "config", c->row->config, 1);
    field(out, "label", c->row->label, 1);
    field(out, "emulator", c->emu, 1);
    field(out, "emulator_version", c->emu_version, 1);
    field(out, "emulator_binary", c->emu_binary, 1);
    field(out, "platform", c->row->platform, 1);
    field(out, "command", c->command, 1);
    field(out, "verdict", cell_verdict_name(c->verdict), 1);
    field(out, "summary", summary, 1);
    field(out, "detail", c->detail, 1);
    field(out, "log", c->log, 1);
    fprintf(out, "      \"exit_status\": %d,\n      \"wall_s\": %.3f,\n", c->exit_status,
            c->wall_s);
    if (c->instructions >= 0)
        fprintf(out, "      \"instructions\": %lld,\n", c->instructions);
    else
        fputs("      \"instructions\": null,\n", out);
    if (c->clock[0])
        fprintf(out, "      \"guest_clock_s\": %.9g,\n", strtod(c->clock, NULL));
    else
        fputs("      \"guest_clock_s\": null,\n", out);
    fprintf(out, "      \"failed\": %d,\n      \"known_failures\": %d,\n", c->n_failed, c->n_known);
    checks(out, c);
    fputs("    }", out);
}

void report_json_write(FILE *out, const struct matrix *m)
{
    fputs("{\n  \"format\": \"hext-matrix-1\",\n  \"cells\": [\n", out);
    for (size_t i = 0; i < m->n_cells; i++) {
        cell(out, &m->cells[i]);
        fputs(i + 1 < m->n_cells ? ",\n" : "\n", out);
    }
    fputs("  ]\n}\n", out);
}
