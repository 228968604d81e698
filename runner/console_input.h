/* Console input: hext writes it into a pipe that is the emulator's stdin.
 *
 * `--input FILE` types FILE a line at a time, as a person would: each line once the console
 * has printed something and then been quiet for CONSOLE_INPUT_QUIET_S. Bytes sent before a
 * guest has set up its UART are lost (as on hardware: drivers reset the receive FIFO), so the
 * file is not simply poured in at the start.
 *
 * `--interactive`: the terminal becomes the console's input. hext puts it in raw mode (so every
 * key, ^C included, goes to the guest), forwards what is typed and restores the terminal on
 * every way out: the run's end, a set-up error after the switch, SIGTERM/SIGHUP (through the
 * supervisor's normal end) and exit() (atexit).
 *
 * Escape, as in QEMU: Ctrl-A x ends the run (as ^C does without --interactive: INTERRUPTED,
 * exit 130); Ctrl-A Ctrl-A sends one Ctrl-A; Ctrl-A followed by anything else sends both. */
#ifndef HEXT_RUNNER_CONSOLE_INPUT_H
#define HEXT_RUNNER_CONSOLE_INPUT_H

#include <stdbool.h>
#include <stddef.h>

#define CONSOLE_ESCAPE        0x01 /* Ctrl-A */
#define CONSOLE_INPUT_QUIET_S 0.5

struct console_input {
    int tty_fd;   /* the terminal (hext's stdin), -1 for --input */
    int pipe_fd;  /* write end of the emulator's stdin */
    char *script; /* --input: the file's bytes, sent up to script_pos so far */
    size_t script_len, script_pos;
    bool after_escape;
    bool quit; /* Ctrl-A x was typed */
};

/* Puts the terminal on stdin in raw mode; *child_stdin gets the read end of the pipe for the
 * emulator. Returns 0, or -1 with a message (stdin is not a terminal, no pipe). */
int console_input_start(struct console_input *in, int *child_stdin, char *err, size_t errlen);

/* Reads FILE for --input; *child_stdin as above. Returns 0, or -1 with a message. */
int console_input_script(struct console_input *in, const char *path, int *child_stdin, char *err,
                         size_t errlen);

/* --input: sends the next line when output has been seen and has been quiet for quiet_s. */
void console_input_tick(struct console_input *in, bool output_seen, double quiet_s);

/* Reads what was typed and forwards it; sets in->quit on the escape. Returns false once the
 * terminal is gone (EOF, error): the run goes on without input. */
bool console_input_pump(struct console_input *in);

/* Restores the terminal mode saved by console_input_start and closes the pipe. Idempotent. */
void console_input_stop(struct console_input *in);

/* Pure escape handling, one typed byte at a time: writes the bytes to forward into out
 * (room for 2) and returns how many; sets in->quit on Ctrl-A x. */
size_t console_input_filter(struct console_input *in, unsigned char c, unsigned char *out);

#endif
