/*
 * A vCPU's VS-level CSR state (struct vs_state, vcpu.h): its reset values, and loading and
 * saving it when its hart switches between vCPUs (vs_context.c), FP registers lazily through
 * sstatus.FS (fp.S). vs_reset, vs_hstatus and vs_sstatus are pure C, host-tested.
 */
#ifndef HEXT_HYP_VS_CONTEXT_H
#define HEXT_HYP_VS_CONTEXT_H

#include <stdbool.h>

struct vs_state;
struct vcpu;
struct pcpu;

/* Which optional CSRs this host has (probed once, main.c). */
struct vs_features {
    bool henvcfg, senvcfg, sstc, hstateen0;
};
extern struct vs_features vs_features;

/* Reset values (privileged spec §18.2: the H CSRs have no architectural reset value, so every
 * field is set here; htimedelta 0: guest time is host time, as the SBI timer path assumes). */
void vs_reset(struct vs_state *s, unsigned long henvcfg, unsigned long hstateen0);
/* hstatus for entering the guest, built from nothing (§18.2.1): SPV=1 (sret enters V=1), SPVP=1
 * (HLV/HSV as VS), VSXL 64-bit, VTW when the vCPU shares its hart (WFI must exit to yield). */
unsigned long vs_hstatus(bool vtw);
/* sstatus for a vCPU's first instruction: SPP=1 (VS-mode), FS=Initial, UXL as given. */
unsigned long vs_sstatus(unsigned long uxl);

/* On the owner hart p: puts v's state into the CSRs (and its FP registers, unless p's FP
 * registers already hold them) / saves it from them. */
void vs_load(struct pcpu *p, struct vcpu *v);
void vs_save(struct vcpu *v);

/* fp.S: f0-f31 and fcsr. */
void fp_save(void *f);
void fp_restore(const void *f);

#endif
