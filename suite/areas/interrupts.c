/*
 * Interrupts: VS-level interrupts injected through hvip, routed by hideleg to HS or VS
 * ([hideleg_hs], [hideleg_op]), translated to S-level causes in VS ([hideleg_trans]),
 * enabled by the right SIE bit and enable register, and taken in priority order
 * ([hsint_priority]). Each pending source is set before entering the mode and is taken
 * right away, so no check depends on time.
 */
#include "suite.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define NOP  0x00000013u

static const struct {
    const char *name;
    unsigned irq; /* VS-level interrupt number */
} vs_irqs[] = {{"VSSI", IRQ_VSSI}, {"VSTI", IRQ_VSTI}, {"VSEI", IRQ_VSEI}};

/* An interrupt trap: no tval, tval2 or tinst ([H_trap_xtinst_interrupt], [mtval2_trapval]). */
static struct expect irq_at(enum level level, unsigned irq, enum mode from)
{
    struct expect e = trap_at(level, CAUSE_INTERRUPT | irq);

    e.fields = EXPECT_FROM | EXPECT_TVAL;
    if (level != LEVEL_VS)
        e.fields |= EXPECT_TVAL2 | EXPECT_TINST;
    e.from = from;
    return e;
}

struct setup {
    bool delegate;  /* hideleg bit */
    bool enable;    /* hie bit (= vsie bit when delegated) */
    bool sie;       /* sstatus.SIE for HS runs, vsstatus.SIE for VS runs */
    enum mode mode; /* where the code runs */
};

static struct trap run_pending(unsigned irq, const struct setup *s)
{
    uint64_t bit = 1ul << irq;

    hart_reset();
    csr_write(CSR_HIDELEG, s->delegate ? bit : 0);
    csr_write(CSR_HIE, s->enable ? bit : 0);
    if (s->sie && s->mode == MODE_HS)
        csr_set(CSR_MSTATUS, MSTATUS_SIE);
    else if (s->sie)
        csr_set(CSR_VSSTATUS, MSTATUS_SIE);
    csr_write(CSR_HVIP, bit);
    struct trap t = exec_insn(s->mode, NOP, 0, 0, NULL);
    csr_write(CSR_HVIP, 0);
    return t;
}

/*
 * Expected outcome from the rules: delegated to VS, taken when running in VU, or in VS with
 * vsstatus.SIE; not delegated, taken at HS when running with V=1, or in HS with sstatus.SIE.
 * Always only if enabled. The VS-level cause is the S-level one (irq - 1).
 */
static struct expect expected(unsigned irq, const struct setup *s)
{
    bool v = s->mode == MODE_VS || s->mode == MODE_VU;

    if (!s->enable)
        return finished_in(s->mode);
    if (s->delegate) {
        if (s->mode == MODE_VU || (s->mode == MODE_VS && s->sie))
            return irq_at(LEVEL_VS, irq - 1, s->mode);
        return finished_in(s->mode);
    }
    if (v || s->mode == MODE_U || (s->mode == MODE_HS && s->sie))
        return irq_at(LEVEL_HS, irq, s->mode);
    return finished_in(s->mode);
}

static void check_routing(void)
{
    rules("hideleg_hs hideleg_op hideleg_trans hvip_acc hip_op hie_op H_trap_xtinst_interrupt "
          "hip_vseip_vseie_op hip_vstip_vstie_acc_op");
    static const enum mode modes[] = {MODE_HS, MODE_U, MODE_VS, MODE_VU};

    for (unsigned i = 0; i < N(vs_irqs); i++)
        for (unsigned m = 0; m < N(modes); m++)
            for (unsigned k = 0; k < 8; k++) {
                struct setup s = {k & 1, k & 2, k & 4, modes[m]};
                struct trap t = run_pending(vs_irqs[i].irq, &s);

                expect_trap(fmt("%s pending in %s, hideleg=%u enable=%u SIE=%u", vs_irqs[i].name,
                                mode_name(s.mode), s.delegate, s.enable, s.sie),
                            &t, expected(vs_irqs[i].irq, &s));
            }
    hart_reset();
}

/* [hsint_priority]: at HS, VSEI > VSSI > VSTI; at VS the S-level order SEI > SSI > STI. */
static void check_priority(void)
{
    rules("hsint_priority hideleg_trans");
    static const unsigned order[] = {IRQ_VSEI, IRQ_VSSI, IRQ_VSTI};
    static const char *const names[] = {"VSEI", "VSSI", "VSTI"};

    for (unsigned delegated = 0; delegated < 2; delegated++) {
        uint64_t pending = MIP_VS_BITS;

        for (unsigned i = 0; i < N(order); i++) {
            hart_reset();
            csr_write(CSR_HIDELEG, delegated ? MIP_VS_BITS : 0);
            csr_write(CSR_HIE, MIP_VS_BITS);
            csr_write(CSR_HVIP, pending);
            struct trap t = exec_insn(MODE_VU, NOP, 0, 0, NULL);
            struct expect e = delegated ? irq_at(LEVEL_VS, order[i] - 1, MODE_VU)
                                        : irq_at(LEVEL_HS, order[i], MODE_VU);
            expect_trap(fmt("priority at %s with hvip 0x%lx takes %s first",
                            delegated ? "VS" : "HS", pending, names[i]),
                        &t, e);
            pending &= ~(1ul << order[i]);
        }
    }
    /* S-level SSI (mip.SSIP, delegated by mideleg) outranks every VS-level interrupt at HS. */
    hart_reset();
    csr_write(CSR_MIDELEG, 1ul << IRQ_SSI);
    if (!(csr_read(CSR_MIDELEG) & (1ul << IRQ_SSI))) {
        report_skip("priority at HS, SSI before VSEI/VSSI/VSTI",
                    "mideleg.SSI is read-only zero (WARL, [medeleg_mideleg_warl])");
        hart_reset();
        return;
    }
    csr_write(CSR_SIE, 1ul << IRQ_SSI);
    csr_write(CSR_HIE, MIP_VS_BITS);
    csr_write(CSR_HVIP, MIP_VS_BITS);
    csr_set(CSR_MIP, 1ul << IRQ_SSI);
    struct trap t = exec_insn(MODE_VS, NOP, 0, 0, NULL);
    expect_trap("priority at HS, SSI before VSEI/VSSI/VSTI", &t,
                irq_at(LEVEL_HS, IRQ_SSI, MODE_VS));
    hart_reset();
}

/* Guest external interrupts need a source (an IMSIC) the suite does not drive. */
static void check_guest_external(void)
{
    rules("hip_sgeip_sgeie_acc_op mideleg_acc_h");
    if (!profile.geilen) {
        /* [mideleg_hroz]: mideleg.SGEI is zero without guest external interrupts, so hie.SGEIE
         * and hip.SGEIP are read-only zero. */
        rules("mideleg_hroz");
        if (csr_read(CSR_MIDELEG) & (1ul << IRQ_SGEI)) {
            report_skip("hie.SGEIE read-only zero while mideleg.SGEI is 0", "mideleg.SGEI is 1");
            return;
        }
        csr_write(CSR_HIE, 1ul << IRQ_SGEI);
        expect_masked("hie.SGEIE read-only zero while mideleg.SGEI is 0", csr_read(CSR_HIE), 0,
                      1ul << IRQ_SGEI);
        csr_write(CSR_HIE, 0);
        return;
    }
    /* [hip_sgeip_sgeie_acc_op]: SGEIP is hgeip & hgeie, with nothing pending it reads 0. */
    csr_write(CSR_HGEIE, ~0ul);
    expect_masked("hip.SGEIP equals (hgeip & hgeie) != 0", csr_read(CSR_HIP),
                  (csr_read(CSR_HGEIP) & csr_read(CSR_HGEIE)) ? 1ul << IRQ_SGEI : 0,
                  1ul << IRQ_SGEI);
    /* [mideleg_acc_h]: with GEILEN > 0, mideleg.SGEI is read-only one. */
    csr_write(CSR_MIDELEG, 0);
    expect_masked("mideleg bit 12 (SGEI) read-only one", csr_read(CSR_MIDELEG), 1ul << IRQ_SGEI,
                  1ul << IRQ_SGEI);
    hart_reset();
}

void area_interrupts(void)
{
    check_routing();
    check_priority();
    check_guest_external();
}
