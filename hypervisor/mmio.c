/*
 * Guest-page faults (causes 20, 21, 23): the guest touched a guest-physical address the G-stage
 * table does not map, or stored to the one page it maps read-only (the UART's LSR page with
 * hext.uart=paged: a permission fault is a guest-page fault too, §18.5.1). On a device window
 * the access is emulated; anywhere else the guest gets the access fault real hardware would
 * raise there.
 *
 * The faulting instruction comes from htinst when the implementation wrote a transformed
 * instruction there (§18.6.3), else from guest memory with HLVX.HU (read as the guest would
 * fetch it; two halfwords, since a 32-bit instruction may be only 2-byte aligned).
 */
#include "atomic.h"
#include "console.h"
#include "csr.h"
#include "guest_fdt.h"
#include "guest_insn.h"
#include "insn/insn.h"
#include "stats.h"
#include "trap.h"
#include "vcpu.h"
#include "vdev.h"

typedef bool (*vdev_access_fn)(struct vm *vm, uint64_t off, unsigned width, bool is_store,
                               uint64_t *val);

static const struct {
    uint64_t base;
    uint64_t (*window)(const struct vm *vm); /* per guest: the UART's follows hext.uart */
    vdev_access_fn access;
} devices[] = {
        {VUART_BASE, uart_vdev_window, uart_vdev_access},
        {VPLIC_BASE, plic_vdev_window, plic_vdev_access},
};

/* §18.6.1: a guest-page fault's access fault counterpart. */
static unsigned long access_fault_cause(unsigned long guest_fault)
{
    switch (guest_fault) {
    case EXC_INSN_GUEST_PAGE_FAULT:
        return EXC_INSN_ACCESS;
    case EXC_LOAD_GUEST_PAGE_FAULT:
        return EXC_LOAD_ACCESS;
    default:
        return EXC_STORE_ACCESS;
    }
}

static bool htinst_warned;

/* The trapping instruction, and whether it came from htinst. */
struct fetched {
    struct guest_insn gi;
    bool from_htinst;
};

/* Reads the trapping instruction; false if that itself faults (f->gi.cause) or it is no
 * instruction the decoder knows the length of (f->gi.cause 0). */
static bool read_insn(struct vcpu *v, const struct trap_info *t, struct fetched *f)
{
    enum opt_mmio mode = v->vm->opt->mmio;

    f->gi.cause = 0;
    f->from_htinst = false;
    if (mode != OPT_MMIO_HLVX) {
        bool ok;
        uint32_t insn = insn_from_htinst(t->htinst, &ok);
        if (ok) {
            f->gi.raw = insn;
            f->gi.len = insn_htinst_len(t->htinst);
            f->from_htinst = true;
            ATOMIC_INC(stats.mmio_decode_htinst);
            return true;
        }
        if (!htinst_warned) {
            htinst_warned = true;
            hlog("htinst holds no transformed instruction (0x%lx) on this MMIO trap: "
                 "decoding with HLVX.HU%s",
                 t->htinst, mode == OPT_MMIO_HTINST ? " (hext.mmio=htinst asked for htinst)" : "");
        }
    }
    ATOMIC_INC(stats.mmio_decode_hlvx);
    return guest_insn_read(v, &f->gi);
}

/*
 * The first byte the access touches. A transformed htinst carries it as "Addr. Offset" (its
 * rs1 field: stval minus the access's first address, priv spec §18.6.3, nonzero only when a
 * misaligned access faulted past its first byte); an instruction read from memory gives it as
 * rs1 + offset (unprivileged spec, "Load and Store Instructions").
 */
static unsigned long access_start(const struct vcpu *v, const struct trap_info *t,
                                  const struct fetched *f, const struct mmio_insn *in)
{
    if (f->from_htinst)
        return t->stval - insn_htinst_addr_offset(t->htinst);
    return v->ctx.x[in->base] + (unsigned long)in->offset;
}

#define OPCODE_AMO 0x2fu /* unprivileged spec "A": AMO*, LR, SC */
#define FUNCT5_LR  0x02u

/* The access fault for a refused device access. An AMO or SC is a store/AMO access and an LR
 * a load (unprivileged spec "A": AMOs raise store/AMO exceptions), whatever kind of
 * guest-page fault the hart reported (QEMU 7.2 with one hart reports an AMO's as a load's). */
static unsigned long refusal_cause(uint32_t raw, unsigned long scause)
{
    if ((raw & 0x7f) == OPCODE_AMO)
        return raw >> 27 == FUNCT5_LR ? EXC_LOAD_ACCESS : EXC_STORE_ACCESS;
    return access_fault_cause(scause);
}

static void emulate(struct vcpu *v, const struct trap_info *t, uint64_t gpa, unsigned d)
{
    struct mmio_insn in;
    struct fetched f;

    if (!read_insn(v, t, &f)) {
        if (f.gi.cause)
            guest_insn_fetch_fault(v, &f.gi);
        else
            inject_exception(v, access_fault_cause(t->scause), t->stval);
        return;
    }
    /*
     * Device regions take naturally aligned integer loads and stores only. Anything else (AMOs,
     * LR/SC, FP, vector or cache-block accesses, misaligned or page-crossing accesses) gets
     * the access fault the PMAs of such a region call for (priv spec "Physical Memory
     * Attributes": unsupported access types and misaligned accesses to a region raise an
     * access fault; unprivileged spec: an access fault rather than address-misaligned when
     * the access must not be emulated, as with side effects). stval is the faulting address.
     */
    if (!insn_decode_mmio(f.gi.raw, &in) || in.is_fp ||
        in.is_store != (t->scause == EXC_STORE_GUEST_PAGE_FAULT) ||
        (access_start(v, t, &f, &in) & (in.width - 1))) {
        inject_exception(v, refusal_cause(f.gi.raw, t->scause), t->stval);
        return;
    }
    uint64_t val = in.is_store ? v->ctx.x[in.reg] : 0;
    if (in.is_store && in.width < 8)
        val &= (1ULL << (in.width * 8)) - 1;
    spin_lock(&v->vm->lock);
    bool ok = devices[d].access(v->vm, gpa - devices[d].base, in.width, in.is_store, &val);
    spin_unlock(&v->vm->lock);
    if (!ok) {
        inject_exception(v, access_fault_cause(t->scause), t->stval);
        return;
    }
    if (!in.is_store && in.reg != 0)
        v->ctx.x[in.reg] = insn_load_extend(&in, val);
    v->ctx.sepc += f.gi.len;
}

void mmio_handle_guest_fault(struct vcpu *v, const struct trap_info *t)
{
    /* §18.6.1: htval holds the guest-physical address shifted right by 2; stval's low bits
     * complete it. */
    uint64_t gpa = (t->htval << 2) | (t->stval & 3);

    /* §18.6.3: htinst bits 1:0 = 00 and nonzero is a pseudoinstruction: the fault came from
     * the guest's own page-table walk, never a device access. */
    bool implicit = t->htinst != 0 && (t->htinst & 3) == 0;

    if (t->scause != EXC_INSN_GUEST_PAGE_FAULT && !implicit) {
        for (unsigned d = 0; d < sizeof(devices) / sizeof(devices[0]); d++) {
            if (gpa - devices[d].base < devices[d].window(v->vm)) {
                emulate(v, t, gpa, d);
                return;
            }
        }
    }
    /* Neither RAM nor a device: the access fault goes to the guest, with the guest virtual
     * address in stval (§18.6.1: stval of a guest-page fault is the faulting virtual address). */
    inject_exception(v, access_fault_cause(t->scause), t->stval);
}
