/* Process supervision with /bin/sh standing in for an emulator. Every case checks that the
 * whole process group is gone afterwards. No assertion depends on how long anything took. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "supervise.h"

static char dir[] = "/tmp/hext-supervise-test-XXXXXX";
static char pidfile[600], logfile[600];
static char err[256];

/* Runs `script` under sh with the given stdin (-1: /dev/null) and console patterns; the
 * script's first act is to record its pid (the group id). */
static struct run_result run_with(const char *script, double timeout_s, double grace_s,
                                  int stdin_fd, struct console_match *match)
{
    char full[2048];
    snprintf(full, sizeof(full), "echo $$ > %s; %s", pidfile, script);
    char *argv[] = {"/bin/sh", "-c", full, NULL};
    FILE *log = fopen(logfile, "w");
    assert_non_null(log);
    struct supervise_opts o = {
            .argv = argv,
            .timeout_s = timeout_s,
            .grace_s = grace_s,
            .console_fd = -1,
            .log_fd = fileno(log),
            .status_fd = -1,
            .stdin_fd = stdin_fd,
            .match = match,
    };
    struct run_result r;
    assert_int_equal(supervise(&o, &r, err, sizeof(err)), 0);
    fclose(log);
    return r;
}

static struct run_result run(const char *script, double timeout_s, double grace_s)
{
    return run_with(script, timeout_s, grace_s, -1, NULL);
}

static void assert_group_gone(void)
{
    FILE *f = fopen(pidfile, "r");
    assert_non_null(f);
    int pid = 0;
    assert_int_equal(fscanf(f, "%d", &pid), 1);
    fclose(f);
    assert_true(pid > 1);
    errno = 0;
    assert_int_equal(kill(-pid, 0), -1);
    assert_int_equal(errno, ESRCH);
}

static void assert_log(const char *want)
{
    FILE *f = fopen(logfile, "r");
    assert_non_null(f);
    char buf[4096];
    size_t n = fread(buf, 1, sizeof(buf) - 1, f);
    fclose(f);
    buf[n] = '\0';
    assert_string_equal(buf, want);
}

static void verdict_then_exit(void **state)
{
    (void)state;
    struct run_result r = run("printf 'boot\\r\\n[g] hext-verdict: PASS ok, clock 0.25 s\\r\\n'; "
                              "echo to-stderr >&2; exit 0",
                              30, 30);
    assert_int_equal(r.end, RUN_EXITED);
    assert_int_equal(r.status, 0);
    assert_true(r.verdict.seen && r.verdict.pass);
    assert_string_equal(r.verdict.clock, "0.25");
    /* The log is the console unchanged: CRs kept, stderr merged, no prefixes. */
    assert_log("boot\r\n[g] hext-verdict: PASS ok, clock 0.25 s\r\nto-stderr\n");
    assert_group_gone();
}

/* A hypervisor's verdict follows its guest's: each verdict restarts the grace period. The
 * gaps (2 s, then 3 s, against a 4 s grace) leave a second's margin either way. */
static void later_verdict_restarts_grace(void **state)
{
    (void)state;
    struct run_result r = run("echo 'hext-verdict: PASS guest'; sleep 2; "
                              "echo 'hext-verdict: PASS still going'; sleep 3; "
                              "echo 'hext-verdict: FAIL hypervisor'; exit 0",
                              60, 4);
    assert_int_equal(r.end, RUN_EXITED);
    assert_true(r.verdict.seen && !r.verdict.pass);
    assert_group_gone();
}

static void verdict_then_hang(void **state)
{
    (void)state;
    struct run_result r = run("echo 'hext-verdict: FAIL x'; while :; do sleep 1; done", 60, 0.2);
    assert_int_equal(r.end, RUN_KILLED_AFTER_VERDICT);
    assert_true(r.verdict.seen);
    assert_false(r.verdict.pass);
    assert_group_gone();
}

/* --input: the emulator's stdin is the descriptor given, not /dev/null. */
static void stdin_from_descriptor(void **state)
{
    (void)state;
    int p[2];
    assert_int_equal(pipe(p), 0);
    assert_int_equal(write(p[1], "typed\n", 6), 6);
    close(p[1]);
    struct run_result r = run_with("read line; echo \"got $line\"; echo 'hext-verdict: PASS'", 30,
                                   30, p[0], NULL);
    close(p[0]);
    assert_true(r.verdict.seen && r.verdict.pass);
    assert_log("got typed\nhext-verdict: PASS\n");
    assert_group_gone();
}

/* --expect: a prompt with no newline is a PASS, and the guest's own verdict line is not. */
static void patterns_decide(void **state)
{
    (void)state;
    struct console_match m;
    const char *expect[] = {"^=> $"};
    assert_int_equal(console_match_init(&m, expect, 1, NULL, 0, err, sizeof(err)), 0);
    struct run_result r = run_with("echo 'hext-verdict: FAIL no verdict'; printf '=> '; sleep 100",
                                   60, 0.2, -1, &m);
    assert_int_equal(r.end, RUN_KILLED_AFTER_VERDICT);
    assert_true(r.verdict.seen && r.verdict.pass);
    assert_group_gone();
    console_match_free(&m);
}

static void no_verdict_timeout(void **state)
{
    (void)state;
    /* 1 s: under load (several builds on 2 cores) sh may take longer than 0.3 s to start. */
    struct run_result r = run("echo booting; sleep 100", 1.0, 5);
    assert_int_equal(r.end, RUN_TIMEOUT);
    assert_false(r.verdict.seen);
    assert_group_gone();
}

static void ignores_sigterm(void **state)
{
    (void)state;
    struct run_result r = run("trap '' TERM; while :; do :; done", 0.2, 5);
    assert_int_equal(r.end, RUN_TIMEOUT);
    assert_group_gone();
}

static void dies_by_signal(void **state)
{
    (void)state;
    struct run_result r = run("kill -SEGV $$", 30, 5);
    assert_int_equal(r.end, RUN_SIGNALED);
    assert_int_equal(r.status, SIGSEGV);
    assert_group_gone();
}

static void exits_without_verdict(void **state)
{
    (void)state;
    struct run_result r = run("echo oops; exit 3", 30, 5);
    assert_int_equal(r.end, RUN_EXITED);
    assert_int_equal(r.status, 3);
    assert_false(r.verdict.seen);
    assert_group_gone();
}

static void helper_outlives_leader(void **state)
{
    (void)state;
    /* A helper process keeps the console pipe open after the emulator exits. */
    struct run_result r = run("sleep 100 & echo 'hext-verdict: PASS'; exit 0", 30, 30);
    assert_int_equal(r.end, RUN_EXITED);
    assert_true(r.verdict.pass);
    assert_group_gone();
}

static void unterminated_output(void **state)
{
    (void)state;
    struct run_result r = run("printf 'hext-verdict: PASS tail'", 30, 30);
    assert_true(r.verdict.pass);
    assert_false(r.console_ends_line);
    assert_group_gone();
}

static void read_file(const char *path, char *buf, size_t len)
{
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    size_t n = fread(buf, 1, len - 1, f);
    fclose(f);
    buf[n] = '\0';
}

/* The console to one file and the progress line to another, as a terminal would get both. */
static void run_with_status(const char *script, char *console, char *status, size_t len)
{
    char console_path[700], status_path[700];
    snprintf(console_path, sizeof(console_path), "%s/console", dir);
    snprintf(status_path, sizeof(status_path), "%s/status", dir);
    FILE *c = fopen(console_path, "w"), *s = fopen(status_path, "w");
    assert_non_null(c);
    assert_non_null(s);
    char full[2048];
    snprintf(full, sizeof(full), "echo $$ > %s; %s", pidfile, script);
    char *argv[] = {"/bin/sh", "-c", full, NULL};
    struct supervise_opts o = {.argv = argv,
                               .timeout_s = 30,
                               .grace_s = 30,
                               .console_fd = fileno(c),
                               .log_fd = -1,
                               .status_fd = fileno(s),
                               .stdin_fd = -1};
    struct run_result r;
    assert_int_equal(supervise(&o, &r, err, sizeof(err)), 0);
    assert_true(r.verdict.pass);
    fclose(c);
    fclose(s);
    read_file(console_path, console, len);
    read_file(status_path, status, len);
}

/* A console quiet for longer than the 2 s threshold (sleep 3) after a whole line gets the
 * progress line, erased before the next console output; the console copy never has it. */
static void progress_while_quiet(void **state)
{
    (void)state;
    char console[4096], status[4096];
    run_with_status("echo booting; sleep 3; echo 'hext-verdict: PASS'", console, status,
                    sizeof(console));
    assert_string_equal(console, "booting\nhext-verdict: PASS\n");
    assert_non_null(strstr(status, "hext: "));
    assert_non_null(strstr(status, " s of 30 s (timeout), console quiet for "));
    size_t n = strlen(status);
    assert_true(n >= 4 && strcmp(status + n - 4, "\r\033[K") == 0);
    assert_group_gone();
}

/* A prompt without its newline is never split by the progress line. */
static void no_progress_mid_line(void **state)
{
    (void)state;
    char console[4096], status[4096];
    run_with_status("printf 'prompt> '; sleep 3; echo; echo 'hext-verdict: PASS'", console, status,
                    sizeof(console));
    assert_string_equal(console, "prompt> \nhext-verdict: PASS\n");
    assert_string_equal(status, "");
    assert_group_gone();
}

static void resolve(void **state)
{
    (void)state;
    char out[4096];
    assert_int_equal(program_resolve("sh", out, sizeof(out)), 0);
    assert_non_null(strstr(out, "/sh"));
    assert_int_equal(program_resolve("/bin/sh", out, sizeof(out)), 0);
    assert_string_equal(out, "/bin/sh");
    assert_int_equal(program_resolve("/nonexistent/qemu", out, sizeof(out)), -1);
    assert_int_equal(program_resolve("hext-no-such-emulator", out, sizeof(out)), -1);
    assert_int_equal(program_resolve("/etc/passwd", out, sizeof(out)), -1); /* not executable */
    assert_int_equal(program_resolve("", out, sizeof(out)), -1);
}

static int setup(void **state)
{
    (void)state;
    if (!mkdtemp(dir))
        return -1;
    snprintf(pidfile, sizeof(pidfile), "%s/pid", dir);
    snprintf(logfile, sizeof(logfile), "%s/log", dir);
    supervise_install_signals();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    unlink(pidfile);
    unlink(logfile);
    const char *made[] = {"console", "status"};
    for (size_t i = 0; i < 2; i++) {
        char path[700];
        snprintf(path, sizeof(path), "%s/%s", dir, made[i]);
        unlink(path);
    }
    return rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
            cmocka_unit_test(verdict_then_exit),
            cmocka_unit_test(verdict_then_hang),
            cmocka_unit_test(later_verdict_restarts_grace),
            cmocka_unit_test(no_verdict_timeout),
            cmocka_unit_test(stdin_from_descriptor),
            cmocka_unit_test(patterns_decide),
            cmocka_unit_test(ignores_sigterm),
            cmocka_unit_test(dies_by_signal),
            cmocka_unit_test(exits_without_verdict),
            cmocka_unit_test(helper_outlives_leader),
            cmocka_unit_test(unterminated_output),
            cmocka_unit_test(progress_while_quiet),
            cmocka_unit_test(no_progress_mid_line),
            cmocka_unit_test(resolve),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
