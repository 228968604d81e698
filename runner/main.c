/* hext: runs an image on an emulator and reports its verdict. The pure pieces live in their
 * own files; this one only sequences them and owns the side effects. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "args.h"
#include "console_input.h"
#include "console_match.h"
#include "dtb.h"
#include "emulator_info.h"
#include "emulators.h"
#include "guest_delivery.h"
#include "help.h"
#include "images.h"
#include "manifest.h"
#include "matrix.h"
#include "probe.h"
#include "report.h"
#include "supervise.h"

struct run {
    const struct hext_args *args;
    const char *emu_name;
    const char *platform;
    const struct emulator *emu;
    const struct emu_flavour *flavour;
    char manifest_path[4096];
    struct manifest manifest;
    char patched_dtb[4096]; /* temporary DTB to remove, or empty */
    char *cmdline;          /* the payload's command line, when passed as a flag */
    char program[4096];
    struct command command;
    int log_fd;
    struct guest_delivery guest;
    struct console_match match;
    bool matching;
    struct console_input input;
    bool typing;
    int stdin_fd; /* -1: /dev/null */
};

static int setup_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("hext: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return EXIT_SETUP;
}

static char *join_cmdline(const char *a, const char *b)
{
    size_t la = a ? strlen(a) : 0, lb = b ? strlen(b) : 0;
    char *s = malloc(la + lb + 2);
    if (s)
        snprintf(s, la + lb + 2, "%s%s%s", a ? a : "", la && lb ? " " : "", b ? b : "");
    return s;
}

static int choose_emulator(struct run *r)
{
    r->emu = emulator_find(r->emu_name);
    if (!r->emu)
        return setup_error("unknown emulator '%s' (known: %s)", r->emu_name, emulator_names());
    if (!r->platform)
        r->platform = r->emu->platforms[0];
    if (!emulator_allows_platform(r->emu, r->platform))
        return setup_error("emulator '%s' cannot run platform '%s' (allowed pairs: qemu/qemu, "
                           "spike/spike, spike/sail, sail/sail)",
                           r->emu_name, r->platform);
    if (probe_program(r->emu, r->program, sizeof(r->program)))
        return setup_error("emulator '%s' not found (set %s=/path/to/%s)", r->emu_name,
                           r->emu->program_var, r->emu->default_program);
    const char *fl;
    r->flavour = probe_flavour(r->emu, r->program, &fl);
    if (!r->flavour) {
        char known[256] = "";
        for (size_t i = 0; i < r->emu->n_flavours; i++)
            snprintf(known + strlen(known), sizeof(known) - strlen(known), "%s%s", i ? ", " : "",
                     r->emu->flavours[i].name);
        return setup_error("%s=%s is not a known %s version (known: %s)", r->emu->flavour_var, fl,
                           r->emu_name, known);
    }
    return 0;
}

static int load_image(struct run *r)
{
    const char *target = r->args->target;
    const char *dir = images_dir(r->args->images);
    if (images_manifest_path(dir, target, r->platform, r->manifest_path, sizeof(r->manifest_path)))
        return setup_error("manifest path too long");
    if (access(r->manifest_path, F_OK) != 0) {
        if (images_target_is_path(target))
            return setup_error("manifest %s not found", r->manifest_path);
        return setup_error("no image '%s' for platform '%s': %s not found (make images builds "
                           "it; hext list shows what exists)",
                           target, r->platform, r->manifest_path);
    }
    char err[512];
    if (manifest_load(r->manifest_path, &r->manifest, err, sizeof(err)))
        return setup_error("%s", err);
    for (int k = 0; k < KEY_COUNT; k++) {
        const char *p = r->manifest.value[k];
        if (p && manifest_key_is_file(k) && access(p, R_OK) != 0)
            return setup_error("image file missing: %s (%s, %s:%d)", p, manifest_key_name(k),
                               r->manifest_path, r->manifest.line[k]);
    }
    return 0;
}

/* With a DTB the payload's command line is its /chosen/bootargs: emulators ignore their own
 * command-line flag when given a DTB (Spike) or have none (Sail). */
static int place_cmdline(struct run *r)
{
    const char *own = r->manifest.value[KEY_APPEND];
    const char *extra = r->args->append;
    if (!extra && !own)
        return 0;
    r->cmdline = join_cmdline(own, extra);
    if (!r->cmdline)
        return setup_error("out of memory");
    if (!r->manifest.value[KEY_DTB] || !r->cmdline[0])
        return 0;
    char err[512];
    if (dtb_write_extended(r->manifest.value[KEY_DTB], r->cmdline, r->patched_dtb,
                           sizeof(r->patched_dtb), err, sizeof(err))) {
        r->patched_dtb[0] = '\0';
        return setup_error("%s", err);
    }
    free(r->cmdline);
    r->cmdline = NULL;
    return 0;
}

/* --guest: the bundle becomes the image's initrd (guest_delivery.c). */
static int place_guest(struct run *r)
{
    const struct hext_args *a = r->args;
    if (!a->n_guests)
        return 0;
    char err[512];
    const char *dtb = r->patched_dtb[0] ? r->patched_dtb : r->manifest.value[KEY_DTB];
    /* Test-only (tests/e2e/guest_bundles.sh): a bundle with one deliberate flaw. */
    const char *defect = getenv("HEXT_TEST_BUNDLE_DEFECT");
    if (guest_deliver(a, r->emu, dtb, defect && defect[0] ? defect : NULL, &r->guest, err,
                      sizeof(err)))
        return setup_error("%s", err);
    if (r->guest.dtb[0]) {
        if (r->patched_dtb[0])
            unlink(r->patched_dtb);
        snprintf(r->patched_dtb, sizeof(r->patched_dtb), "%s", r->guest.dtb);
        r->guest.dtb[0] = '\0';
    }
    enum manifest_key k = r->guest.key;
    if (r->manifest.value[k])
        return setup_error("--guest: %s already sets %s (%s); --guest is for hypervisor "
                           "targets such as hyp",
                           r->manifest_path, manifest_key_name(k), r->manifest.value[k]);
    r->manifest.value[k] = strdup(r->guest.file);
    return r->manifest.value[k] ? 0 : setup_error("out of memory");
}

/* --expect/--fail, --input, --interactive: set up last, so that nothing after them can fail
 * with the terminal left raw. */
static int setup_console(struct run *r)
{
    const struct hext_args *a = r->args;
    char err[512];
    if (a->n_expect || a->n_fail) {
        if (console_match_init(&r->match, a->expect, a->n_expect, a->fail, a->n_fail, err,
                               sizeof(err)))
            return setup_error("%s", err);
        r->matching = true;
    }
    if (a->input) {
        if (console_input_script(&r->input, a->input, &r->stdin_fd, err, sizeof(err)))
            return setup_error("%s", err);
        r->typing = true;
    }
    if (a->interactive) {
        if (console_input_start(&r->input, &r->stdin_fd, err, sizeof(err)))
            return setup_error("%s", err);
        r->typing = true;
        fprintf(stderr, "hext: console input from this terminal; Ctrl-A x ends the run\n");
    }
    return 0;
}

static int build_command(struct run *r)
{
    char ram[16], harts[16], err[512];
    const char *value[KEY_COUNT];
    for (int k = 0; k < KEY_COUNT; k++)
        value[k] = r->manifest.value[k];
    snprintf(ram, sizeof(ram), "%u", r->manifest.ram_mb);
    snprintf(harts, sizeof(harts), "%u", r->manifest.harts);
    value[KEY_RAM_MB] = ram;
    value[KEY_HARTS] = harts;
    value[KEY_APPEND] = r->cmdline && r->cmdline[0] ? r->cmdline : NULL;
    if (r->patched_dtb[0])
        value[KEY_DTB] = r->patched_dtb;
    struct emu_overrides over = {
            .harts = r->args->harts,
            .words = r->args->emu_args,
            .n_words = r->args->n_emu_args,
    };
    if (emulator_build(r->emu, r->flavour, r->program, value, &over, getenv, &r->command, err,
                       sizeof(err)))
        return setup_error("%s: %s", r->manifest_path, err);
    return 0;
}

static int open_log(struct run *r)
{
    r->log_fd = -1;
    if (!r->args->log_path)
        return 0;
    FILE *f = fopen(r->args->log_path, "we");
    if (!f)
        return setup_error("cannot write log %s", r->args->log_path);
    r->log_fd = dup(fileno(f));
    fclose(f);
    return r->log_fd < 0 ? setup_error("cannot write log %s", r->args->log_path) : 0;
}

static void show_command(const struct command *c)
{
    static char line[65536];
    command_format(c, line, sizeof(line));
    fprintf(stderr, "hext: command: %s\n", line);
}

static int supervise_run(struct run *r, double *wall, char *verdict, size_t vlen, char *clock,
                         size_t clen)
{
    struct supervise_opts o = {
            .argv = r->command.argv,
            .timeout_s = r->args->timeout_s > 0 ? r->args->timeout_s : r->emu->timeout_s,
            .grace_s = r->emu->grace_s,
            .console_fd = r->args->quiet ? -1 : 1,
            .log_fd = r->log_fd,
            /* Not with --interactive: the raw terminal is the guest's. */
            .status_fd = !r->typing && isatty(2) ? 2 : -1,
            .verdict_from = r->manifest.value[KEY_VERDICT_FROM],
            .stdin_fd = r->stdin_fd,
            .match = r->matching ? &r->match : NULL,
            .input = r->typing ? &r->input : NULL,
    };
    struct run_result res;
    char err[512], problem[512];
    if (getenv("HEXT_SHOW_COMMAND"))
        show_command(&r->command);
    fflush(stdout);
    if (supervise(&o, &res, err, sizeof(err)))
        return setup_error("%s", err);
    int rc =
            report_outcome(&res, r->emu_name, o.timeout_s, verdict, vlen, problem, sizeof(problem));
    if (!res.console_ends_line && !r->args->quiet)
        putchar('\n');
    if (problem[0])
        fprintf(stderr, "hext: %s\n", problem);
    if (r->matching && res.verdict.seen && !console_match_lines_count(&r->match))
        fprintf(stderr, "hext: %s\n", res.verdict.details);
    if (res.verdict.has_clock && (rc == EXIT_PASS || rc == EXIT_FAIL))
        snprintf(clock, clen, "%s", res.verdict.clock);
    *wall = res.wall_s;
    return rc;
}

static int run(const struct hext_args *args, const char *emu_name)
{
    struct run r;
    memset(&r, 0, sizeof(r));
    r.args = args;
    r.emu_name = emu_name;
    r.platform = args->platform;
    r.log_fd = -1;
    r.stdin_fd = -1;
    char verdict[512] = "SETUP-ERROR", clock[32] = "";
    double wall = 0;
    /* Before anything is created that an interrupt would otherwise leave behind. */
    supervise_install_signals();
    int rc = choose_emulator(&r);
    if (!rc)
        rc = load_image(&r);
    if (!rc)
        rc = place_cmdline(&r);
    if (!rc)
        rc = place_guest(&r);
    if (!rc)
        rc = build_command(&r);
    if (!rc)
        rc = open_log(&r);
    if (!rc)
        rc = setup_console(&r);
    if (!rc)
        rc = supervise_run(&r, &wall, verdict, sizeof(verdict), clock, sizeof(clock));
    if (r.typing)
        console_input_stop(&r.input);
    if (r.matching)
        console_match_free(&r.match);
    if (r.stdin_fd >= 0)
        close(r.stdin_fd);
    guest_delivery_remove(&r.guest);
    if (r.patched_dtb[0])
        unlink(r.patched_dtb);
    if (r.log_fd >= 0)
        close(r.log_fd);
    command_free(&r.command);
    manifest_free(&r.manifest);
    free(r.cmdline);
    char line[1024];
    report_last_line(line, sizeof(line), args->target, emu_name, r.platform ? r.platform : "?",
                     verdict, wall, clock);
    printf("%s\n", line);
    return rc;
}

int main(int argc, char **argv)
{
    struct hext_args args;
    char err[512];
    if (args_parse(argc, argv, &args, err, sizeof(err))) {
        setup_error("%s", err);
        if (args.command == CMD_RUN)
            printf("hext: %s on %s (platform %s): SETUP-ERROR in 0.00 s\n",
                   args.target ? args.target : "?", args.emu ? args.emu : "qemu",
                   args.platform ? args.platform : "?");
        return EXIT_SETUP;
    }
    if (args.command == CMD_HELP) {
        help_print(stdout);
        return 0;
    }
    if (args.command != CMD_LIST && emulators_load(emulators_dir(), err, sizeof(err))) {
        setup_error("%s", err);
        if (args.command == CMD_RUN)
            printf("hext: %s on %s (platform %s): SETUP-ERROR in 0.00 s\n", args.target,
                   args.emu ? args.emu : "qemu", args.platform ? args.platform : "?");
        return EXIT_SETUP;
    }
    if (args.command == CMD_EMULATORS)
        return emulators_print(stdout, args.target)
                       ? setup_error("unknown emulator '%s' (known: %s)", args.target,
                                     emulator_names())
                       : 0;
    if (args.command == CMD_MATRIX)
        return matrix_main(&args);
    if (args.command == CMD_LIST) {
        const char *dir = images_dir(args.images);
        int n = images_list(dir, stdout);
        if (n < 0)
            return setup_error("cannot read image directory %s (make images builds it)", dir);
        if (n == 0)
            fprintf(stderr, "hext: no manifests under %s\n", dir);
        return 0;
    }
    return run(&args, args.emu ? args.emu : "qemu");
}
