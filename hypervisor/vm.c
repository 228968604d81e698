/*
 * Guests: set-up, boot, end (see vm.h). A guest's RAM is one host range: the part from
 * guest-physical 0x80200000 up first (so that guest 0's Linux Image, linked 2 MiB-aligned at
 * the start of its range, is in place without a copy), then the 2 MiB chunk for guest-physical
 * 0x80000000 (gstage.c, README.md "Memory layout").
 */
#include "vm.h"

#include "atomic.h"
#include "console.h"
#include "csr.h"
#include "fmt.h"
#include "gstage.h"
#include "guest_fdt.h"
#include "guest_images.h"
#include "guest_load.h"
#include "isolation.h"
#include "rng_seed.h"
#include "sched.h"
#include "stats.h"
#include "string.h"
#include "timer.h"
#include "vdev.h"

#define MIB (1024UL * 1024)

struct vm_host vm_host;
unsigned long vm_henvcfg, vm_hstateen0;
struct vm vms[VM_MAX_GUESTS];
unsigned nvms;

static char bootargs[VM_MAX_GUESTS][512];

const char *vm_bootargs(const struct vm *vm)
{
    return bootargs[vm->id];
}

uint64_t vm_footprint(unsigned mem_mib)
{
    return ((uint64_t)mem_mib * MIB + GUEST_LOW_SIZE - 1) / GUEST_LOW_SIZE * GUEST_LOW_SIZE;
}

int vm_setup(struct vm *vm, unsigned id, const struct options *opt, const struct guest_image *img,
             unsigned nvcpus, unsigned mem_mib, uint8_t *ram_high, unsigned long vmid)
{
    vm->id = id;
    vm->opt = opt;
    vm->image = img;
    vm->mem_mib = mem_mib;
    vm->nvcpus = nvcpus;
    vm->ram_gpa = GUEST_RAM_GPA;
    vm->ram_size = vm_footprint(mem_mib);
    vm->ram_high = ram_high;
    vm->ram_low = ram_high + vm->ram_size - GUEST_LOW_SIZE;
    vm->uart_shift = opt->uart == OPT_UART_PAGED ? VUART_PAGED_SHIFT : 0;
    vm->mvendorid = vm_host.mvendorid;
    vm->marchid = vm_host.marchid;
    vm->mimpid = vm_host.mimpid;
    for (unsigned i = 0; i < nvcpus; i++) {
        vm->vcpu[i].vm = vm;
        vm->vcpu[i].id = i;
        vm->vcpu[i].state = VCPU_STOPPED;
    }
    bootargs[id][0] = '\0';
    if (img->cmdline) {
        /* An early console prints from the guest's first line on; without one a ttyS0 guest
         * prints nothing until its 8250 driver registers, ~45 M instructions (minutes on Sail)
         * in, then its whole boot log at once. Plain earlycon is the DTB's stdout-path, the
         * UART, but Linux maps only its first 4 KiB for it (drivers/tty/serial/earlycon.c,
         * earlycon_map: one fixmap page), which in the paged layout holds RBR/THR alone: its
         * first LSR poll faults and the guest hangs silently. So a paged ttyS0 guest starts on
         * SBI's console, as hvc0 does, and the 8250 driver, which maps the whole window, takes
         * over. */
        const char *console = opt->console == OPT_CONSOLE_HVC0 ? "console=hvc0 earlycon=sbi"
                              : opt->uart == OPT_UART_PAGED    ? "console=ttyS0 earlycon=sbi"
                                                               : "console=ttyS0 earlycon";
        fmt_snprintf(bootargs[id], sizeof(bootargs[id]), "%s%s%s", img->cmdline,
                     img->cmdline[0] ? " " : "", console);
    }
    if (opt->seed[0]) {
        size_t n = strlen(bootargs[id]);
        fmt_snprintf(bootargs[id] + n, sizeof(bootargs[id]) - n, "%shext.seed=%s", n ? " " : "",
                     opt->seed);
    }
    return gstage_build(vm, opt->gstage, vmid);
}

bool vm_image_fits(const struct vm *vm)
{
    const struct guest_image *img = vm->image;
    uint64_t top = vm->ram_gpa + vm->ram_size - GUEST_FDT_MAX;
    uint64_t entry = guest_load_entry(img), initrd, initrd_end;
    guest_load_initrd(img, &initrd, &initrd_end);
    return entry >= vm->ram_gpa && entry + (uint64_t)(img->blob_end - img->blob) <= top &&
           initrd >= vm->ram_gpa && initrd_end <= top;
}

/* Writes the guest DTB at the top of guest RAM; returns its guest-physical address. */
static uint64_t write_fdt(struct vm *vm)
{
    const struct guest_image *img = vm->image;
    uint64_t gpa = vm->ram_gpa + vm->ram_size - GUEST_FDT_MAX;
    uint64_t initrd, initrd_end;
    uint8_t seed[RNG_SEED_MAX];
    guest_load_initrd(img, &initrd, &initrd_end);
    struct guest_fdt_params p = {
            .isa = vm_host.isa,
            .mmu_type = vm_host.mmu_type,
            .cbom_block = vm_host.cbom_block,
            .cboz_block = vm_host.cboz_block,
            .timebase = vm_host.timebase,
            .nvcpus = vm->nvcpus,
            .ram_base = vm->ram_gpa,
            .ram_size = vm->ram_size,
            .uart_shift = vm->uart_shift,
            .bootargs = bootargs[vm->id],
            .rng_seed = seed,
            .rng_seed_len = rng_seed_draw(seed),
            .canary_base = isolation_canary_gpa(vm),
            .canary_size = isolation_has_canary(vm) ? CANARY_SIZE : 0,
            .initrd_start = initrd_end > initrd ? initrd : 0,
            .initrd_end = initrd_end > initrd ? initrd_end : 0,
    };
    if (guest_fdt_build(guest_ram_ptr(vm, gpa, GUEST_FDT_MAX), GUEST_FDT_MAX, &p) < 0)
        vm_end(vm, VM_FAILED, "could not build the guest device tree (lib/fdt writer error)");
    return gpa;
}

static void boot(struct vm *vm)
{
    const struct guest_image *img = vm->image;
    bool in_place = vm->boot_gen == 0 && img->in_place && (uint8_t *)img->in_place == vm->ram_high;

    /* The running copy may have been written by the guest (a reboot), or be another guest's;
     * the guest runs what was just stored. */
    if (!in_place) {
        if (!guest_load(vm, img))
            vm_end(vm, VM_FAILED, "guest image or initrd outside guest RAM");
        fence_i();
    }
    vm->boot_gen++;
    uint64_t fdt = write_fdt(vm);
    vdev_init(vm);
    ATOMIC_INC(stats.guest_boots);
    /* vCPU 0 starts like Linux's boot hart; the guest starts the others (SBI HSM). */
    vcpu_start(&vm->vcpu[0], guest_load_entry(img), fdt);
}

void vm_boot(struct vm *vm)
{
    vm->start_time = timer_now();
    boot(vm);
}

void vm_end(struct vm *vm, enum vm_end how, const char *reason)
{
    spin_lock(&vm->lock);
    bool first = vm->end == VM_RUNNING;
    if (first) {
        fmt_snprintf(vm->reason, sizeof(vm->reason), "%s", reason);
        __atomic_store_n(&vm->end, how, __ATOMIC_RELEASE);
    }
    spin_unlock(&vm->lock);
    /* Every owner hart puts its vCPUs of this guest away (sched.c), then vCPU 0's settles. */
    for (unsigned i = 0; first && i < vm->nvcpus; i++)
        sched_kick(vm->vcpu[i].pcpu);
}

void vm_park_vcpu(struct vcpu *v)
{
    struct vm *vm = v->vm;
    if (v->parked == vm->boot_gen)
        return;
    v->waiting = false;
    __atomic_store_n(&v->parked, vm->boot_gen, __ATOMIC_RELEASE);
    sched_kick(vm->vcpu[0].pcpu);
}

void vm_settle(struct vm *vm)
{
    for (unsigned i = 0; i < vm->nvcpus; i++)
        if (__atomic_load_n(&vm->vcpu[i].parked, __ATOMIC_ACQUIRE) != vm->boot_gen)
            return;
    guest_console_flush(vm);
    if (vm->end == VM_REBOOT) {
        hlog("guest%u asked for a %s: restarting it", vm->id, vm->reason);
        guest_verdict_reset(vm);
        /* Stopped before the guest runs again, so no owner resumes an old vCPU. */
        for (unsigned i = 0; i < vm->nvcpus; i++)
            hsm_store(&vm->vcpu[i].state, VCPU_STOPPED);
        __atomic_store_n(&vm->end, VM_RUNNING, __ATOMIC_RELEASE);
        boot(vm);
        return;
    }
    vm->end_time = timer_now();
    hlog("guest%u ended: %s", vm->id, vm->reason);
    __atomic_store_n(&vm->finished, true, __ATOMIC_RELEASE);
    sched_kick(&pcpus[0]);
}

bool vm_all_finished(void)
{
    for (unsigned i = 0; i < nvms; i++)
        if (!__atomic_load_n(&vms[i].finished, __ATOMIC_ACQUIRE))
            return false;
    return true;
}
