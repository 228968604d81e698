/*
 * hext hypervisor: from OpenSBI's jump to the guests' first instructions. Boot order: check for
 * H, read the host DTB, apply hext.* switches, probe what the host offers the guests (henvcfg,
 * Sstc, Smstateen, G-stage modes, VMIDLEN), lay out and set up the guests (vm.c; guest k runs
 * bundle k of the file the emulator loaded as the host's initrd, if any: guest_bundle.c), give
 * their vCPUs to host harts (sched.c), start the harts and the guests, report (verdict.c).
 */
#include "bundle/bundle.h"
#include "console.h"
#include "csr.h"
#include "fmt.h"
#include "gstage.h"
#include "guard.h"
#include "guest_bundle.h"
#include "guest_fdt.h"
#include "guest_images.h"
#include "host_sbi.h"
#include "host_work.h"
#include "hostcon.h"
#include "hostinfo.h"
#include "isa.h"
#include "isolation.h"
#include "pt/pt.h"
#include "rng_seed.h"
#include "sbi.h"
#include "sched.h"
#include "stats.h"
#include "string.h"
#include "timer.h"
#include "verdict.h"
#include "vm.h"
#include "vs_context.h"

#define HEXT_VERSION "0.1"
#define MIB          (1024UL * 1024)

/* Smstateen (hstateen0 bits, Smstateen spec §3): SE0 lets VS-mode see sstateen0, ENVCFG lets
 * it access senvcfg. Without ENVCFG every guest senvcfg access is a virtual-instruction trap. */
#define HSTATEEN0_SE0    (1UL << 63)
#define HSTATEEN0_ENVCFG (1UL << 62)

extern char __hyp_end[];    /* linker.ld */
void secondary_entry(void); /* boot.S */

static struct options opt;
static struct hostinfo host;
static char guest_isa[HOST_ISA_LEN];
static struct gstage gstage;

/*
 * ISA extensions the guest may see only when a henvcfg bit enables them for VS/VU-mode
 * (§18.2.5); the bit is written and read back, and the extension hidden if it did not stick.
 * Zicbom/Zicboz are useless without their block size in the device tree (Linux turns them
 * off): they are offered only when the host DTB gives one, which the guest DTB then repeats.
 */
static const struct {
    const char *ext;
    unsigned long bits;
    const uint32_t *block_size; /* NULL: the extension has none */
} envcfg_exts[] = {
        {"zicboz", ENVCFG_CBZE, &host.cboz_block},
        {"zicbom", ENVCFG_CBIE_FLUSH | ENVCFG_CBCFE, &host.cbom_block},
        {"svpbmt", ENVCFG_PBMTE, 0},
        {"svadu", ENVCFG_ADUE, 0},
        {"sstc", ENVCFG_STCE, 0},
};
#define N_ENVCFG_EXTS (sizeof(envcfg_exts) / sizeof(envcfg_exts[0]))

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
    const char *drop[N_ENVCFG_EXTS + ISA_NOT_VIRTUALIZED_COUNT];
    unsigned ndrop = 0;
    unsigned long want = 0, got;

    for (unsigned i = 0; i < N_ENVCFG_EXTS; i++) {
        bool host_has = isa_has_ext(host.isa, envcfg_exts[i].ext);
        const uint32_t *block = envcfg_exts[i].block_size;
        /* "zicbom" + 2 is "cbom", as in riscv,cbom-block-size. */
        if (host_has && block && *block)
            hlog("%s: block size %u bytes (host DTB)", envcfg_exts[i].ext, *block);
        else if (host_has && block)
            hlog("%s: not offered: the host DTB has no riscv,%s-block-size", envcfg_exts[i].ext,
                 envcfg_exts[i].ext + 2);
        if (host_has && (!block || *block) &&
            (envcfg_exts[i].bits != ENVCFG_STCE || opt.timer != OPT_TIMER_SBI))
            want |= envcfg_exts[i].bits;
    }
    /* Sstc is told by STCE being writable, whatever the DTB says. */
    if (opt.timer != OPT_TIMER_SBI)
        want |= ENVCFG_STCE;
    unsigned long scause;
    got = guard_write_henvcfg(want, &scause);
    if (scause) {
        hlog("henvcfg is not accessible (scause %lu): no Sstc, Zicbo*, Svpbmt for the guest",
             scause);
        got = 0;
    }
    vm_henvcfg = got;
    vs_features.henvcfg = scause == 0;
    if (opt.timer == OPT_TIMER_SSTC && !(got & ENVCFG_STCE))
        hlog("hext.timer=sstc: Sstc absent (henvcfg.STCE not writable): using the SBI timer");
    /* Like KVM, let the guest program vstimecmp itself where it can: no exit per tick. */
    opt.timer = opt.timer != OPT_TIMER_SBI && (got & ENVCFG_STCE) ? OPT_TIMER_SSTC : OPT_TIMER_SBI;
    hlog("timer: %s", opt.timer == OPT_TIMER_SSTC
                              ? "sstc (the guest writes vstimecmp; henvcfg.STCE=1)"
                              : "sbi (set_timer multiplexed onto the host timer, hvip.VSTIP)");
    for (unsigned i = 0; i < N_ENVCFG_EXTS; i++)
        if ((got & envcfg_exts[i].bits) != envcfg_exts[i].bits)
            drop[ndrop++] = envcfg_exts[i].ext;
    for (unsigned i = 0; i < ISA_NOT_VIRTUALIZED_COUNT; i++)
        drop[ndrop++] = isa_not_virtualized[i];
    if (!isa_filter(host.isa, guest_isa, sizeof(guest_isa), drop, ndrop))
        fail("host riscv,isa too long for the guest's copy: %s", host.isa);
    vs_features.sstc = (got & ENVCFG_STCE) != 0;
}

/* senvcfg (priv 1.12) and hstateen0 (Smstateen) are switched per vCPU where they exist. */
static void probe_vs_csrs(void)
{
    unsigned long scause;
    guard_read_senvcfg(&scause);
    vs_features.senvcfg = scause == 0;
    unsigned long got = guard_write_hstateen0(HSTATEEN0_SE0 | HSTATEEN0_ENVCFG, &scause);
    vs_features.hstateen0 = scause == 0;
    vm_hstateen0 = scause ? 0 : got;
    if (vs_features.hstateen0)
        hlog("Smstateen: hstateen0 = 0x%lx for every vCPU", vm_hstateen0);
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

static void take_rng_seed(void *fdt)
{
    size_t len;
    uint8_t *seed = hostinfo_rng_seed(fdt, &len);
    rng_seed_init(seed, len);
    /* Wiped, as Linux wipes the seed it takes: the blob lies in memory a guest may be given. */
    if (seed)
        memset(seed, 0, len);
    if (len)
        hlog("rng-seed: %zu bytes at each guest boot, drawn from the host DTB's %zu",
             len < RNG_SEED_MAX ? len : (size_t)RNG_SEED_MAX, len);
    else
        hlog("rng-seed: none in the host DTB, so none for the guests");
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

/* Guest n's vCPU count: hext.guestN.vcpus, hext.vcpus, else one per usable host hart. */
static unsigned guest_vcpus(unsigned n)
{
    unsigned want = opt_guest_vcpus(&opt, n);
    unsigned got = want ? want : host.nother + 1;
    if (got > VM_MAX_VCPUS)
        got = VM_MAX_VCPUS;
    if (want && got != want)
        hlog("guest%u: %u vCPUs asked for, at most %u: it gets %u", n, want, VM_MAX_VCPUS, got);
    return got;
}

/* Guest n's image: its bundle, handed in at run time (hext run --guest), else the built-in one
 * hext.guestN= names. */
static const struct guest_image *image_of(unsigned n, const struct guest_image **bundles,
                                          unsigned nbundles)
{
    if (n < nbundles) {
        if (opt.guest[n].image[0])
            hlog("guest%u: runs its guest bundle, not hext.guest%u=%s", n, n, opt.guest[n].image);
        return bundles[n];
    }
    const struct guest_image *img = guest_image_find(opt.guest[n].image);
    if (!img) {
        char msg[120];
        fmt_snprintf(msg, sizeof(msg), "hext.guest%u=%s: no such built-in guest image", n,
                     opt.guest[n].image);
        verdict_fail_and_poweroff(msg);
    }
    return img;
}

/* Guests one after another from guest_ram_high (guest 0's Image is in place there). */
static void setup_guests(void)
{
    uint8_t *base[VM_MAX_GUESTS + 1] = {(uint8_t *)guest_ram_high};
    uint64_t host_end = host.ram_base + host.ram_size;

    bool have_bundles = host.initrd_end > host.initrd_start;
    /* Without hext.guests=, one guest per bundle; a count out of range is reported below. */
    unsigned counted = have_bundles ? bundle_count((const void *)(uintptr_t)host.initrd_start,
                                                   host.initrd_end - host.initrd_start)
                                    : 0;
    if (!opt.guests_given && counted > 1 && counted <= VM_MAX_GUESTS)
        opt.guests = counted;
    nvms = opt.guests;
    /* Distinct non-zero VMIDs when VMIDLEN has room, else one shared VMID and a flush at
     * every guest switch (sched.c; §18.5.3). */
    vmid_shared = nvms > 1 && (gstage.vmid_bits == 0 || nvms >= (1UL << gstage.vmid_bits) ||
                               opt.vmid == OPT_VMID_SHARED);
    for (unsigned n = 0; n < nvms; n++) {
        unsigned mem = opt_guest_mem_mib(&opt, n);
        uint64_t end = (uint64_t)(uintptr_t)base[n] + vm_footprint(mem);
        if (end > host_end) {
            char msg[200];
            fmt_snprintf(msg, sizeof(msg),
                         "guest%u's RAM of %u MiB needs host RAM up to 0x%llx, the host has up "
                         "to 0x%llx (lower hext.mem or hext.guests)",
                         n, mem, (unsigned long long)end, (unsigned long long)host_end);
            verdict_fail_and_poweroff(msg);
        }
        base[n + 1] = (uint8_t *)(uintptr_t)end;
    }
    /* Before anything is written into the guests' RAM, where the bundles may lie. */
    const struct guest_image *bundles[VM_MAX_GUESTS];
    uint64_t ram_size[VM_MAX_GUESTS];
    unsigned nbundles = 0;
    for (unsigned n = 0; n < nvms; n++)
        ram_size[n] = vm_footprint(opt_guest_mem_mib(&opt, n));
    if (have_bundles)
        nbundles = guest_bundle_open(host.initrd_start, host.initrd_end, host_end,
                                     (uint64_t)(uintptr_t)base[nvms], ram_size, nvms, GUEST_FDT_MAX,
                                     bundles);
    for (unsigned n = 0; n < nvms; n++) {
        struct vm *vm = &vms[n];
        unsigned long vmid = vmid_shared || gstage.vmid_bits == 0 ? 0 : n + 1;
        int err = vm_setup(vm, n, &opt, image_of(n, bundles, nbundles), guest_vcpus(n),
                           opt_guest_mem_mib(&opt, n), base[n], vmid);
        if (err) {
            char msg[200];
            fmt_snprintf(msg, sizeof(msg), "guest%u's G-stage table (%u MiB of RAM): %s%s", n,
                         vm->mem_mib, pt_strerror(err),
                         err == PT_ERR_NOMEM ? " (a table page per GiB of RAM: lower hext.mem)"
                                             : "");
            verdict_fail_and_poweroff(msg);
        }
        if (!vm_image_fits(vm))
            fail("guest RAM too small for the built-in image%s", " (raise hext.mem)");
    }
}

/* vCPU k of all guests (guest-major) goes to hart k mod H, H = min(usable harts, vCPUs):
 * pinned 1:1 when there are enough harts, else time-sliced. Hart 0 is the boot hart. */
static void assign_vcpus(unsigned long boot_hartid)
{
    unsigned total = 0, k = 0;
    for (unsigned n = 0; n < nvms; n++)
        total += vms[n].nvcpus;
    unsigned harts = host.nother + 1 < PCPU_MAX ? host.nother + 1 : PCPU_MAX;
    npcpus = total < harts ? total : harts;
    sched_init_pcpu(0, boot_hartid);
    for (unsigned i = 1; i < npcpus; i++)
        sched_init_pcpu(i, host.other_hartids[i - 1]);
    for (unsigned n = 0; n < nvms; n++)
        for (unsigned i = 0; i < vms[n].nvcpus; i++)
            sched_assign(&pcpus[k++ % npcpus], &vms[n].vcpu[i]);
}

static void print_banner(void)
{
    for (unsigned n = 0; n < nvms; n++) {
        const struct vm *vm = &vms[n];
        const struct guest_image *img = vm->image;
        hlog("guest%u: %u MiB at 0x%llx (host 0x%llx..0x%llx), image %s (%lu KiB%s), %u vCPU%s, "
             "VMID %lu",
             n, vm->mem_mib, (unsigned long long)vm->ram_gpa,
             (unsigned long long)(uintptr_t)vm->ram_high,
             (unsigned long long)(uintptr_t)(vm->ram_high + vm->ram_size), img->name,
             (unsigned long)(img->blob_end - img->blob) / 1024,
             img->in_place && (const uint8_t *)img->in_place == vm->ram_high ? ", in place"
                                                                             : ", copied",
             vm->nvcpus, vm->nvcpus == 1 ? "" : "s", vm->vmid);
        for (unsigned i = 0; i < vm->nvcpus; i++) {
            const struct pcpu *p = vm->vcpu[i].pcpu;
            hlog("guest%u vCPU %u on host hart %lu%s", n, i, p->hartid,
                 sched_shared(p) ? " (time-sliced)" : "");
        }
    }
    hlog("settings: hext.gstage=%s hext.timer=%s hext.mmio=%s hext.console=%s hext.mem=%u "
         "hext.reboot=%s hext.hostcon=%s hext.guests=%u hext.slice=%u hext.vmid=%s hext.uart=%s",
         opt_gstage_name(gstage.mode), opt_timer_name(opt.timer), opt_mmio_name(opt.mmio),
         opt_console_name(opt.console), vms[0].mem_mib, opt_reboot_name(opt.reboot),
         opt_hostcon_name(opt.hostcon), nvms, opt.slice_ms, opt_vmid_name(opt.vmid),
         opt_uart_name(opt.uart));
    if (opt.uart == OPT_UART_PAGED)
        hlog("guest UART: ns16550a at 0x%lx, register n at +(n << %u), LSR page 0x%lx mapped "
             "read-only (LSR polls do not exit)",
             VUART_BASE, VUART_PAGED_SHIFT, VUART_BASE + (UART_REG_LSR << VUART_PAGED_SHIFT));
    else
        hlog("guest UART: ns16550a at 0x%lx, byte registers at +0..7 (every access exits)",
             VUART_BASE);
    if (opt.hostcon == OPT_HOSTCON_AUTO && host.uart)
        hlog("host console: the ns16550a at 0x%llx (/chosen/stdout-path), written directly",
             (unsigned long long)host.uart);
    else
        hlog("host console: SBI legacy putchar/getchar");
    hlog("G-stage: hgatp 0x%lx, VMIDLEN %u, VMID %lu%s", vms[0].hgatp, gstage.vmid_bits,
         vms[0].vmid, vmid_shared ? " (shared by every guest: flushed at each guest switch)" : "");
    hlog("guest isa: %s", guest_isa);
    for (unsigned n = 0; n < nvms; n++)
        if (vms[n].image->cmdline)
            hlog("guest bootargs: %s (guest%u)", vm_bootargs(&vms[n]), n);
}

/* The other harts wait in sched_run for their vCPUs (SBI HSM hart_start, §9.1: a1 = opaque).
 * A started hart reaches sched_secondary_main within microseconds; one that has not after this
 * long was never started by the firmware, and its vCPUs would never run. */
#define HART_ARRIVAL_MS 2000

extern struct pcpu *hart_handoff; /* boot.S: read by a hart the firmware sent to _start */

/* One hart at a time, so that hart_handoff names the hart being started until it arrives. */
static void start_hart(struct pcpu *p)
{
    char msg[160];

    __atomic_store_n(&hart_handoff, p, __ATOMIC_RELEASE);
    struct sbiret r = host_sbi_call(SBI_EXT_HSM, SBI_HSM_HART_START, p->hartid,
                                    (unsigned long)secondary_entry, (unsigned long)p);
    /* Already started: a firmware that started every hart at the payload's entry, where this
     * one waits to be named (boot.S); whether it arrives decides, as for a started hart. */
    if (r.error && r.error != SBI_ERR_ALREADY_AVAILABLE) {
        fmt_snprintf(msg, sizeof(msg), "host hart %lu did not start (SBI HSM error %ld)", p->hartid,
                     r.error);
        verdict_fail_and_poweroff(msg);
    }
    uint64_t deadline = timer_now() + (uint64_t)host.timebase * HART_ARRIVAL_MS / 1000;
    bool arrived;
    while (!(arrived = __atomic_load_n(&p->arrived, __ATOMIC_ACQUIRE)) && timer_now() < deadline)
        ;
    if (arrived) {
        if (p->via_payload_entry)
            hlog("host deviation: host hart %lu was sent to the payload's entry, not to the "
                 "hart_start address (OpenSBI before 1.3 publishes START_PENDING first): "
                 "started from there",
                 p->hartid);
        return;
    }
    long status = host_sbi_call(SBI_EXT_HSM, SBI_HSM_HART_GET_STATUS, p->hartid, 0, 0).value;
    fmt_snprintf(msg, sizeof(msg),
                 "host hart %lu has not reached the hypervisor %u ms after SBI HSM hart_start "
                 "(error %ld; HSM status now %ld)",
                 p->hartid, HART_ARRIVAL_MS, r.error, status);
    verdict_fail_and_poweroff(msg);
}

static void start_harts(void)
{
    for (unsigned i = 1; i < npcpus; i++)
        start_hart(&pcpus[i]);
    __atomic_store_n(&hart_handoff, NULL, __ATOMIC_RELEASE);
}

void hyp_main(unsigned long hartid, void *fdt)
{
    hlog("hext hypervisor %s on hart %lu, host DTB at %p", HEXT_VERSION, hartid, fdt);
    read_host(hartid, fdt);
    take_rng_seed(fdt);
    require_h();
    /* fw_jump copies the DTB to a fixed address (0x82200000) after loading the payload. */
    if ((const char *)fdt < __hyp_end)
        hlog("warning: the host DTB at %p lies inside this image (ends at %p): the image is "
             "too big for fw_jump and may have been corrupted",
             fdt, (void *)__hyp_end);

    options_default(&opt);
    options_parse(&opt, host.bootargs, warn_option);
    vm_host.mvendorid =
            (unsigned long)host_sbi_call(SBI_EXT_BASE, SBI_BASE_GET_MVENDORID, 0, 0, 0).value;
    vm_host.marchid =
            (unsigned long)host_sbi_call(SBI_EXT_BASE, SBI_BASE_GET_MARCHID, 0, 0, 0).value;
    vm_host.mimpid = (unsigned long)host_sbi_call(SBI_EXT_BASE, SBI_BASE_GET_MIMPID, 0, 0, 0).value;
    if (opt.hostcon == OPT_HOSTCON_AUTO && host.uart)
        hostcon_use_uart((uintptr_t)host.uart);
    setup_envcfg_and_isa();
    probe_vs_csrs();
    vm_host.isa = guest_isa;
    vm_host.mmu_type = host.mmu_type;
    vm_host.cbom_block = vm_henvcfg & ENVCFG_CBCFE ? host.cbom_block : 0;
    vm_host.cboz_block = vm_henvcfg & ENVCFG_CBZE ? host.cboz_block : 0;
    vm_host.timebase = host.timebase;
    gstage_probe(opt.gstage, &gstage);
    opt.gstage = gstage.mode;
    setup_guests();
    assign_vcpus(hartid);
    print_banner();

    unsigned long scause;
    guard_read_instret(&scause);
    stats.count_instret = scause == 0;
    timer_init(&opt, host.timebase);
    host_work_init(&opt, host.timebase, timer_now());
    __asm__ volatile("mv tp, %0" : : "r"(&pcpus[0])); /* pcpu_self() on this hart */
    isolation_arm();
    start_harts();
    for (unsigned n = 0; n < nvms; n++)
        vm_boot(&vms[n]);
    sched_run(&pcpus[0]);
    char why[160];
    if (!isolation_intact(why, sizeof(why)))
        verdict_fail_and_poweroff(why);
    hlog("isolation: %s", why);
    verdict_finish();
}
