/* Markdown report: the table (GitHub-flavoured), failed logs and baseline changes. A '|' in a
 * cell would end it, so it is escaped. */
#include <stdio.h>
#include <string.h>

#include "matrix_reports.h"
#include "matrix_table.h"

static void cell_out(FILE *out, const char *s)
{
    fputc(' ', out);
    for (; *s; s++) {
        if (*s == '|')
            fputs("\\|", out);
        else if (*s != '\n')
            fputc(*s, out);
    }
    fputs(" |", out);
}

void report_markdown_write(FILE *out, const struct matrix *m)
{
    const char *labels[256];
    size_t nl = matrix_labels(m, labels, 256);
    char text[192];
    fputs("## hext matrix\n\n| target |", out);
    for (size_t e = 0; e < m->n_emus; e++)
        cell_out(out, m->emus[e]);
    fputs("\n|---|", out);
    for (size_t e = 0; e < m->n_emus; e++)
        fputs("---|", out);
    fputc('\n', out);
    for (size_t i = 0; i < nl; i++) {
        fputc('|', out);
        cell_out(out, labels[i]);
        for (size_t e = 0; e < m->n_emus; e++) {
            const struct cell *c = matrix_cell_at(m, labels[i], m->emus[e]);
            if (c)
                cell_text(c, text, sizeof(text));
            cell_out(out, c ? text : "-");
        }
        fputc('\n', out);
    }
    fputc('\n', out);
    for (size_t e = 0; e < m->n_emus; e++) {
        if (m->skip_reason[e])
            fprintf(out, "- %s: %s\n", m->emus[e], m->skip_reason[e]);
    }
    matrix_failed_logs_print(out, m, "- ");
    matrix_changes_print(out, m, "- ");
}
