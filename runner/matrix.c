/* `hext matrix`: sequencing only. Rows come from the target list, columns from the emulator
 * descriptions; each cell is one `hext run`, judged here the way tests/targets.sh judges it. */
#define _GNU_SOURCE /* memmem */
#include "matrix.h"

#include <errno.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "baseline.h"
#include "emulator_info.h"
#include "emulators.h"
#include "images.h"
#include "matrix_reports.h"
#include "matrix_run.h"
#include "matrix_table.h"
#include "report.h"
#include "text_file.h"

#define MAX_EMUS 16

/* Per column: what was found of its emulator. */
static struct emulator_info infos[MAX_EMUS];

static int fail_setup(const char *fmt, const char *a, const char *b)
{
    fputs("hext: ", stderr);
    fprintf(stderr, fmt, a, b);
    fputc('\n', stderr);
    return EXIT_SETUP;
}

static const char *own_platform(const char *emu)
{
    const struct emulator *e = emulator_find(emu);
    return e ? e->platforms[0] : NULL;
}

static int column_of(const struct matrix *m, const char *emu)
{
    for (size_t i = 0; i < m->n_emus; i++) {
        if (strcmp(m->emus[i], emu) == 0)
            return (int)i;
    }
    return -1;
}

/* Fields of the runner's own lines: the command (HEXT_SHOW_COMMAND), the problem line it
 * prints for outcomes other than PASS/FAIL, and the last line's verdict, wall time and guest
 * clock (runner/README.md: the first word after "): ", the number after the last " in "). */
static void read_runner_output(struct cell *c, const char *out)
{
    const char *problem = NULL, *last = NULL;
    for (const char *s = out; *s; s += strcspn(s, "\n") + (s[strcspn(s, "\n")] ? 1 : 0)) {
        int len = (int)strcspn(s, "\n");
        if (strncmp(s, "hext: ", 6) != 0)
            continue;
        if (strncmp(s, "hext: command: ", 15) == 0)
            snprintf(c->command, sizeof(c->command), "%.*s", len - 15, s + 15);
        else if (memmem(s, (size_t)len, " (platform ", 11) && memmem(s, (size_t)len, "): ", 3))
            last = s;
        else
            problem = s;
    }
    if (problem)
        snprintf(c->problem, sizeof(c->problem), "%.*s", (int)strcspn(problem + 6, "\n"),
                 problem + 6);
    if (!last)
        return;
    size_t len = strcspn(last, "\n");
    const char *v = strstr(last, "): ") + 3, *in = NULL;
    for (const char *p = strstr(v, " in "); p && p < last + len; p = strstr(p + 1, " in "))
        in = p;
    if (!in)
        return;
    snprintf(c->detail, sizeof(c->detail), "%.*s", (int)(in - v), v);
    sscanf(in, " in %lf s", &c->wall_s);
    const char *clock = strstr(in, ", guest clock ");
    if (clock && clock < last + len)
        sscanf(clock, ", guest clock %31[0-9.] s", c->clock);
}

static int log_has(const char *log, const char *pattern)
{
    regex_t r;
    if (regcomp(&r, pattern, REG_EXTENDED | REG_NOSUB | REG_NEWLINE) != 0)
        return 0;
    int hit = regexec(&r, log, 0, NULL, 0) == 0;
    regfree(&r);
    return hit;
}

static void judge_suite(const struct matrix *m, struct cell *c, int col)
{
    int unexpected = suite_checks_apply_known(&c->checks, &m->known[col]);
    c->n_failed = suite_checks_failed(&c->checks);
    c->n_known = c->n_failed - unexpected;
    if (c->exit_status != EXIT_FAIL)
        return;
    /* A run that stopped early may have failed only known checks: it must have finished. */
    if (c->checks.summary_failed != c->n_failed) {
        snprintf(c->detail + strlen(c->detail), sizeof(c->detail) - strlen(c->detail),
                 "; the suite did not finish (no summary, or it disagrees with the not-ok lines)");
        return;
    }
    if (unexpected == 0) {
        c->verdict = V_KNOWN;
    } else {
        snprintf(c->detail + strlen(c->detail), sizeof(c->detail) - strlen(c->detail),
                 "; %d not in suite/known-failures/%s.txt", unexpected, m->tag[col]);
    }
}

/* An image target's failure is known when every checklist item it failed is listed for the
 * emulator with a suite check that explains it (tests/known_failures.sh, the same rule). A run
 * that failed no item (a crash, a hypervisor's own verdict) is never known. */
static void judge_target(const struct matrix *m, struct cell *c, int col, const char *log)
{
    int unexplained;
    if (c->exit_status != EXIT_FAIL)
        return;
    int failed = target_known_judge(&m->target_known[col], &m->known[col], c->row->target,
                                    c->row->platform, log, &unexplained);
    if (failed == 0)
        return;
    if (unexplained == 0) {
        c->verdict = V_KNOWN;
        c->n_failed = c->n_known = failed;
    } else {
        snprintf(c->detail + strlen(c->detail), sizeof(c->detail) - strlen(c->detail),
                 "; %d failed item%s not in tests/known-failures/%s.txt", unexplained,
                 unexplained == 1 ? "" : "s", m->tag[col]);
    }
}

static void finish(const struct matrix *m, struct cell *c, const char *out)
{
    int col = column_of(m, c->emu);
    static const enum cell_verdict by_status[] = {V_PASS, V_FAIL, V_TIMEOUT, V_SETUP, V_CRASH};
    read_runner_output(c, out);
    c->verdict = c->exit_status >= 0 && c->exit_status <= 4 ? by_status[c->exit_status] : V_CRASH;
    if (c->exit_status > 4)
        snprintf(c->detail, sizeof(c->detail), "hext run ended with status %d", c->exit_status);
    if (c->verdict != V_PASS && c->verdict != V_FAIL && c->problem[0])
        snprintf(c->detail, sizeof(c->detail), "%s", c->problem);
    char *log = file_load(c->log);
    if (!log) {
        c->log[0] = '\0'; /* set-up errors stop before the log is made */
        return;
    }
    const struct emulator *e = emulator_find(c->emu);
    /* An emulator that counts only in a counting mode says nothing without it. */
    if (e && (c->counting || !c->flavour || !c->flavour->count_args[0]))
        c->instructions = emulator_instructions(e, log, c->clock);
    if (c->verdict == V_FAIL) {
        const char *f = strstr(c->detail, " failed");
        while (f && f > c->detail && f[-1] >= '0' && f[-1] <= '9')
            f--;
        c->n_failed = f ? atoi(f) : 0;
    }
    if (strcmp(c->row->target, "suite") == 0 && col >= 0 && !suite_checks_parse(log, &c->checks))
        judge_suite(m, c, col);
    else if (strcmp(c->row->target, "suite") != 0 && col >= 0)
        judge_target(m, c, col, log);
    if (c->verdict == V_PASS && c->row->pattern[0] && !log_has(log, c->row->pattern)) {
        c->verdict = V_FAIL;
        snprintf(c->detail, sizeof(c->detail), "the log lacks /%.400s/", c->row->pattern);
    }
    free(log);
}

static int mkdirs(const char *path)
{
    char p[4096];
    snprintf(p, sizeof(p), "%s", path);
    for (char *s = p + 1; *s; s++) {
        if (*s == '/') {
            *s = '\0';
            mkdir(p, 0777);
            *s = '/';
        }
    }
    return mkdir(p, 0777) == 0 || errno == EEXIST ? 0 : -1;
}

static int choose_columns(struct matrix *m, const struct matrix_rows *rows, const char *rows_path,
                          const char *emus)
{
    for (const char *s = emus; s && *s;) {
        size_t len = strcspn(s, ",");
        char name[64];
        snprintf(name, sizeof(name), "%.*s", (int)len, s);
        if (!emulator_find(name))
            return fail_setup("--emu: unknown emulator '%s' (known: %s)", name, emulator_names());
        s += len + (s[len] == ',');
    }
    for (size_t i = 0; i < rows->n && m->n_emus < MAX_EMUS; i++) {
        const char *emu = rows->rows[i].emu;
        if (!name_listed(emus, emu))
            continue;
        if (!emulator_find(emu)) {
            char where[4200];
            snprintf(where, sizeof(where), "%.4000s:%d", rows_path, rows->rows[i].line);
            return fail_setup("%s: no emulator description for '%s' (see hext emulators)", where,
                              emu);
        }
        if (column_of(m, emu) < 0)
            m->emus[m->n_emus++] = emu;
    }
    return 0;
}

static void load_known(struct matrix *m, int col)
{
    char path[4096];
    snprintf(path, sizeof(path), HEXT_SOURCE_ROOT "/suite/known-failures/%s.txt", m->tag[col]);
    char *text = file_load(path);
    if (text && known_failures_parse(text, &m->known[col]))
        memset(&m->known[col], 0, sizeof(m->known[col]));
    free(text);
    snprintf(path, sizeof(path), HEXT_SOURCE_ROOT "/tests/known-failures/%s.txt", m->tag[col]);
    text = file_load(path);
    if (text && target_known_parse(text, &m->target_known[col]))
        memset(&m->target_known[col], 0, sizeof(m->target_known[col]));
    free(text);
}

static int make_cells(struct matrix *m, const struct matrix_rows *rows, const struct hext_args *a,
                      const char *logs)
{
    m->cells = calloc(rows->n ? rows->n : 1, sizeof(*m->cells));
    if (!m->cells)
        return fail_setup("%s%s", "out of memory", "");
    for (size_t i = 0; i < rows->n; i++) {
        const struct matrix_row *row = &rows->rows[i];
        int col = column_of(m, row->emu);
        if (col < 0 || !name_listed(a->targets, row->target))
            continue;
        struct cell *c = &m->cells[m->n_cells++];
        char name[1024];
        c->row = row;
        c->emu = row->emu;
        c->exit_status = -1;
        c->instructions = -1;
        c->checks.summary_failed = -1;
        c->emu_binary = infos[col].program;
        c->emu_version = infos[col].version;
        c->flavour = infos[col].flavour;
        matrix_log_name(row, name, sizeof(name));
        snprintf(c->log, sizeof(c->log), "%.3000s/%.1000s", logs, name);
        if (!infos[col].installed) {
            c->verdict = V_SKIP;
            snprintf(c->detail, sizeof(c->detail), "not installed");
        }
    }
    for (const char *s = a->targets; s && *s;) {
        size_t len = strcspn(s, ",");
        int found = 0;
        for (size_t i = 0; i < m->n_cells; i++)
            found |= strncmp(m->cells[i].row->target, s, len) == 0 && !m->cells[i].row->target[len];
        if (!found) {
            char name[128];
            snprintf(name, sizeof(name), "%.*s", (int)len, s);
            return fail_setup("--target: no row for '%s' on the chosen emulators in the target "
                              "list%s",
                              name, "");
        }
        s += len + (s[len] == ',');
    }
    return 0;
}

static int write_report(const char *path, void (*writer)(FILE *, const struct matrix *),
                        const struct matrix *m)
{
    if (!path)
        return 0;
    FILE *f = fopen(path, "w");
    if (!f)
        return fail_setup("cannot write %s: %s", path, strerror(errno));
    writer(f, m);
    return fclose(f) == 0 ? 0 : fail_setup("cannot write %s: %s", path, strerror(errno));
}

/* With m NULL: only checks that the baseline is readable, before any cell runs. */
/* Before any cell runs: a report that cannot be written would lose the whole run. */
static int check_writable(const char *path)
{
    char dir[4096];
    if (!path)
        return 0;
    snprintf(dir, sizeof(dir), "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash)
        *(slash == dir ? slash + 1 : slash) = '\0';
    if (access(slash ? dir : ".", W_OK) != 0)
        return fail_setup("cannot write %s: %s", path, strerror(errno));
    return 0;
}

static int compare(struct matrix *m, const char *path, struct change_list *changes)
{
    char err[512];
    struct matrix none = {0};
    char *text = file_load(path);
    if (!text)
        return fail_setup("cannot read baseline %s: %s", path, strerror(errno));
    int rc = baseline_compare(text, path, m ? m : &none, changes, err, sizeof(err));
    free(text);
    if (rc)
        return fail_setup("%s%s", err, "");
    if (!m) {
        change_list_free(changes);
        return 0;
    }
    m->baseline_path = path;
    m->changes = changes;
    return 0;
}

static unsigned default_jobs(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (unsigned)n : 1;
}

int matrix_main(const struct hext_args *a)
{
    char err[512], logs[4096], self[4096];
    if (a->fail_on == FAIL_ON_REGRESSIONS && !a->baseline)
        return fail_setup("--fail-on regressions needs --baseline FILE%s%s", "", "");
    const char *rows_path = a->rows ? a->rows : HEXT_SOURCE_ROOT "/tests/targets.txt";
    char *text = file_load(rows_path);
    if (!text)
        return fail_setup("cannot read the target list %s: %s", rows_path, strerror(errno));
    struct matrix_rows rows;
    int rc = matrix_rows_parse(text, rows_path, own_platform, &rows, err, sizeof(err));
    free(text);
    if (rc)
        return fail_setup("%s%s", err, "");
    struct matrix m = {0};
    struct change_list changes = {0};
    snprintf(logs, sizeof(logs), "%s", a->logs ? a->logs : "");
    if (!a->logs)
        snprintf(logs, sizeof(logs), "%.4000s/logs", build_dir());
    rc = choose_columns(&m, &rows, rows_path, a->emus);
    for (size_t e = 0; !rc && e < m.n_emus; e++) {
        emulator_info_find(emulator_find(m.emus[e]), &infos[e]);
        m.skip_reason[e] = infos[e].installed ? NULL : infos[e].missing;
        m.tag[e] = infos[e].tag;
        if (infos[e].installed)
            load_known(&m, (int)e);
    }
    if (!rc)
        rc = make_cells(&m, &rows, a, logs);
    if (!rc && a->baseline)
        rc = compare(NULL, a->baseline, &changes);
    const char *reports[] = {a->json, a->junit, a->markdown};
    for (size_t i = 0; !rc && i < sizeof(reports) / sizeof(reports[0]); i++)
        rc = check_writable(reports[i]);
    if (!rc && mkdirs(logs))
        rc = fail_setup("cannot create the log directory %s: %s", logs, strerror(errno));
    ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
    self[n > 0 ? n : 0] = '\0';
    struct matrix_run_opts o = {
            .hext = self,
            .images = images_dir(a->images),
            .timeout_s = a->timeout_s,
            .count = a->count,
            .jobs = a->jobs ? a->jobs : default_jobs(),
            .tty = isatty(1),
    };
    int interrupted = 0;
    if (!rc)
        interrupted = matrix_run(&m, &o, finish);
    for (size_t i = 0; !rc && i < m.n_cells; i++) {
        struct cell *c = &m.cells[i];
        if (c->exit_status < 0 && c->verdict != V_SKIP && c->verdict != V_SETUP) {
            c->verdict = V_SKIP;
            snprintf(c->detail, sizeof(c->detail), "interrupted before it ran");
        }
    }
    if (!rc && a->baseline)
        rc = compare(&m, a->baseline, &changes);
    if (!rc) {
        putchar('\n');
        matrix_table_print(stdout, &m);
        rc = write_report(a->json, report_json_write, &m);
    }
    if (!rc)
        rc = write_report(a->junit, report_junit_write, &m);
    if (!rc)
        rc = write_report(a->markdown, report_markdown_write, &m);
    if (!rc) {
        size_t failed = 0;
        for (size_t i = 0; i < m.n_cells; i++)
            failed += !cell_verdict_passes(m.cells[i].verdict);
        rc = a->fail_on == FAIL_ON_REGRESSIONS ? changes.n_regressions > 0 : failed > 0;
        if (interrupted)
            rc = 130;
    }
    for (size_t i = 0; i < m.n_cells; i++)
        suite_checks_free(&m.cells[i].checks);
    for (size_t e = 0; e < m.n_emus; e++) {
        known_failures_free(&m.known[e]);
        target_known_free(&m.target_known[e]);
    }
    change_list_free(&changes);
    free(m.cells);
    matrix_rows_free(&rows);
    return rc;
}
