/*
 * hext hypervisor: from OpenSBI's jump to the guest's first instruction, and around again when
 * the guest reboots. Boot order: check for H, read the host DTB, apply hext.* switches, build the
 * G-stage table, write the guest DTB, run the guest (vcpu.c), report (verdict.c).
 */
#include "atomic.h"
#include "console.h"
#include "csr.h"
#include "fmt.h"
#include "gstage.h"
#include "guard.h"
#include "guest_bundle.h"
#include "guest_fdt.h"
#include "guest_images.h"
#include "host_sbi.h"
#include "hostcon.h"
#include "hostinfo.h"
#include "isa.h"
#include "pt/pt.h"
#include "sbi.h"
#include "stats.h"
#include "string.h"
#include "timer.h"
#include "vcpu.h"
#include "vdev.h"
#include "verdict.h"

#define HEXT_VERSION  "0.1"
#define GUEST_ENTRY   0x80200000UL
#define GUEST_FDT_MAX 0x10000UL /* at the top of guest RAM */
#define MIB           (1024UL * 1024)

extern char __hyp_end[]; /* linker.ld */

static struct vm vm;
static struct hostinfo host;
static char guest_isa[HOST_ISA_LEN];
static char guest_bootargs[HOST_BOOTARGS_LEN];
static struct guest_image guest;

/*
 * ISA extensions the guest may see only when a henvcfg bit enables them for VS/VU-mode
 * (§18.2.5); the bit is written and read back, and the extension hidden if it did not stick.
 */
static const struct {
    const char *ext;
    unsigned long bits;
} envcfg_exts[] = {
        {"zicboz", ENVCFG_CBZE}, {"zicbom", ENVCFG_CBIE_FLUSH | ENVCFG_CBCFE},
        {"svpbmt", 1UL << 62},   {"svadu", 1UL << 61},
        {"sstc", ENVCFG_STCE},
};
#define N_ENVCFG_EXTS (sizeof(envcfg_exts) / sizeof(envcfg_exts[0]))

/* Not virtualized, never shown: AIA (the guest gets a PLIC), the PMU overflow interrupt. */
static const char *const hidden_exts[] = {"smaia", "ssaia", "sscofpmf"};

static void warn_option(const char *msg)
{
    hlog("warning: %s", msg);
}

static void fail(const char *fmt, const char *arg)
{
    char reason[200];
    fmt_snprintf(reason, sizeof(reason), fmt, arg);
    verdict_fail_and_poweroff(reason);
}

/* Sets henvcfg and builds the guest's riscv,isa string. */
static void setup_envcfg_and_isa(void)
{
    const char *drop[N_ENVCFG_EXTS + sizeof(hidden_exts) / sizeof(hidden_exts[0])];
    unsigned ndrop = 0;
    unsigned long want = 0, got;

    for (unsigned i = 0; i < N_ENVCFG_EXTS; i++)
        if (isa_has_ext(host.isa, envcfg_exts[i].ext) &&
            (envcfg_exts[i].bits != ENVCFG_STCE || vm.opt.timer != OPT_TIMER_SBI))
            want |= envcfg_exts[i].bits;
    /* Sstc is told by STCE being writable, whatever the DTB says. */
    if (vm.opt.timer != OPT_TIMER_SBI)
        want |= ENVCFG_STCE;
    unsigned long scause;
    got = guard_write_henvcfg(want, &scause);
    if (scause) {
        hlog("henvcfg is not accessible (scause %lu): no Sstc, Zicbo*, Svpbmt for the guest",
             scause);
        got = 0;
    }
    vm.henvcfg = got;
    vm.henvcfg_ok = scause == 0;
    if (vm.opt.timer == OPT_TIMER_SSTC && !(got & ENVCFG_STCE))
        hlog("hext.timer=sstc: Sstc absent (henvcfg.STCE not writable): using the SBI timer");
    /* Like KVM, let the guest program vstimecmp itself where it can: no exit per tick. */
    vm.opt.timer =
            vm.opt.timer != OPT_TIMER_SBI && (got & ENVCFG_STCE) ? OPT_TIMER_SSTC : OPT_TIMER_SBI;
    hlog("timer: %s", vm.opt.timer == OPT_TIMER_SSTC
                              ? "sstc (the guest writes vstimecmp; henvcfg.STCE=1)"
                              : "sbi (set_timer multiplexed onto the host timer, hvip.VSTIP)");
    for (unsigned i = 0; i < N_ENVCFG_EXTS; i++)
        if ((got & envcfg_exts[i].bits) != envcfg_exts[i].bits)
            drop[ndrop++] = envcfg_exts[i].ext;
    for (unsigned i = 0; i < sizeof(hidden_exts) / sizeof(hidden_exts[0]); i++)
        drop[ndrop++] = hidden_exts[i];
    if (!isa_filter(host.isa, guest_isa, sizeof(guest_isa), drop, ndrop))
        fail("host riscv,isa too long for the guest's copy: %s", host.isa);
}

static void layout_guest_ram(void)
{
    uint64_t host_end = host.ram_base + host.ram_size;

    vm.ram_gpa = GUEST_RAM_GPA;
    vm.ram_size = (uint64_t)vm.opt.mem_mib * MIB;
    vm.ram_high = (uint8_t *)guest_ram_high;
    vm.ram_low = vm.ram_high + vm.ram_size - GUEST_LOW_SIZE;
    uint64_t needed_end = (uint64_t)(uintptr_t)vm.ram_low + GUEST_LOW_SIZE;
    if (needed_end > host_end) {
        char msg[160];
        fmt_snprintf(msg, sizeof(msg),
                     "guest RAM of %u MiB needs host RAM up to 0x%llx, the host has up to 0x%llx",
                     vm.opt.mem_mib, (unsigned long long)needed_end, (unsigned long long)host_end);
        verdict_fail_and_poweroff(msg);
    }
}

/* A bundle the emulator loaded as the host's initrd (hext run --guest), else the built-in
 * guest, which already lies where it runs. */
static void choose_guest(void)
{
    if (host.initrd_end > host.initrd_start) {
        guest_bundle_open(&vm, host.initrd_start, host.initrd_end, host.ram_base + host.ram_size,
                          GUEST_FDT_MAX, &guest);
        return;
    }
    guest = (struct guest_image){
            .image = (const uint8_t *)guest_image,
            .image_size = (uint64_t)(guest_image_end - guest_image),
            .load_gpa = GUEST_ENTRY,
            .initrd = (const uint8_t *)guest_initrd,
            .initrd_size = (uint64_t)(guest_initrd_end - guest_initrd),
            .initrd_gpa = GUEST_ENTRY + (uint64_t)(guest_initrd - guest_ram_high),
            .cmdline = guest_cmdline,
            .source = "built in, in place",
    };
    if (guest.initrd_gpa + guest.initrd_size > vm.ram_gpa + vm.ram_size - GUEST_FDT_MAX)
        fail("guest RAM too small for the built-in Image and initramfs%s", " (raise hext.mem)");
}

static void build_bootargs(void)
{
    const char *console =
            vm.opt.console == OPT_CONSOLE_HVC0 ? "console=hvc0 earlycon=sbi" : "console=ttyS0";
    fmt_snprintf(guest_bootargs, sizeof(guest_bootargs), "%s%s%s", guest.cmdline,
                 guest.cmdline[0] ? " " : "", console);
}

/* Writes the guest DTB at the top of guest RAM; returns its guest-physical address. */
static uint64_t write_guest_fdt(void)
{
    uint64_t gpa = vm.ram_gpa + vm.ram_size - GUEST_FDT_MAX;
    struct guest_fdt_params p = {
            .isa = guest_isa,
            .mmu_type = host.mmu_type,
            .timebase = host.timebase,
            .nvcpus = vm.nvcpus,
            .ram_base = vm.ram_gpa,
            .ram_size = vm.ram_size,
            .bootargs = guest_bootargs,
            .initrd_start = guest.initrd_size ? guest.initrd_gpa : 0,
            .initrd_end = guest.initrd_size ? guest.initrd_gpa + guest.initrd_size : 0,
    };
    int size = guest_fdt_build(guest_ram_ptr(&vm, gpa, GUEST_FDT_MAX), GUEST_FDT_MAX, &p);
    if (size < 0)
        fail("could not build the guest device tree (%s)", "lib/fdt writer error");
    return gpa;
}

static void print_banner(const struct gstage *g)
{
    hlog("guest0: %u MiB at 0x%llx (image %lu KiB at 0x%llx, initramfs %lu KiB; %s), %u vCPU%s",
         vm.opt.mem_mib, (unsigned long long)vm.ram_gpa, (unsigned long)(guest.image_size / 1024),
         (unsigned long long)guest.load_gpa, (unsigned long)(guest.initrd_size / 1024),
         guest.source, vm.nvcpus, vm.nvcpus == 1 ? "" : "s");
    for (unsigned i = 0; i < vm.nvcpus; i++)
        hlog("vCPU %u on host hart %lu", i, vm.vcpu[i].host_hartid);
    hlog("settings: hext.gstage=%s hext.timer=%s hext.mmio=%s hext.console=%s hext.mem=%u "
         "hext.reboot=%s hext.hostcon=%s",
         opt_gstage_name(g->mode), opt_timer_name(vm.opt.timer), opt_mmio_name(vm.opt.mmio),
         opt_console_name(vm.opt.console), vm.opt.mem_mib, opt_reboot_name(vm.opt.reboot),
         opt_hostcon_name(vm.opt.hostcon));
    if (vm.opt.hostcon == OPT_HOSTCON_AUTO && host.uart)
        hlog("host console: the ns16550a at 0x%llx (/chosen/stdout-path), written directly",
             (unsigned long long)host.uart);
    else
        hlog("host console: SBI legacy putchar/getchar");
    hlog("G-stage: hgatp 0x%lx, VMIDLEN %u, VMID %lu", g->hgatp, g->vmid_bits, g->vmid);
    hlog("guest isa: %s", guest_isa);
    hlog("guest bootargs: %s", guest_bootargs);
}

static void read_host(unsigned long hartid, const void *fdt)
{
    const char *what = "";
    int err = hostinfo_read(&host, fdt, hartid, &what);
    if (err)
        fail("host device tree unusable: no %s", what);
    verdict_set_timebase(host.timebase);
    hlog("host: %u hart%s, RAM 0x%llx+%llu MiB, timebase %u Hz", host.nharts,
         host.nharts == 1 ? "" : "s", (unsigned long long)host.ram_base,
         (unsigned long long)(host.ram_size / MIB), host.timebase);
    hlog("host isa: %s", host.isa);
    hlog("host bootargs: %s", host.bootargs);
}

/* misa is M-mode only, so H is detected by touching hstatus under a guard (guard.S). */
static void require_h(void)
{
    unsigned long scause;
    guard_read_hstatus(&scause);
    bool dtb_says_h = isa_has_letter(host.isa, 'h');
    if (scause) {
        char msg[HOST_ISA_LEN + 120];
        fmt_snprintf(msg, sizeof(msg),
                     "no hypervisor extension: reading hstatus trapped (scause %lu); the DTB "
                     "riscv,isa \"%s\" %s 'h'",
                     scause, host.isa, dtb_says_h ? "does list" : "does not list");
        verdict_fail_and_poweroff(msg);
    }
    hlog("H extension: present (hstatus is readable; the DTB riscv,isa %s 'h')",
         dtb_says_h ? "lists" : "does not list");
}

/* vCPU 0 on this (the boot) hart, vCPU i on the i-th other usable host hart, as many as
 * hext.vcpus asks for (default: all), at most VM_MAX_VCPUS. */
static void setup_vcpus(unsigned long boot_hartid)
{
    unsigned want = vm.opt.vcpus ? vm.opt.vcpus : host.nother + 1;
    unsigned n = want;
    if (n > host.nother + 1)
        n = host.nother + 1;
    if (n > VM_MAX_VCPUS)
        n = VM_MAX_VCPUS;
    if (n != want)
        hlog("hext.vcpus=%u: %u usable host hart%s and at most %u vCPUs: the guest gets %u", want,
             host.nother + 1, host.nother ? "s" : "", VM_MAX_VCPUS, n);
    vm.nvcpus = n;
    vcpu_init(&vm, 0, boot_hartid);
    vm.vcpu[0].hart_entered = true;
    __asm__ volatile("mv tp, %0" : : "r"(&vm.vcpu[0])); /* vcpu_current() on this hart */
    for (unsigned i = 1; i < n; i++)
        vcpu_init(&vm, i, host.other_hartids[i - 1]);
}

void hyp_main(unsigned long hartid, const void *fdt)
{
    struct gstage g;

    hlog("hext hypervisor %s on hart %lu, host DTB at %p", HEXT_VERSION, hartid, fdt);
    read_host(hartid, fdt);
    require_h();
    /* fw_jump copies the DTB to a fixed address (0x82200000) after loading the payload. */
    if ((const char *)fdt < __hyp_end)
        hlog("warning: the host DTB at %p lies inside this image (ends at %p): the image is "
             "too big for fw_jump and may have been corrupted",
             fdt, (void *)__hyp_end);

    options_default(&vm.opt);
    options_parse(&vm.opt, host.bootargs, warn_option);
    setup_vcpus(hartid);
    vm.mvendorid =
            (unsigned long)host_sbi_call(SBI_EXT_BASE, SBI_BASE_GET_MVENDORID, 0, 0, 0).value;
    vm.marchid = (unsigned long)host_sbi_call(SBI_EXT_BASE, SBI_BASE_GET_MARCHID, 0, 0, 0).value;
    vm.mimpid = (unsigned long)host_sbi_call(SBI_EXT_BASE, SBI_BASE_GET_MIMPID, 0, 0, 0).value;

    if (vm.opt.hostcon == OPT_HOSTCON_AUTO && host.uart)
        hostcon_use_uart((uintptr_t)host.uart);
    setup_envcfg_and_isa();
    layout_guest_ram();
    choose_guest();
    int err = gstage_setup(&vm, vm.opt.gstage, &g);
    if (err)
        fail("G-stage table: %s", pt_strerror(err));
    vm.hgatp = g.hgatp;
    vcpu_hart_setup(&vm);
    build_bootargs();
    print_banner(&g);

    unsigned long scause;
    guard_read_instret(&scause);
    stats.count_instret = scause == 0;
    stats.guest_start_time = timer_now();
    timer_init(&vm, host.timebase);
    for (;;) {
        if (!guest_image_load(&vm, &guest))
            fail("guest image or initrd outside guest RAM%s", "");
        fence_i(); /* the guest runs what was just stored (a bundle, a reboot's pristine copy) */
        uint64_t fdt_gpa = write_guest_fdt();
        vdev_init(&vm);
        ATOMIC_INC(stats.guest_boots);
        /* vCPU 0 starts like Linux's boot hart; the guest starts the others (SBI HSM). */
        vcpu_start(&vm.vcpu[0], guest.load_gpa, fdt_gpa);
        vcpu_hart_loop(&vm.vcpu[0]);
        vcpu_wait_for_parked(&vm);
        if (vm.end != VM_REBOOT)
            break;
        /* Reboot: the running copy of the images was written by the guest; restore it. */
        hlog("guest0 asked for a %s: restarting it", vm.reason);
        guest_console_flush();
        guest_verdict_reset();
        /* A bundle's guest is copied in again at the top of the loop. */
        if (guest.image == (const uint8_t *)guest_image)
            memcpy(guest_image, guest_pristine, (size_t)(guest_pristine_end - guest_pristine));
        hfence_gvma_all();
        hfence_vvma_all();
        for (unsigned i = 0; i < vm.nvcpus; i++)
            vm.vcpu[i].state = VCPU_STOPPED;
        vm.end = VM_RUNNING;
    }
    verdict_finish(&vm);
}
