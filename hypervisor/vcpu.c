/*
 * A vCPU's life: its state at reset, the run loop (enter the guest, handle the exit, repeat),
 * and what the exit handlers may do to it (pending interrupts, fences).
 */
#include "vcpu.h"

#include "csr.h"
#include "fmt.h"
#include "stats.h"
#include "string.h"
#include "trap.h"

void guest_enter(struct vcpu_ctx *ctx); /* trap_vector.S */

/* Traps the guest handles itself (§18.2.2): its own exceptions and its VS-level interrupts.
 * Guest-page faults, VS ecalls and virtual-instruction exceptions cannot be delegated. */
#define HEDELEG_GUEST                                                                              \
    (1UL << EXC_INSN_MISALIGNED | 1UL << EXC_BREAKPOINT | 1UL << EXC_ECALL_U |                     \
     1UL << EXC_INSN_PAGE_FAULT | 1UL << EXC_LOAD_PAGE_FAULT | 1UL << EXC_STORE_PAGE_FAULT |       \
     1UL << EXC_ILLEGAL_INSN | 1UL << EXC_LOAD_MISALIGNED | 1UL << EXC_STORE_MISALIGNED |          \
     1UL << EXC_INSN_ACCESS | 1UL << EXC_LOAD_ACCESS | 1UL << EXC_STORE_ACCESS)
#define HIDELEG_GUEST (MIP_VSSIP | MIP_VSTIP | MIP_VSEIP)

/* Linux's boot protocol (Documentation/arch/riscv/boot.rst): a0 = hartid, a1 = DTB, S-mode
 * with the MMU off. */
void vcpu_reset(struct vcpu *v, unsigned long entry, unsigned long fdt_gpa)
{
    memset(&v->ctx, 0, sizeof(v->ctx));
    v->ctx.x[REG_A0] = v->id;
    v->ctx.x[REG_A1] = fdt_gpa;
    v->ctx.sepc = entry;
    /* SPP = 1: sret goes to VS-mode; FS = Initial: the guest's FPU works (both sstatus.FS and
     * vsstatus.FS gate it, §18.2.1); the hypervisor never touches FP registers. */
    v->ctx.sstatus =
            (csr_read(sstatus) & ~(SSTATUS_SIE | SSTATUS_SPIE)) | SSTATUS_SPP | (1UL << 13);
    v->ctx.hstatus =
            (csr_read(hstatus) & ~(HSTATUS_GVA | HSTATUS_VTW)) | HSTATUS_SPV | HSTATUS_SPVP;
    v->state = VCPU_STARTED;
    v->timecmp = UINT64_MAX;

    csr_write(hedeleg, HEDELEG_GUEST);
    csr_write(hideleg, HIDELEG_GUEST);
    csr_write(hvip, 0);
    csr_write(hie, 0);
    csr_write(hcounteren, ~0UL);
    csr_write(vsstatus, 0);
    csr_write(vsie, 0);
    csr_write(vsatp, 0);
    csr_write(vstvec, 0);
    csr_write(vsscratch, 0);
    csr_write(vsepc, 0);
    csr_write(vscause, 0);
    csr_write(vstval, 0);
    /* Only the host timer interrupts the guest's run; external interrupts are virtual. */
    csr_write(sie, MIP_STIP);
}

void vcpu_run(struct vcpu *v)
{
    if (!stats.count_instret) {
        while (v->vm->end == VM_RUNNING) {
            guest_enter(&v->ctx);
            trap_handle_exit(v);
        }
        return;
    }
    while (v->vm->end == VM_RUNNING) {
        guest_enter(&v->ctx);
        unsigned long start = csr_read(instret);
        trap_handle_exit(v);
        stats.hyp_instret += csr_read(instret) - start;
    }
}

/* One vCPU runs on the one physical hart, so its hvip is the live CSR. */
void vcpu_set_pending(struct vcpu *v, unsigned long hvip_bits)
{
    (void)v;
    csr_set(hvip, hvip_bits);
}

void vcpu_clear_pending(struct vcpu *v, unsigned long hvip_bits)
{
    (void)v;
    csr_clear(hvip, hvip_bits);
}

void vcpu_fence_i(struct vcpu *v)
{
    (void)v;
    fence_i();
}

/* Above this many pages a full flush is cheaper than one hfence per page. */
#define FLUSH_ALL_PAGES 64

void vcpu_flush_vvma(struct vcpu *v, unsigned long start, unsigned long size, bool use_asid,
                     unsigned long asid)
{
    (void)v;
    bool all =
            (start == 0 && size == 0) || size == (unsigned long)-1 || size / 4096 > FLUSH_ALL_PAGES;
    if (all) {
        if (use_asid)
            hfence_vvma_asid(asid);
        else
            hfence_vvma_all();
        return;
    }
    for (unsigned long a = start & ~4095UL; a < start + size; a += 4096) {
        if (use_asid)
            hfence_vvma(a, asid);
        else
            hfence_vvma_addr(a);
    }
}

void vm_end(struct vm *vm, enum vm_end how, const char *reason)
{
    if (vm->end != VM_RUNNING)
        return;
    vm->end = how;
    fmt_snprintf(vm->reason, sizeof(vm->reason), "%s", reason);
}
