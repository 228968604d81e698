/*
 * The M-mode trap handler. Every trap during a run ends the run: the handler records where the
 * trap landed and with which values, then returns to run_in() through run_longjmp. Traps that
 * an area delegated reach hs_trap_stub/vs_trap_stub, which ecall to M; the s* and vs* CSRs
 * still hold the delegated trap's values then, so the handler reads them here.
 */
#include "internal.h"

struct frame {
    uint64_t x[32];
};

static bool is_ecall(uint64_t cause)
{
    return cause >= EXC_ECALL_U && cause <= EXC_ECALL_M;
}

static enum mode mode_of(unsigned priv, bool virt)
{
    if (priv == 3)
        return MODE_M;
    if (virt)
        return priv ? MODE_VS : MODE_VU;
    return priv ? MODE_HS : MODE_U;
}

/* The run's code reached its final ecall: no trap, whichever handler saw that ecall. */
static void finished(struct trap *t, enum mode from, const struct frame *f)
{
    t->taken = false;
    t->from = from;
    run_state.ret = f->x[10];
}

static void record_vs(struct trap *t, const struct frame *f)
{
    uint64_t cause = csr_read(CSR_VSCAUSE), epc = csr_read(CSR_VSEPC);
    /* vsstatus.SPP: the trap came from VS or VU (priv [H_trap_vs_csrwrites]). */
    enum mode from = (csr_read(CSR_VSSTATUS) & MSTATUS_SPP) ? MODE_VS : MODE_VU;

    if (cause == EXC_ECALL_U && epc == (uintptr_t)run_return) {
        finished(t, from, f);
        return;
    }
    *t = (struct trap){.taken = true,
                       .level = LEVEL_VS,
                       .from = from,
                       .cause = cause,
                       .epc = epc,
                       .tval = csr_read(CSR_VSTVAL)};
}

static void record_hs(struct trap *t, const struct frame *f)
{
    uint64_t cause = csr_read(CSR_SCAUSE), epc = csr_read(CSR_SEPC);
    uint64_t hstatus = csr_read(CSR_HSTATUS);
    enum mode from = mode_of((csr_read(CSR_SSTATUS) & MSTATUS_SPP) ? 1 : 0, hstatus & HSTATUS_SPV);

    if (is_ecall(cause) && epc == (uintptr_t)run_return) {
        finished(t, from, f);
        return;
    }
    /* The VS stub's own ecall, delegated to HS: the real trap is in the vs* CSRs. */
    if (cause == EXC_ECALL_VS && epc == (uintptr_t)vs_trap_stub) {
        record_vs(t, f);
        return;
    }
    *t = (struct trap){.taken = true,
                       .level = LEVEL_HS,
                       .from = from,
                       .cause = cause,
                       .epc = epc,
                       .tval = csr_read(CSR_STVAL),
                       .tval2 = csr_read(CSR_HTVAL),
                       .tinst = csr_read(CSR_HTINST),
                       .gva = hstatus & HSTATUS_GVA};
}

static void record_m(struct trap *t, const struct frame *f, uint64_t cause, uint64_t epc,
                     uint64_t mstatus)
{
    enum mode from = mode_of((mstatus & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT, mstatus & MSTATUS_MPV);

    if (is_ecall(cause) && epc == (uintptr_t)run_return) {
        finished(t, from, f);
        return;
    }
    *t = (struct trap){.taken = true,
                       .level = LEVEL_M,
                       .from = from,
                       .cause = cause,
                       .epc = epc,
                       .tval = csr_read(CSR_MTVAL),
                       .tval2 = profile.h ? csr_read(CSR_MTVAL2) : 0,
                       .tinst = profile.h ? csr_read(CSR_MTINST) : 0,
                       .gva = mstatus & MSTATUS_GVA};
}

void m_trap(struct frame *f)
{
    uint64_t cause = csr_read(CSR_MCAUSE), epc = csr_read(CSR_MEPC);
    uint64_t mstatus = csr_read(CSR_MSTATUS);
    struct trap *t = &run_state.trap;

    if (!run_state.active)
        suite_finish(fmt("unexpected trap in the framework: cause=0x%lx epc=0x%lx tval=0x%lx",
                         cause, epc, csr_read(CSR_MTVAL)));
    run_state.active = false;
    if (cause == EXC_ECALL_HS && epc == (uintptr_t)hs_trap_stub)
        record_hs(t, f);
    else if (cause == EXC_ECALL_VS && epc == (uintptr_t)vs_trap_stub)
        record_vs(t, f);
    else
        record_m(t, f, cause, epc, mstatus);
    run_longjmp(&run_state.ctx);
}

void m_trap_nested_crash(void)
{
    suite_finish(fmt("trap inside the trap handler: cause=0x%lx epc=0x%lx tval=0x%lx",
                     csr_read(CSR_MCAUSE), csr_read(CSR_MEPC), csr_read(CSR_MTVAL)));
}
