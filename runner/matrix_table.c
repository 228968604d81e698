/* Table rendering. Cells not in the target list show "-". */
#include "matrix_table.h"

#include <string.h>

#include "baseline.h"

#define MAX_LABELS 256
#define CELL_TEXT  192

size_t matrix_labels(const struct matrix *m, const char **labels, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < m->n_cells; i++) {
        size_t j = 0;
        while (j < n && strcmp(labels[j], m->cells[i].row->label) != 0)
            j++;
        if (j == n && n < max)
            labels[n++] = m->cells[i].row->label;
    }
    return n;
}

const struct cell *matrix_cell_at(const struct matrix *m, const char *label, const char *emu)
{
    for (size_t i = 0; i < m->n_cells; i++) {
        if (strcmp(m->cells[i].row->label, label) == 0 && strcmp(m->cells[i].emu, emu) == 0)
            return &m->cells[i];
    }
    return NULL;
}

static void text_at(const struct matrix *m, const char *label, const char *emu, char *out)
{
    const struct cell *c = matrix_cell_at(m, label, emu);
    if (c)
        cell_text(c, out, CELL_TEXT);
    else
        snprintf(out, CELL_TEXT, "-");
}

void matrix_table_print(FILE *out, const struct matrix *m)
{
    const char *labels[MAX_LABELS];
    size_t nl = matrix_labels(m, labels, MAX_LABELS);
    int w0 = (int)strlen("target"), w[16];
    char text[CELL_TEXT];
    for (size_t i = 0; i < nl; i++)
        w0 = (int)strlen(labels[i]) > w0 ? (int)strlen(labels[i]) : w0;
    for (size_t e = 0; e < m->n_emus; e++) {
        w[e] = (int)strlen(m->emus[e]);
        for (size_t i = 0; i < nl; i++) {
            text_at(m, labels[i], m->emus[e], text);
            w[e] = (int)strlen(text) > w[e] ? (int)strlen(text) : w[e];
        }
    }
    fprintf(out, "%-*s", w0, "target");
    for (size_t e = 0; e < m->n_emus; e++)
        fprintf(out, "  %-*s", e + 1 < m->n_emus ? w[e] : 0, m->emus[e]);
    fputc('\n', out);
    for (size_t i = 0; i < nl; i++) {
        fprintf(out, "%-*s", w0, labels[i]);
        for (size_t e = 0; e < m->n_emus; e++) {
            text_at(m, labels[i], m->emus[e], text);
            fprintf(out, "  %-*s", e + 1 < m->n_emus ? w[e] : 0, text);
        }
        fputc('\n', out);
    }
    for (size_t e = 0; e < m->n_emus; e++) {
        if (m->skip_reason[e])
            fprintf(out, "%s: %s\n", m->emus[e], m->skip_reason[e]);
    }
    matrix_failed_logs_print(out, m, "");
    matrix_changes_print(out, m, "");
}

void matrix_failed_logs_print(FILE *out, const struct matrix *m, const char *prefix)
{
    char summary[128];
    for (size_t i = 0; i < m->n_cells; i++) {
        const struct cell *c = &m->cells[i];
        if (cell_verdict_passes(c->verdict))
            continue;
        cell_summary(c, summary, sizeof(summary));
        /* The runner's detail often starts with the verdict word already. */
        const char *word = cell_verdict_name(c->verdict);
        int repeats = strncmp(c->detail, word, strlen(word)) == 0;
        fprintf(out, "%sfailed: %s on %s: %s%s%s (%s%s)\n", prefix, c->row->label, c->emu,
                repeats ? "" : summary, repeats || !c->detail[0] ? "" : ": ", c->detail,
                c->log[0] ? "log: " : "no log", c->log);
    }
}

void matrix_changes_print(FILE *out, const struct matrix *m, const char *prefix)
{
    if (!m->changes)
        return;
    size_t fixes = 0;
    for (size_t i = 0; i < m->changes->n; i++)
        fixes += !m->changes->v[i].regression;
    fprintf(out, "%schanges since %s: %zu new failures, %zu fixes\n", prefix, m->baseline_path,
            m->changes->n_regressions, fixes);
    for (size_t i = 0; i < m->changes->n; i++) {
        const struct change *ch = &m->changes->v[i];
        const char *kind = !ch->regression ? "fixed"
                           : ch->known     ? "new known failure"
                                           : "NEW FAILURE";
        fprintf(out, "%s  %s: %s on %s%s%s: %s -> %s\n", prefix, kind, ch->cell->row->label,
                ch->cell->emu, ch->check ? ", check " : "", ch->check ? ch->check : "", ch->before,
                ch->after);
    }
}
