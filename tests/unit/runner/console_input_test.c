/* The --interactive escape (Ctrl-A x quits, Ctrl-A Ctrl-A sends one Ctrl-A) and --input's
 * line-at-a-time typing into the emulator's stdin pipe. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "console_input.h"

static size_t filter(struct console_input *in, const char *typed, unsigned char *out)
{
    size_t n = 0;
    for (; *typed; typed++)
        n += console_input_filter(in, (unsigned char)*typed, out + n);
    return n;
}

static void escape(void **state)
{
    (void)state;
    struct console_input in = {0};
    unsigned char out[64];
    assert_int_equal(filter(&in, "ls\r", out), 3);
    assert_memory_equal(out, "ls\r", 3);
    /* ^C is a byte for the guest, not a signal. */
    assert_int_equal(filter(&in, "\003", out), 1);
    assert_int_equal(out[0], 3);
    assert_int_equal(filter(&in, "\001\001", out), 1);
    assert_int_equal(out[0], 1);
    assert_int_equal(filter(&in, "\001q", out), 2);
    assert_memory_equal(out, "\001q", 2);
    /* An escape split across reads still counts. */
    assert_int_equal(filter(&in, "a\001", out), 1);
    assert_false(in.quit);
    assert_int_equal(filter(&in, "x", out), 0);
    assert_true(in.quit);
}

static void script_a_line_at_a_time(void **state)
{
    (void)state;
    char path[] = "/tmp/hext-input-test-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "\nversion\npoweroff", 17), 17);
    close(fd);
    struct console_input in;
    int child = -1;
    char err[256], got[64];
    assert_int_equal(console_input_script(&in, path, &child, err, sizeof(err)), 0);
    unlink(path);
    fcntl(child, F_SETFL, O_NONBLOCK);
    /* Nothing before the console has printed, nor while it is still busy. */
    console_input_tick(&in, false, 10);
    console_input_tick(&in, true, CONSOLE_INPUT_QUIET_S / 2);
    assert_int_equal(read(child, got, sizeof(got)), -1);
    console_input_tick(&in, true, CONSOLE_INPUT_QUIET_S);
    assert_int_equal(read(child, got, sizeof(got)), 1);
    assert_int_equal(got[0], '\n');
    console_input_tick(&in, true, 1);
    assert_int_equal(read(child, got, sizeof(got)), 8);
    assert_memory_equal(got, "version\n", 8);
    /* The last line has no newline: it is sent as it is, then nothing more. */
    console_input_tick(&in, true, 1);
    console_input_tick(&in, true, 1);
    assert_int_equal(read(child, got, sizeof(got)), 8);
    assert_memory_equal(got, "poweroff", 8);
    console_input_stop(&in);
    assert_int_equal(read(child, got, sizeof(got)), 0); /* EOF: hext closed its end */
    close(child);
    assert_int_equal(console_input_script(&in, "/nonexistent", &child, err, sizeof(err)), -1);
    assert_string_equal(err, "cannot read --input /nonexistent");
}

static void interactive_needs_a_terminal(void **state)
{
    (void)state;
    struct console_input in;
    int child = -1, saved = dup(0), null = open("/dev/null", O_RDONLY);
    char err[256];
    dup2(null, 0);
    assert_int_equal(console_input_start(&in, &child, err, sizeof(err)), -1);
    assert_string_equal(err, "--interactive needs a terminal on stdin");
    dup2(saved, 0);
    close(saved);
    close(null);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
            cmocka_unit_test(escape),
            cmocka_unit_test(script_a_line_at_a_time),
            cmocka_unit_test(interactive_needs_a_terminal),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
