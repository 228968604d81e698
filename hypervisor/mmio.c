/*
 * Guest-page faults (causes 20, 21, 23): the guest touched a guest-physical address the G-stage
 * table does not map. On a device window the access is emulated; anywhere else the guest gets
 * the access fault real hardware would raise there.
 *
 * The faulting instruction comes from htinst when the implementation wrote a transformed
 * instruction there (§18.6.3), else from guest memory with HLVX.HU (read as the guest would
 * fetch it; two halfwords, since a 32-bit instruction may be only 2-byte aligned).
 */
#include "atomic.h"
#include "console.h"
#include "csr.h"
#include "guard.h"
#include "guest_fdt.h"
#include "insn/insn.h"
#include "plic.h"
#include "stats.h"
#include "trap.h"
#include "uart16550.h"
#include "vcpu.h"
#include "vdev.h"

typedef bool (*vdev_access_fn)(struct vm *vm, uint64_t off, unsigned width, bool is_store,
                               uint64_t *val);

static const struct {
    uint64_t base, size;
    vdev_access_fn access;
} devices[] = {
        {VUART_BASE, UART_MMIO_SIZE, uart_vdev_access},
        {VPLIC_BASE, PLIC_MMIO_SIZE, plic_vdev_access},
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

/* Reads the trapping instruction; false if that itself faults. */
static bool read_insn(struct vcpu *v, const struct trap_info *t, uint32_t *raw, unsigned *len)
{
    enum opt_mmio mode = v->vm->opt->mmio;
    unsigned long cause;

    if (mode != OPT_MMIO_HLVX) {
        bool ok;
        uint32_t insn = insn_from_htinst(t->htinst, &ok);
        if (ok) {
            *raw = insn;
            *len = insn_htinst_len(t->htinst);
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
    /* An aligned word never crosses a page, so one HLVX.WU reads any instruction there (the
     * upper half is ignored when the instruction is compressed). */
    if (!(v->ctx.sepc & 3)) {
        *raw = (uint32_t)guard_hlvx_wu(v->ctx.sepc, &cause);
        *len = insn_length(*raw);
        return !cause && *len != 0;
    }
    unsigned long lo = guard_hlvx_hu(v->ctx.sepc, &cause);
    if (cause)
        return false;
    *raw = (uint32_t)lo;
    *len = insn_length(*raw);
    if (*len == 4) {
        unsigned long hi = guard_hlvx_hu(v->ctx.sepc + 2, &cause);
        if (cause)
            return false;
        *raw |= (uint32_t)hi << 16;
    }
    return *len != 0;
}

static void emulate(struct vcpu *v, const struct trap_info *t, uint64_t gpa, unsigned d)
{
    struct mmio_insn in;
    uint32_t raw;
    unsigned len;

    if (!read_insn(v, t, &raw, &len)) {
        trap_unhandled(v, t, "could not read the instruction that touched a device");
        return;
    }
    if (!insn_decode_mmio(raw, &in) || in.is_fp ||
        in.is_store != (t->scause == EXC_STORE_GUEST_PAGE_FAULT)) {
        trap_unhandled(v, t, "device access by an instruction the hypervisor does not emulate");
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
    v->ctx.sepc += len;
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
            if (gpa - devices[d].base < devices[d].size) {
                emulate(v, t, gpa, d);
                return;
            }
        }
    }
    /* Neither RAM nor a device: the access fault goes to the guest, with the guest virtual
     * address in stval (§18.6.1: stval of a guest-page fault is the faulting virtual address). */
    inject_exception(v, access_fault_cause(t->scause), t->stval);
}
