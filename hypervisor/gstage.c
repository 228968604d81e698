/*
 * G-stage translation for the guest (privileged spec §18.5). Guest RAM is guest-physical
 * [0x80000000, +size). The Linux Image is linked into the hypervisor 2 MiB-aligned and must
 * appear at guest-physical 0x80200000 without being copied, so guest RAM is backed by two host
 * ranges (README.md, "Memory layout"):
 *   GPA 0x80000000 .. +2 MiB    -> vm->ram_low  (a 2 MiB chunk after the high part)
 *   GPA 0x80200000 .. end       -> vm->ram_high (starts at the embedded Image)
 * Everything else (the PLIC window included) is unmapped, so guest accesses there trap as
 * guest-page faults (causes 20/21/23) to mmio.c. The UART's page is mapped read-only onto a
 * shadow while its reads have no side effects (uart_vdev.c), and unmapped otherwise.
 */
#include "gstage.h"

#include "console.h"
#include "csr.h"
#include "pt/pt.h"
#include "string.h"
#include "vcpu.h"
#include "vdev.h"

/* Root (16 KiB, §18.5.1) plus intermediate tables: RAM below 4 GiB in 2 MiB leaves needs one
 * table per level below the root, the UART's 4 KiB page (another GiB) two more. */
#define POOL_PAGES 8
static uint8_t pool_root[16384] __attribute__((aligned(16384)));
static uint8_t pool_pages[POOL_PAGES][4096] __attribute__((aligned(4096)));
static unsigned pool_used;
static bool root_used;

static void *pool_alloc(void *ctx, size_t bytes)
{
    (void)ctx;
    if (bytes == sizeof(pool_root)) {
        if (root_used)
            return 0;
        root_used = true;
        return pool_root;
    }
    return pool_used < POOL_PAGES ? pool_pages[pool_used++] : 0;
}

static const enum pt_mode pt_modes[] = {PT_SV39X4, PT_SV48X4, PT_SV57X4};
static const unsigned long hgatp_modes[] = {8, 9, 10}; /* §18.2.10 table 29 */

/* §18.2.10: an unsupported MODE write leaves hgatp unchanged, so read back to see. The root
 * is empty and V=0, so nothing is translated with it. */
static bool mode_supported(enum opt_gstage m)
{
    unsigned long want = hgatp_modes[m] << ATP_MODE_SHIFT | (unsigned long)pool_root >> 12;
    csr_write(hgatp, want);
    bool ok = csr_read(hgatp) >> ATP_MODE_SHIFT == hgatp_modes[m];
    csr_write(hgatp, 0);
    return ok;
}

int gstage_setup(struct vm *vm, enum opt_gstage want, struct gstage *g)
{
    struct pt pt;
    const uint64_t flags = PTE_R | PTE_W | PTE_X | PTE_U | PTE_A | PTE_D;

    g->mode = want;
    /* Sv39x4 is never probed: the 2024 Sail model stops on hgatp writes it does not support
     * instead of ignoring them (shared/PLATFORMS.md), and Sv39x4 is required with Sv39. */
    if (want != OPT_SV39X4 && !mode_supported(want)) {
        hlog("G-stage %s not supported (hgatp write did not stick): using sv39x4",
             opt_gstage_name(want));
        g->mode = OPT_SV39X4;
    }
    pool_used = 0;
    root_used = false;
    int err = pt_init(&pt, pt_modes[g->mode], pool_alloc, 0);
    if (!err)
        err = pt_map(&pt, vm->ram_gpa, (uint64_t)(uintptr_t)vm->ram_low, GUEST_LOW_SIZE, flags);
    if (!err)
        err = pt_map(&pt, vm->ram_gpa + GUEST_LOW_SIZE, (uint64_t)(uintptr_t)vm->ram_high,
                     vm->ram_size - GUEST_LOW_SIZE, flags);
    if (!err)
        err = uart_vdev_map_shadow(&pt);
    if (err)
        return err;

    /* VMIDLEN: write all ones to VMID and count what sticks (§18.2.10). */
    unsigned long vmid_ones = HGATP_VMID_MASK >> HGATP_VMID_SHIFT;
    csr_write(hgatp, pt_satp(&pt, vmid_ones));
    unsigned long vmid_field = csr_read(hgatp) >> HGATP_VMID_SHIFT & vmid_ones;
    g->vmid_bits = 0;
    while (vmid_field >> g->vmid_bits & 1)
        g->vmid_bits++;
    g->vmid = g->vmid_bits ? 1 : 0;
    g->hgatp = pt_satp(&pt, g->vmid);
    csr_write(hgatp, g->hgatp);
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
