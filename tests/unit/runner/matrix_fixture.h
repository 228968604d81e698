/* A small matrix for the table, writer and baseline tests: two rows on two emulators, a suite
 * cell with three checks (one ok, one known failure, one skip), a failed hyp cell, a skipped
 * column. Built from target-list text through the real parser. */
#ifndef HEXT_TESTS_MATRIX_FIXTURE_H
#define HEXT_TESTS_MATRIX_FIXTURE_H

#include <stdlib.h>
#include <string.h>

#include "matrix.h"

static const char fixture_rows[] = "suite qemu qemu\n"
                                   "hyp qemu qemu hext.gstage=sv48x4 ; G-stage\n"
                                   "suite spike spike\n";

static const char *fixture_own(const char *emu)
{
    return emu;
}

static char *fixture_dup(const char *s)
{
    return strdup(s);
}

/* Fills m (cells point into rows); free with fixture_free. */
static void fixture_build(struct matrix *m, struct matrix_rows *rows)
{
    char err[256];
    memset(m, 0, sizeof(*m));
    if (matrix_rows_parse(fixture_rows, "fixture", fixture_own, rows, err, sizeof(err)))
        abort();
    m->cells = calloc(3, sizeof(*m->cells));
    m->n_cells = 3;
    m->emus[0] = "qemu";
    m->emus[1] = "spike";
    m->n_emus = 2;
    m->skip_reason[1] = "spike is not installed";
    for (size_t i = 0; i < 3; i++) {
        struct cell *c = &m->cells[i];
        c->row = &rows->rows[i];
        c->emu = rows->rows[i].emu;
        c->instructions = -1;
        c->exit_status = -1;
        c->checks.summary_failed = -1;
        c->emu_version = "7.2";
        c->emu_binary = "/usr/bin/qemu-system-riscv64";
        strcpy(c->log, "build/logs/x.log");
    }
    struct cell *s = &m->cells[0];
    s->verdict = V_KNOWN;
    s->exit_status = 1;
    s->wall_s = 3.14;
    s->n_failed = s->n_known = 1;
    strcpy(s->command, "qemu-system-riscv64 -M virt -bios \"suite <&> .elf\"");
    strcpy(s->detail, "FAIL 1 passed, 1 failed, 1 skipped");
    s->checks.n = 3;
    s->checks.v = calloc(3, sizeof(struct check));
    s->checks.v[0] =
            (struct check){fixture_dup("csr: hstatus reset"), fixture_dup(""), CHECK_OK, 0, NULL};
    s->checks.v[1] = (struct check){fixture_dup("csr: satp read from VU"),
                                    fixture_dup("expected cause=22; got cause=2"), CHECK_FAIL, 1,
                                    "[H_virtinst_vu]"};
    s->checks.v[2] = (struct check){fixture_dup("sstc: vstimecmp"), fixture_dup("no Sstc"),
                                    CHECK_SKIP, 0, NULL};
    struct cell *h = &m->cells[1];
    h->verdict = V_FAIL;
    h->exit_status = 1;
    h->wall_s = 0.82;
    h->instructions = 56200000;
    strcpy(h->clock, "0.0562");
    h->n_failed = 2;
    strcpy(h->detail, "FAIL 11 passed, 2 failed");
    struct cell *k = &m->cells[2];
    k->verdict = V_SKIP;
    strcpy(k->detail, "spike not installed");
}

static void fixture_free(struct matrix *m, struct matrix_rows *rows)
{
    for (size_t i = 0; i < m->n_cells; i++)
        suite_checks_free(&m->cells[i].checks);
    free(m->cells);
    matrix_rows_free(rows);
}

#endif
