/*
 * G-stage translation for the guest (privileged spec §18.5). Guest RAM is guest-physical
 * [0x80000000, +size). The Linux Image is linked into the hypervisor 2 MiB-aligned and must
 * appear at guest-physical 0x80200000 without being copied, so guest RAM is backed by two host
 * ranges (README.md, "Memory layout"):
 *   GPA 0x80000000 .. +2 MiB    -> vm->ram_low  (a 2 MiB chunk after the high part)
 *   GPA 0x80200000 .. end       -> vm->ram_high (starts at the embedded Image)
 * Everything else (the UART and PLIC windows included) is unmapped, so guest accesses there
 * trap as guest-page faults (causes 20/21/23) to mmio.c. With hext.uart=paged the UART's LSR
 * page is the exception: mapped read-only onto vm->uart_shadow (uart_vdev.c), so loads of LSR
 * do not exit, while stores there still fault (cause 23) and fetches fault (cause 20).
 */
#include "gstage.h"

#include "console.h"
#include "csr.h"
#include "guest_fdt.h"
#include "pt/pt.h"
#include "string.h"
#include "uart16550.h"
#include "vcpu.h"

static void *pool_alloc(void *ctx, size_t bytes)
{
    struct vm *vm = ctx;
    if (bytes == sizeof(vm->pt_root)) {
        if (vm->pt_used & 0x100)
            return 0;
        vm->pt_used |= 0x100;
        return vm->pt_root;
    }
    unsigned n = vm->pt_used & 0xff;
    if (n >= sizeof(vm->pt_pages) / sizeof(vm->pt_pages[0]))
        return 0;
    vm->pt_used++;
    return vm->pt_pages[n];
}

static const enum pt_mode pt_modes[] = {PT_SV39X4, PT_SV48X4, PT_SV57X4};
static const unsigned long hgatp_modes[] = {8, 9, 10}; /* §18.2.10 table 29 */
static uint8_t probe_root[16384] __attribute__((aligned(16384)));

/* §18.2.10: an unsupported MODE write leaves hgatp unchanged, so read back to see. The root
 * is empty and V=0, so nothing is translated with it. */
static bool mode_supported(enum opt_gstage m)
{
    unsigned long want = hgatp_modes[m] << ATP_MODE_SHIFT | (unsigned long)probe_root >> 12;
    csr_write(hgatp, want);
    bool ok = csr_read(hgatp) >> ATP_MODE_SHIFT == hgatp_modes[m];
    csr_write(hgatp, 0);
    return ok;
}

void gstage_probe(enum opt_gstage want, struct gstage *g)
{
    g->mode = want;
    /* Sv39x4 is never probed: the 2024 Sail model stops on hgatp writes it does not support
     * instead of ignoring them (shared/PLATFORMS.md), and Sv39x4 is required with Sv39. */
    if (want != OPT_SV39X4 && !mode_supported(want)) {
        hlog("G-stage %s not supported (hgatp write did not stick): using sv39x4",
             opt_gstage_name(want));
        g->mode = OPT_SV39X4;
    }
    /* VMIDLEN: write all ones to VMID and count what sticks (§18.2.10). Sv39x4 with the empty
     * probe root: V=0, so nothing is translated. */
    unsigned long vmid_ones = HGATP_VMID_MASK >> HGATP_VMID_SHIFT;
    csr_write(hgatp, hgatp_modes[OPT_SV39X4] << ATP_MODE_SHIFT | vmid_ones << HGATP_VMID_SHIFT |
                             (unsigned long)probe_root >> 12);
    unsigned long vmid_field = csr_read(hgatp) >> HGATP_VMID_SHIFT & vmid_ones;
    csr_write(hgatp, 0);
    g->vmid_bits = 0;
    while (vmid_field >> g->vmid_bits & 1)
        g->vmid_bits++;
}

int gstage_build(struct vm *vm, enum opt_gstage mode, unsigned long vmid)
{
    struct pt pt;
    const uint64_t flags = PTE_R | PTE_W | PTE_X | PTE_U | PTE_A | PTE_D;

    vm->pt_used = 0;
    int err = pt_init(&pt, pt_modes[mode], pool_alloc, vm);
    if (!err)
        err = pt_map(&pt, vm->ram_gpa, (uint64_t)(uintptr_t)vm->ram_low, GUEST_LOW_SIZE, flags);
    if (!err)
        err = pt_map(&pt, vm->ram_gpa + GUEST_LOW_SIZE, (uint64_t)(uintptr_t)vm->ram_high,
                     vm->ram_size - GUEST_LOW_SIZE, flags);
    /* Readable only: no W (stores fault and are emulated), no X; U as every G-stage leaf must
     * have (§18.5.1), A set so no hart has to fault or update it on the first load. */
    if (!err && vm->uart_shift == VUART_PAGED_SHIFT)
        err = pt_map(&pt, VUART_BASE + ((uint64_t)UART_REG_LSR << VUART_PAGED_SHIFT),
                     (uint64_t)(uintptr_t)vm->uart_shadow, sizeof(vm->uart_shadow),
                     PTE_R | PTE_U | PTE_A);
    if (err)
        return err;
    vm->vmid = vmid;
    vm->hgatp = pt_satp(&pt, vmid);
    /* §18.3.2/§18.5.3: translations cached for this VMID before this table existed must go. */
    hfence_gvma_all();
    return 0;
}

void *guest_ram_ptr(struct vm *vm, uint64_t gpa, uint64_t len)
{
    uint64_t off = gpa - vm->ram_gpa;
    if (gpa < vm->ram_gpa || off >= vm->ram_size || len > vm->ram_size - off)
        return 0;
    if (off + len <= GUEST_LOW_SIZE)
        return vm->ram_low + off;
    if (off >= GUEST_LOW_SIZE)
        return vm->ram_high + (off - GUEST_LOW_SIZE);
    return 0; /* straddles the two backings: callers treat it as not RAM */
}
