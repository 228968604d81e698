/*
 * Loading and saving a vCPU's VS-level state on its hart (see vs_context.h). Only CSRs this
 * host has are touched (vs_features): senvcfg and hstateen0 trap where they do not exist.
 */
#include "vs_context.h"

#include "csr.h"
#include "sched.h"
#include "vcpu.h"

/* CSR numbers, so that an assembler without Smstateen accepts them: senvcfg 0x10a,
 * hstateen0 0x60c (privileged spec, CSR address table). */
#define SSTATUS_FS_SHIFTED(v) ((unsigned long)(v) << MSTATUS_FS_SHIFT)

struct vs_features vs_features;

void vs_load(struct pcpu *p, struct vcpu *v)
{
    const struct vs_state *s = &v->vs;
    csr_write(vsstatus, s->vsstatus);
    csr_write(vsie, s->vsie);
    csr_write(vstvec, s->vstvec);
    csr_write(vsscratch, s->vsscratch);
    csr_write(vsepc, s->vsepc);
    csr_write(vscause, s->vscause);
    csr_write(vstval, s->vstval);
    csr_write(vsatp, s->vsatp);
    csr_write(hvip, s->hvip | (__atomic_load_n(&v->lines, __ATOMIC_ACQUIRE) & MIP_VSEIP));
    csr_write(htimedelta, s->htimedelta);
    csr_write(hcounteren, s->hcounteren);
    csr_write(scounteren, s->scounteren);
    if (vs_features.henvcfg)
        csr_write(henvcfg, s->henvcfg);
    if (vs_features.sstc)
        csr_write(vstimecmp, s->vstimecmp);
    if (vs_features.senvcfg)
        csr_write(0x10a, s->senvcfg);
    if (vs_features.hstateen0)
        csr_write(0x60c, s->hstateen0);
    if (p->fp_owner != v) {
        fp_restore(&v->fp);
        p->fp_owner = v;
    }
}

void vs_save(struct vcpu *v)
{
    struct vs_state *s = &v->vs;
    s->vsstatus = csr_read(vsstatus);
    s->vsie = csr_read(vsie);
    s->vstvec = csr_read(vstvec);
    s->vsscratch = csr_read(vsscratch);
    s->vsepc = csr_read(vsepc);
    s->vscause = csr_read(vscause);
    s->vstval = csr_read(vstval);
    s->vsatp = csr_read(vsatp);
    s->hvip = csr_read(hvip) & (MIP_VSSIP | MIP_VSTIP);
    s->htimedelta = csr_read(htimedelta);
    s->hcounteren = csr_read(hcounteren);
    s->scounteren = csr_read(scounteren);
    if (vs_features.henvcfg)
        s->henvcfg = csr_read(henvcfg);
    if (vs_features.sstc)
        s->vstimecmp = csr_read(vstimecmp);
    if (vs_features.senvcfg)
        s->senvcfg = csr_read(0x10a);
    if (vs_features.hstateen0)
        s->hstateen0 = csr_read(0x60c);
    /* §18.2.1: guest FP writes set sstatus.FS to Dirty; Clean after the save, so the next
     * write shows again. The registers keep v's values until another vCPU's are restored. */
    if ((v->ctx.sstatus & MSTATUS_FS) == SSTATUS_FS_SHIFTED(FS_DIRTY)) {
        fp_save(&v->fp);
        v->ctx.sstatus = (v->ctx.sstatus & ~MSTATUS_FS) | SSTATUS_FS_SHIFTED(FS_CLEAN);
    }
}
