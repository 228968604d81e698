/*
 * Sstc in VS (vstimecmp behind stimecmp, henvcfg.STCE) and htimedelta as seen through `time`.
 * Timer comparisons use margins of 2^40 ticks or more, so no check depends on elapsed time;
 * where the spec says a change shows "eventually" ([hip_vstip_clear]) the check waits for it
 * up to WAIT_TICKS of the time CSR, a bound set by the timer rather than a number of reads.
 */
#include "suite.h"

#define N(a)       (sizeof(a) / sizeof((a)[0]))
#define NOP        0x00000013u
#define FAR        (1ul << 40)
#define WAIT_TICKS 10000 /* 1 ms at a 10 MHz timebase */
#define TM         (1ul << 1)

/*
 * stimecmp access: illegal below M when menvcfg.STCE=0 ([menvcfg_stce_op2]) or
 * mcounteren.TM=0 ([mcounteren_tm_clr]); with V=1 then virtual when henvcfg.STCE=0
 * ([henvcfg_stce]) or hcounteren.TM=0 ([hcounteren_acc]); VU: virtual when HS may access
 * ([H_virtinst_vu_nonhigh_supervisor_allowedhs_tvm0]); U: illegal.
 */
static struct expect stimecmp_expect(enum mode m, unsigned k, uint32_t insn)
{
    bool mstce = k & 1, hstce = k & 2, mtm = k & 4, htm = k & 8;
    struct expect ill = insn_trap(LEVEL_M, EXC_ILLEGAL_INSN, insn);
    struct expect virt = insn_trap(LEVEL_M, EXC_VIRTUAL_INSN, insn);

    if (m == MODE_U || !mstce || !mtm)
        return ill;
    if (m == MODE_VU)
        return virt;
    if (m == MODE_VS && (!hstce || !htm))
        return virt;
    return finished_in(m);
}

/* False when mcounteren.TM or hcounteren.TM cannot be set ([mcounteren_flds_mandatory_warl],
 * [hcounteren_warl]): the combination is then not reachable and its checks are skipped. */
static bool set_enables(unsigned k)
{
    csr_write(CSR_MENVCFG, (k & 1) ? ENVCFG_STCE : 0);
    csr_write(CSR_HENVCFG, (k & 2) ? ENVCFG_STCE : 0);
    csr_write(CSR_MCOUNTEREN, (k & 4) ? ~0ul : ~TM);
    csr_write(CSR_HCOUNTEREN, (k & 8) ? ~0ul : ~TM);
    return !(k & 4) == !(csr_read(CSR_MCOUNTEREN) & TM) &&
           !(k & 8) == !(csr_read(CSR_HCOUNTEREN) & TM);
}

static void check_access(void)
{
    rules("henvcfg_stce hcounteren_acc H_virtinst_vu_nonhigh_supervisor_allowedhs_tvm0 "
          "menvcfg_stce_op2");
    static const enum mode modes[] = {MODE_HS, MODE_U, MODE_VS, MODE_VU};
    uint32_t insn = insn_csrrs(REG_A0, CSR_STIMECMP, REG_ZERO);

    for (unsigned k = 0; k < 16; k++) {
        for (unsigned i = 0; i < N(modes); i++) {
            const char *name =
                    fmt("stimecmp read in %s with menvcfg.STCE=%u henvcfg.STCE=%u "
                        "mcounteren.TM=%u hcounteren.TM=%u",
                        mode_name(modes[i]), k & 1, (k >> 1) & 1, (k >> 2) & 1, (k >> 3) & 1);
            hart_reset();
            if (!set_enables(k)) {
                report_skip(name, "mcounteren.TM or hcounteren.TM is read-only zero (WARL)");
                continue;
            }
            struct trap t = exec_insn(modes[i], insn, 0, 0, NULL);
            expect_trap(name, &t, stimecmp_expect(modes[i], k, insn));
        }
    }
    hart_reset();
}

/* vstimecmp by its own number, every enable set: M and HS only; VS and VU get a
 * virtual-instruction exception (a VS CSR, [H_virtinst_vu_vs_nonhigh_allowedhs_tvm0]), U an
 * illegal one ([H_vscsrs_acc_u]). */
static void check_vstimecmp_number(void)
{
    static const enum mode modes[] = {MODE_M, MODE_HS, MODE_U, MODE_VS, MODE_VU};
    uint32_t insn = insn_csrrs(REG_A0, CSR_VSTIMECMP, REG_ZERO);

    rules("vstimecmp_sz H_vscsrs_acc_vs H_vscsrs_acc_u H_virtinst_vu_vs_nonhigh_allowedhs_tvm0");
    for (unsigned i = 0; i < N(modes); i++) {
        hart_reset();
        set_enables(15);
        struct trap t = exec_insn(modes[i], insn, 0, 0, NULL);
        enum mode m = modes[i];
        struct expect e = m == MODE_M || m == MODE_HS ? finished_in(m)
                          : m == MODE_U               ? insn_trap(LEVEL_M, EXC_ILLEGAL_INSN, insn)
                                                      : insn_trap(LEVEL_M, EXC_VIRTUAL_INSN, insn);
        expect_trap(fmt("vstimecmp read by number in %s", mode_name(m)), &t, e);
    }
    hart_reset();
}

/* [vstimecmp] substitution: stimecmp written in VS lands in vstimecmp, not stimecmp. */
static void check_substitution(void)
{
    rules("vstimecmp_sz henvcfg_stce menvcfg_stce_op2");
    hart_reset();
    set_enables(15);
    csr_write(CSR_STIMECMP, ~0ul);
    csr_write(CSR_VSTIMECMP, ~0ul);
    struct trap t = csr_write_in(MODE_VS, CSR_STIMECMP, ~0ul - 5);
    if (t.taken)
        report_fail("stimecmp write in VS reaches vstimecmp", "got %s", trap_str(&t));
    else
        expect_eq("stimecmp write in VS reaches vstimecmp", csr_read(CSR_VSTIMECMP), ~0ul - 5);
    expect_eq("stimecmp write in VS leaves stimecmp", csr_read(CSR_STIMECMP), ~0ul);
    /* [menvcfg_stce_op2]: henvcfg.STCE is read-only zero while menvcfg.STCE=0. */
    csr_write(CSR_MENVCFG, 0);
    csr_write(CSR_HENVCFG, ENVCFG_STCE);
    expect_masked("henvcfg.STCE read-only zero while menvcfg.STCE=0", csr_read(CSR_HENVCFG), 0,
                  ENVCFG_STCE);
    hart_reset();
}

/* Pending bit `irq` of hip (else mip), an alias of the same bit where both have it (§18.2.3). */
static unsigned pending_bit(bool hip, unsigned irq)
{
    return ((hip ? csr_read(CSR_HIP) : csr_read(CSR_MIP)) >> irq) & 1;
}

/* Wait for the bit to show `want`, for up to WAIT_TICKS of time ([hip_vstip_clear]). */
static bool pending_bit_becomes(bool hip, unsigned irq, bool want)
{
    uint64_t start = csr_read(CSR_TIME);

    do {
        if (pending_bit(hip, irq) == want)
            return true;
    } while (csr_read(CSR_TIME) - start < WAIT_TICKS);
    return false;
}

static bool vstip_becomes(bool want)
{
    return pending_bit_becomes(true, IRQ_VSTI, want);
}

static void expect_vstip(const char *name, bool want)
{
    if (vstip_becomes(want))
        report_pass(name);
    else
        report_fail(name, "expected hip.VSTIP=%u; got %u for %u ticks of time", want, !want,
                    WAIT_TICKS);
}

/*
 * [hip_vstip_op]: VSTIP = (time + htimedelta) >= vstimecmp, when both STCE bits are set.
 * Each case writes vstimecmp last, so the implementation sees the new comparison at once.
 */
static void check_vstip(void)
{
    rules("hip_vstip_op hip_vstip_clear hip_vstip_enable henvcfg_stce hip_vstip_vstie_acc_op");
    hart_reset();
    set_enables(15);
    uint64_t now = csr_read(CSR_TIME);

    csr_write(CSR_VSTIMECMP, 0);
    expect_vstip("hip.VSTIP set when vstimecmp <= time", true);
    csr_write(CSR_VSTIMECMP, now + FAR);
    expect_vstip("hip.VSTIP clear when vstimecmp > time + htimedelta", false);
    csr_write(CSR_HTIMEDELTA, 2 * FAR);
    csr_write(CSR_VSTIMECMP, now + FAR);
    expect_vstip("hip.VSTIP set when time + htimedelta >= vstimecmp", true);
    csr_write(CSR_HTIMEDELTA, 0);
    /*
     * [henvcfg_stce]: with henvcfg.STCE=0, VSTIP is hvip.VSTIP alone (0 here), so a vstimecmp
     * that has passed must not raise it. VSTIP is made 0 first, so nothing depends on what an
     * implementation does with the timer signal at the moment STCE changes.
     */
    csr_write(CSR_VSTIMECMP, ~0ul);
    vstip_becomes(false);
    csr_write(CSR_HENVCFG, 0);
    csr_write(CSR_VSTIMECMP, 0);
    expect_vstip("hip.VSTIP ignores vstimecmp when henvcfg.STCE=0", false);

    /* Delivery: the timer interrupt reaches VS as a supervisor timer interrupt (cause 5). */
    set_enables(15);
    csr_write(CSR_VSTIMECMP, 0);
    csr_write(CSR_HIDELEG, 1ul << IRQ_VSTI);
    csr_write(CSR_HIE, 1ul << IRQ_VSTI);
    csr_set(CSR_VSSTATUS, MSTATUS_SIE);
    vstip_becomes(true);
    struct trap t = exec_insn(MODE_VS, NOP, 0, 0, NULL);
    struct expect e = trap_at(LEVEL_VS, CAUSE_INTERRUPT | IRQ_STI);
    expect_trap("vstimecmp interrupt taken in VS as cause 5", &t, e);
    hart_reset();
}

/*
 * The two timers are independent: VSTIP is (time + htimedelta) >= vstimecmp ([hip_vstip_op])
 * and, with menvcfg.STCE=1, STIP is time >= stimecmp (privileged spec, Sstc chapter), so a
 * write of one comparator leaves the other's pending bit as it was, read at once. Spike
 * recomputes both bits from the written comparator alone and clears the other until its next
 * timer update: a hypervisor that programs its own timer while a guest's timer is due then
 * enters the guest with the guest's timer interrupt withdrawn.
 */
static void check_timer_independence(void)
{
    static const char vstip_kept[] = "stimecmp write leaves a pending hip.VSTIP set";
    static const char stip_kept[] = "vstimecmp write leaves a pending mip.STIP set";

    rules("hip_vstip_op");
    hart_reset();
    set_enables(15);
    csr_write(CSR_VSTIMECMP, 0);
    if (!vstip_becomes(true)) {
        report_skip(vstip_kept, "hip.VSTIP did not become 1 (see above)");
    } else {
        csr_write(CSR_STIMECMP, ~0ul);
        expect_eq(vstip_kept, pending_bit(true, IRQ_VSTI), 1);
    }
    csr_write(CSR_VSTIMECMP, ~0ul);
    csr_write(CSR_STIMECMP, 0);
    if (!pending_bit_becomes(false, IRQ_STI, true)) {
        report_fail("mip.STIP set when stimecmp <= time", "expected 1; got 0 for %u ticks",
                    WAIT_TICKS);
        report_skip(stip_kept, "mip.STIP did not become 1");
    } else {
        csr_write(CSR_VSTIMECMP, ~0ul - 1);
        expect_eq(stip_kept, pending_bit(false, IRQ_STI), 1);
    }
    hart_reset();
}

static uint64_t read_time(uint64_t unused)
{
    (void)unused;
    return csr_read(CSR_TIME);
}

/*
 * [htimedelta_sz_acc_op]: `time` read in VS/VU is time + htimedelta (wrapping), in HS/U it
 * is time. Bounded by M-mode reads of time before and after, so no timing is assumed.
 */
static void check_htimedelta(void)
{
    rules("htimedelta_sz_acc_op");
    static const struct {
        enum mode mode;
        uint64_t delta;
        bool applies;
    } cases[] = {
            {MODE_VS, 1ul << 50, true},  {MODE_VU, 1ul << 50, true}, {MODE_VS, -(1ul << 40), true},
            {MODE_HS, 1ul << 50, false}, {MODE_U, 1ul << 50, false},
    };

    for (unsigned i = 0; i < N(cases); i++) {
        uint64_t got = 0;

        hart_reset();
        csr_write(CSR_HTIMEDELTA, cases[i].delta);
        uint64_t before = csr_read(CSR_TIME);
        struct trap t = run_in(cases[i].mode, read_time, 0, &got);
        uint64_t after = csr_read(CSR_TIME);
        uint64_t seen = got - (cases[i].applies ? cases[i].delta : 0);
        const char *name =
                fmt("time in %s with htimedelta=0x%lx is time%s", mode_name(cases[i].mode),
                    cases[i].delta, cases[i].applies ? " + htimedelta" : "");
        if (t.taken)
            report_fail(name, "got %s", trap_str(&t));
        else if (seen < before || seen > after)
            report_fail(name, "expected %s in [0x%lx, 0x%lx]; got 0x%lx",
                        cases[i].applies ? "time + delta - delta" : "time", before, after, seen);
        else
            report_pass(name);
    }
    hart_reset();
}

void area_sstc(void)
{
    rules("time_htimedelta_req henvcfg_stce");
    if (exec_insn(MODE_M, insn_csrrs(REG_A0, CSR_TIME, REG_ZERO), 0, 0, NULL).taken) {
        report_skip("all", "time CSR not readable in M");
        return;
    }
    check_htimedelta();
    if (!profile.sstc) {
        report_skip("vstimecmp", "no Sstc (menvcfg.STCE not writable)");
        return;
    }
    hart_reset();
    if (!set_enables(15)) {
        report_skip("vstimecmp", "mcounteren.TM or hcounteren.TM is read-only zero (WARL)");
        hart_reset();
        return;
    }
    check_access();
    check_vstimecmp_number();
    check_substitution();
    check_vstip();
    check_timer_independence();
}
