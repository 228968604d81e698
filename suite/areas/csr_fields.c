/*
 * CSR area, fields: which bits of each H CSR are writable, read-only zero or read-only one,
 * and the WARL/WLRL fields (hstatus, hgatp, vsstatus, hgeie, ...). All from M-mode.
 */
#include "csr_area.h"
#include "suite.h"

/* Write `val` from M and return what reads back (no restore). */
static uint64_t write_read(unsigned csr, uint64_t val)
{
    uint64_t got = 0;

    csr_write_in(MODE_M, csr, val);
    csr_read_in(MODE_M, csr, &got);
    return got;
}

/* WRITABLE_FP: writable where F or D exists; without them FS may be read-only zero
 * ([mstatus_fs_rdonly0_s_no_f]). */
enum bit_rule { WRITABLE, RO_ZERO, RO_ONE, WRITABLE_FP };

struct bit_check {
    const char *csr_name;
    unsigned csr;
    unsigned bit;
    enum bit_rule rule;
    const char *what; /* the bit's meaning, for the report */
    const char *anchors;
};

/* Ones written to find writable bits; WLRL fields (hstatus.VGEIN) must only get legal values. */
static uint64_t ones_for(unsigned csr)
{
    return csr == CSR_HSTATUS ? ~HSTATUS_VGEIN : ~0ul;
}

/*
 * The bits the spec fixes. hedeleg: table "hedeleg-bits" ([hedeleg_acc]); hideleg:
 * [hideleg_acc]; hvip: [hvip_acc] (standard portion is VSEIP/VSTIP/VSSIP only); hie:
 * [hie_acc]; mideleg: [mideleg_acc_h]; hstatus/vsstatus: the register figures, with WPRI
 * bits read-only zero when not furnished (priv "CSR Field Specifications", WPRI).
 */
static const struct bit_check bit_checks[] = {
        {"hedeleg", CSR_HEDELEG, 1, WRITABLE, "instruction access fault",
         RULE("hedeleg_acc hedeleg_img")},
        {"hedeleg", CSR_HEDELEG, 2, WRITABLE, "illegal instruction",
         RULE("hedeleg_acc hedeleg_img")},
        {"hedeleg", CSR_HEDELEG, 3, WRITABLE, "breakpoint", RULE("hedeleg_acc hedeleg_img")},
        {"hedeleg", CSR_HEDELEG, 4, WRITABLE, "load misaligned", RULE("hedeleg_acc hedeleg_img")},
        {"hedeleg", CSR_HEDELEG, 5, WRITABLE, "load access fault", RULE("hedeleg_acc hedeleg_img")},
        {"hedeleg", CSR_HEDELEG, 6, WRITABLE, "store misaligned", RULE("hedeleg_acc hedeleg_img")},
        {"hedeleg", CSR_HEDELEG, 7, WRITABLE, "store access fault",
         RULE("hedeleg_acc hedeleg_img")},
        {"hedeleg", CSR_HEDELEG, 8, WRITABLE, "ecall from U/VU", RULE("hedeleg_acc hedeleg_img")},
        {"hedeleg", CSR_HEDELEG, 9, RO_ZERO, "ecall from HS", RULE("hedeleg_acc hedeleg_img")},
        {"hedeleg", CSR_HEDELEG, 10, RO_ZERO, "ecall from VS", RULE("hedeleg_acc hedeleg_img")},
        {"hedeleg", CSR_HEDELEG, 11, RO_ZERO, "ecall from M", RULE("hedeleg_acc hedeleg_img")},
        {"hedeleg", CSR_HEDELEG, 12, WRITABLE, "instruction page fault",
         RULE("hedeleg_acc hedeleg_img")},
        {"hedeleg", CSR_HEDELEG, 13, WRITABLE, "load page fault", RULE("hedeleg_acc hedeleg_img")},
        {"hedeleg", CSR_HEDELEG, 15, WRITABLE, "store page fault", RULE("hedeleg_acc hedeleg_img")},
        {"hedeleg", CSR_HEDELEG, 16, RO_ZERO, "double trap", RULE("hedeleg_acc hedeleg_img")},
        {"hedeleg", CSR_HEDELEG, 20, RO_ZERO, "instruction guest-page fault",
         RULE("hedeleg_acc hedeleg_img")},
        {"hedeleg", CSR_HEDELEG, 21, RO_ZERO, "load guest-page fault",
         RULE("hedeleg_acc hedeleg_img")},
        {"hedeleg", CSR_HEDELEG, 22, RO_ZERO, "virtual instruction",
         RULE("hedeleg_acc hedeleg_img")},
        {"hedeleg", CSR_HEDELEG, 23, RO_ZERO, "store guest-page fault",
         RULE("hedeleg_acc hedeleg_img")},
        {"hideleg", CSR_HIDELEG, 1, RO_ZERO, "SSI", RULE("hideleg_acc hideleg_img")},
        {"hideleg", CSR_HIDELEG, 2, WRITABLE, "VSSI", RULE("hideleg_acc hideleg_img")},
        {"hideleg", CSR_HIDELEG, 5, RO_ZERO, "STI", RULE("hideleg_acc hideleg_img")},
        {"hideleg", CSR_HIDELEG, 6, WRITABLE, "VSTI", RULE("hideleg_acc hideleg_img")},
        {"hideleg", CSR_HIDELEG, 9, RO_ZERO, "SEI", RULE("hideleg_acc hideleg_img")},
        {"hideleg", CSR_HIDELEG, 10, WRITABLE, "VSEI", RULE("hideleg_acc hideleg_img")},
        {"hideleg", CSR_HIDELEG, 12, RO_ZERO, "SGEI", RULE("hideleg_acc hideleg_img")},
        {"hvip", CSR_HVIP, 1, RO_ZERO, "SSIP", RULE("hvip_acc hvip_img")},
        {"hvip", CSR_HVIP, 2, WRITABLE, "VSSIP", RULE("hvip_acc hvip_img")},
        {"hvip", CSR_HVIP, 3, RO_ZERO, "MSIP", RULE("hvip_acc hvip_img")},
        {"hvip", CSR_HVIP, 5, RO_ZERO, "STIP", RULE("hvip_acc hvip_img")},
        {"hvip", CSR_HVIP, 6, WRITABLE, "VSTIP", RULE("hvip_acc hvip_img")},
        {"hvip", CSR_HVIP, 7, RO_ZERO, "MTIP", RULE("hvip_acc hvip_img")},
        {"hvip", CSR_HVIP, 9, RO_ZERO, "SEIP", RULE("hvip_acc hvip_img")},
        {"hvip", CSR_HVIP, 10, WRITABLE, "VSEIP", RULE("hvip_acc hvip_img")},
        {"hvip", CSR_HVIP, 11, RO_ZERO, "MEIP", RULE("hvip_acc hvip_img")},
        {"hie", CSR_HIE, 1, RO_ZERO, "SSIE", RULE("hie_acc sie_hip_hie_mutex hie_img hip_img")},
        {"hie", CSR_HIE, 2, WRITABLE, "VSSIE", RULE("hie_acc sie_hip_hie_mutex hie_img hip_img")},
        {"hie", CSR_HIE, 5, RO_ZERO, "STIE", RULE("hie_acc sie_hip_hie_mutex hie_img hip_img")},
        {"hie", CSR_HIE, 6, WRITABLE, "VSTIE", RULE("hie_acc sie_hip_hie_mutex hie_img hip_img")},
        {"hie", CSR_HIE, 9, RO_ZERO, "SEIE", RULE("hie_acc sie_hip_hie_mutex hie_img hip_img")},
        {"hie", CSR_HIE, 10, WRITABLE, "VSEIE", RULE("hie_acc sie_hip_hie_mutex hie_img hip_img")},
        {"mideleg", CSR_MIDELEG, 2, RO_ONE, "VSSI", RULE("mideleg_acc_h")},
        {"mideleg", CSR_MIDELEG, 6, RO_ONE, "VSTI", RULE("mideleg_acc_h")},
        {"mideleg", CSR_MIDELEG, 10, RO_ONE, "VSEI", RULE("mideleg_acc_h")},
        {"hstatus", CSR_HSTATUS, 0, RO_ZERO, "WPRI", RULE("hstatus_sz_acc_op Zicsr_wpri_roz")},
        {"hstatus", CSR_HSTATUS, 4, RO_ZERO, "WPRI", RULE("hstatus_sz_acc_op Zicsr_wpri_roz")},
        {"hstatus", CSR_HSTATUS, 6, WRITABLE, "GVA", RULE("hstatus_sz_acc_op Zicsr_wpri_roz")},
        {"hstatus", CSR_HSTATUS, 7, WRITABLE, "SPV", RULE("hstatus_sz_acc_op Zicsr_wpri_roz")},
        {"hstatus", CSR_HSTATUS, 8, WRITABLE, "SPVP", RULE("hstatus_sz_acc_op Zicsr_wpri_roz")},
        {"hstatus", CSR_HSTATUS, 9, WRITABLE, "HU", RULE("hstatus_sz_acc_op Zicsr_wpri_roz")},
        {"hstatus", CSR_HSTATUS, 10, RO_ZERO, "WPRI", RULE("hstatus_sz_acc_op Zicsr_wpri_roz")},
        {"hstatus", CSR_HSTATUS, 11, RO_ZERO, "WPRI", RULE("hstatus_sz_acc_op Zicsr_wpri_roz")},
        {"hstatus", CSR_HSTATUS, 18, RO_ZERO, "WPRI", RULE("hstatus_sz_acc_op Zicsr_wpri_roz")},
        {"hstatus", CSR_HSTATUS, 19, RO_ZERO, "WPRI", RULE("hstatus_sz_acc_op Zicsr_wpri_roz")},
        {"hstatus", CSR_HSTATUS, 20, WRITABLE, "VTVM", RULE("hstatus_sz_acc_op Zicsr_wpri_roz")},
        {"hstatus", CSR_HSTATUS, 21, WRITABLE, "VTW", RULE("hstatus_sz_acc_op Zicsr_wpri_roz")},
        {"hstatus", CSR_HSTATUS, 22, WRITABLE, "VTSR", RULE("hstatus_sz_acc_op Zicsr_wpri_roz")},
        {"hstatus", CSR_HSTATUS, 23, RO_ZERO, "WPRI", RULE("hstatus_sz_acc_op Zicsr_wpri_roz")},
        {"hstatus", CSR_HSTATUS, 31, RO_ZERO, "WPRI", RULE("hstatus_sz_acc_op Zicsr_wpri_roz")},
        {"hstatus", CSR_HSTATUS, 34, RO_ZERO, "WPRI", RULE("hstatus_sz_acc_op Zicsr_wpri_roz")},
        {"hstatus", CSR_HSTATUS, 47, RO_ZERO, "WPRI", RULE("hstatus_sz_acc_op Zicsr_wpri_roz")},
        {"hstatus", CSR_HSTATUS, 63, RO_ZERO, "WPRI", RULE("hstatus_sz_acc_op Zicsr_wpri_roz")},
        {"vsstatus", CSR_VSSTATUS, 0, RO_ZERO, "WPRI", RULE("vsstatus_sz_acc_op Zicsr_wpri_roz")},
        {"vsstatus", CSR_VSSTATUS, 1, WRITABLE, "SIE", RULE("vsstatus_sz_acc_op Zicsr_wpri_roz")},
        {"vsstatus", CSR_VSSTATUS, 3, RO_ZERO, "WPRI (MIE in mstatus)",
         RULE("vsstatus_sz_acc_op Zicsr_wpri_roz")},
        {"vsstatus", CSR_VSSTATUS, 5, WRITABLE, "SPIE", RULE("vsstatus_sz_acc_op Zicsr_wpri_roz")},
        {"vsstatus", CSR_VSSTATUS, 7, RO_ZERO, "WPRI (MPIE in mstatus)",
         RULE("vsstatus_sz_acc_op Zicsr_wpri_roz")},
        {"vsstatus", CSR_VSSTATUS, 8, WRITABLE, "SPP", RULE("vsstatus_sz_acc_op Zicsr_wpri_roz")},
        {"vsstatus", CSR_VSSTATUS, 11, RO_ZERO, "WPRI (MPP in mstatus)",
         RULE("vsstatus_sz_acc_op Zicsr_wpri_roz")},
        {"vsstatus", CSR_VSSTATUS, 13, WRITABLE_FP, "FS[0]",
         RULE("vsstatus_sz_acc_op Zicsr_wpri_roz")},
        {"vsstatus", CSR_VSSTATUS, 14, WRITABLE_FP, "FS[1]",
         RULE("vsstatus_sz_acc_op Zicsr_wpri_roz")},
        {"vsstatus", CSR_VSSTATUS, 17, RO_ZERO, "WPRI (MPRV in mstatus)",
         RULE("vsstatus_sz_acc_op Zicsr_wpri_roz")},
        {"vsstatus", CSR_VSSTATUS, 18, WRITABLE, "SUM", RULE("vsstatus_sz_acc_op Zicsr_wpri_roz")},
        {"vsstatus", CSR_VSSTATUS, 19, WRITABLE, "MXR", RULE("vsstatus_sz_acc_op Zicsr_wpri_roz")},
        {"vsstatus", CSR_VSSTATUS, 20, RO_ZERO, "WPRI (TVM in mstatus)",
         RULE("vsstatus_sz_acc_op Zicsr_wpri_roz")},
        {"vsstatus", CSR_VSSTATUS, 21, RO_ZERO, "WPRI (TW in mstatus)",
         RULE("vsstatus_sz_acc_op Zicsr_wpri_roz")},
        {"vsstatus", CSR_VSSTATUS, 22, RO_ZERO, "WPRI (TSR in mstatus)",
         RULE("vsstatus_sz_acc_op Zicsr_wpri_roz")},
        {"vsstatus", CSR_VSSTATUS, 38, RO_ZERO, "WPRI (GVA in mstatus)",
         RULE("vsstatus_sz_acc_op Zicsr_wpri_roz")},
        {"vsstatus", CSR_VSSTATUS, 39, RO_ZERO, "WPRI (MPV in mstatus)",
         RULE("vsstatus_sz_acc_op Zicsr_wpri_roz")},
        {"hgeie", CSR_HGEIE, 0, RO_ZERO, "bit 0", RULE("geilen hgeie_img")},
};

static const char *rule_name(enum bit_rule rule)
{
    static const char *const names[] = {"writable", "read-only zero", "read-only one", "writable"};

    return names[rule];
}

static void check_bit(const struct bit_check *c)
{
    uint64_t old = 0, bit = 1ul << c->bit;
    rules(c->anchors);
    const char *name = fmt("%s bit %u (%s) %s", c->csr_name, c->bit, c->what, rule_name(c->rule));

    if (c->rule == WRITABLE_FP && !(profile.misa & ((1ul << ('F' - 'A')) | (1ul << ('D' - 'A'))))) {
        report_skip(name, "no F or D: the field may be read-only zero");
        return;
    }
    csr_read_in(MODE_M, c->csr, &old);
    uint64_t with_ones = write_read(c->csr, ones_for(c->csr));
    uint64_t with_zero = write_read(c->csr, 0);
    csr_write_in(MODE_M, c->csr, old);

    bool writable = c->rule == WRITABLE || c->rule == WRITABLE_FP;
    bool ok = writable             ? (with_ones & bit) && !(with_zero & bit)
              : c->rule == RO_ZERO ? !(with_ones & bit)
                                   : (with_zero & bit);
    if (ok)
        report_pass(name);
    else
        report_fail(name, "expected %s; got 0x%lx after writing ones, 0x%lx after zero",
                    rule_name(c->rule), with_ones, with_zero);
}

/*
 * Table "hedeleg-bits" lists bits 18 (software check) and 19 (hardware error) as writable.
 * Those exceptions come with extensions (Zicfilp/Zicfiss, hardware-error reporting) a hart may
 * not have, so the bit is required only where the cause can reach HS at all: medeleg's bit is
 * writable ([medeleg_mideleg_warl]). Elsewhere the check is a skip that says so.
 */
static void check_hedeleg_new_causes(void)
{
    static const struct bit_check bits[] = {
            {"hedeleg", CSR_HEDELEG, 18, WRITABLE, "software check",
             RULE("hedeleg_acc hedeleg_img")},
            {"hedeleg", CSR_HEDELEG, 19, WRITABLE, "hardware error",
             RULE("hedeleg_acc hedeleg_img")},
    };

    for (unsigned i = 0; i < 2; i++) {
        uint64_t bit = 1ul << bits[i].bit;
        bool delegable = write_read(CSR_MEDELEG, bit) & bit;
        csr_write(CSR_MEDELEG, 0);
        rules(bits[i].anchors);
        if (!delegable)
            report_skip(fmt("hedeleg bit %u (%s) writable", bits[i].bit, bits[i].what),
                        "medeleg's bit is read-only zero: the cause never reaches HS here");
        else
            check_bit(&bits[i]);
    }
}

/* Bit 0 must be writable when IALIGN=32 ([hedeleg_acc]); with C either is allowed. */
static void check_hedeleg_bit0(void)
{
    rules("hedeleg_acc");
    if (profile.misa & (1ul << ('C' - 'A'))) {
        report_skip("hedeleg bit 0 (instruction misaligned) writable", "IALIGN=16 (misa.C)");
        return;
    }
    struct bit_check c = {"hedeleg",          CSR_HEDELEG, 0, WRITABLE, "instruction misaligned",
                          RULE("hedeleg_acc")};
    check_bit(&c);
}

/*
 * [vsip_vsie_lcofi]: hideleg bit 13 (LCOFI) is writable with Shlcofideleg and read-only zero
 * without (the profile says which). While it is 0, vsie.LCOFIE is read-only zero; once set,
 * vsie.LCOFIE is an alias of sie.LCOFIE.
 */
static void check_hideleg_lcofi(void)
{
    const uint64_t bit = 1ul << 13;

    rules("vsip_vsie_lcofi");
    bool writable = write_read(CSR_HIDELEG, bit) & bit;
    pr("profile: shlcofideleg = %s (hideleg bit 13)\n", writable ? "yes" : "no");
    csr_write(CSR_HIDELEG, 0);
    expect_masked("vsie bit 13 (LCOFIE) read-only zero while hideleg bit 13 is 0",
                  write_read(CSR_VSIE, bit), 0, bit);
    csr_write(CSR_VSIE, 0);
    if (!writable)
        return;
    csr_write(CSR_HIDELEG, bit);
    bool sie = write_read(CSR_SIE, bit) & bit;
    expect_eq("vsie bit 13 aliases sie.LCOFIE when hideleg bit 13 is set",
              (csr_read(CSR_VSIE) & bit) != 0, sie);
    csr_write(CSR_SIE, 0);
    csr_write(CSR_HIDELEG, 0);
}

/* [geilen]: bits GEILEN:1 of hgeie writable, all others read-only zero in hgeie and hgeip. */
static void check_geilen(void)
{
    rules("geilen hgeie_sz_acc_op hgeip_hgeie_fields hgeie_op");
    uint64_t mask = profile.geilen ? ((2ul << profile.geilen) - 2) : 0;
    uint64_t old = csr_read(CSR_HGEIE);

    expect_eq("hgeie writable bits are 1..GEILEN", write_read(CSR_HGEIE, ~0ul), mask);
    csr_write(CSR_HGEIE, old);
    expect_masked("hgeip bits outside 1..GEILEN read zero", csr_read(CSR_HGEIP), 0, ~mask);
    /*
     * [hie_acc]: SGEIE must be writable when SGEIP can become pending (GEILEN > 0). With
     * GEILEN = 0 the spec does not forbid a writable SGEIE, so nothing is checked then.
     */
    if (!profile.geilen) {
        report_skip("hie bit 12 (SGEIE) writable", "GEILEN = 0: either is allowed");
        return;
    }
    struct bit_check sgeie = {"hie",    CSR_HIE, IRQ_SGEI,
                              WRITABLE, "SGEIE", RULE("hie_acc hip_sgeip_sgeie_acc_op")};
    check_bit(&sgeie);
}

/* [hstatus_vgein_op]: VGEIN (WLRL) holds every value 0..GEILEN. */
static void check_vgein(void)
{
    rules("hstatus_vgein_op");
    uint64_t old = csr_read(CSR_HSTATUS);
    unsigned bad = 0;

    for (unsigned v = 0; v <= profile.geilen && !bad; v++) {
        uint64_t got = write_read(CSR_HSTATUS,
                                  (old & ~HSTATUS_VGEIN) | ((uint64_t)v << HSTATUS_VGEIN_SHIFT));
        if (((got & HSTATUS_VGEIN) >> HSTATUS_VGEIN_SHIFT) != v)
            bad = v ? v : 64;
    }
    csr_write(CSR_HSTATUS, old);
    if (!bad)
        report_pass("hstatus.VGEIN holds 0..GEILEN");
    else
        report_fail("hstatus.VGEIN holds 0..GEILEN", "expected %u to read back; it did not",
                    bad == 64 ? 0 : bad);
}

/* XLEN fields (VSXL, UXL) are WARL with the MXL encoding: 1 = 32, 2 = 64 ([hstatus_vsxl_64]). */
static void check_xl(const char *name, unsigned csr, unsigned shift)
{
    rules("hstatus_vsxl_64 vsxl_ro vsstatus_uxl_op hstatus_vsxl_op hsxlen vsxlen misa_mxl_enc");
    uint64_t old = 0;

    csr_read_in(MODE_M, csr, &old);
    uint64_t after_bad = (write_read(csr, old | (3ul << shift)) >> shift) & 3;
    uint64_t after_64 = (write_read(csr, (old & ~(3ul << shift)) | (2ul << shift)) >> shift) & 3;
    csr_write_in(MODE_M, csr, old);
    if (after_bad == 1 || after_bad == 2)
        report_pass(fmt("%s legal after writing 3", name));
    else
        report_fail(fmt("%s legal after writing 3", name), "expected 1 or 2; got %lu", after_bad);
    expect_eq(fmt("%s holds 2 (64-bit)", name), after_64, 2);
}

static void check_hgatp(void)
{
    rules("hgatp_mode_bare hgatp_mode_sv hgatp_ppn_op hgatp_vmid hgatp_vmid_lsbs hgatp_mode_warl");
    uint64_t ppn_low = 3, vmid_all = HGATP_VMID_MASK;

    expect_eq("hgatp holds Bare (0)", write_read(CSR_HGATP, 0), 0);
    for (unsigned m = ATP_MODE_SV39; m <= ATP_MODE_SV57; m++) {
        if (!hgatp_mode_supported(m))
            continue;
        uint64_t mode = (uint64_t)m << ATP_MODE_SHIFT;
        /* [hgatp_ppn_op]: the root is 16 KiB aligned, PPN[1:0] always read as zero. */
        expect_masked(fmt("hgatp mode %u PPN[1..0] read zero", m),
                      write_read(CSR_HGATP, mode | ppn_low), 0, 3);
        /* [hgatp_vmid_lsbs]: VMID[VMIDLEN-1:0] writable, the rest zero, VMIDLEN <= 14. */
        uint64_t vmid = (write_read(CSR_HGATP, mode | vmid_all) & vmid_all) >> HGATP_VMID_SHIFT;
        expect_eq(fmt("hgatp mode %u VMID bits implemented from the LSB", m), vmid,
                  (1ul << profile.vmidlen) - 1);
    }
    /* [hgatp_mode_warl]: a reserved MODE is not ignored; the field keeps a legal value. */
    if (profile.modes_probed) {
        uint64_t mode = write_read(CSR_HGATP, 1ul << ATP_MODE_SHIFT) >> ATP_MODE_SHIFT;
        if (mode == 0 || hgatp_mode_supported(mode))
            report_pass("hgatp.MODE legal after writing reserved 1");
        else
            report_fail("hgatp.MODE legal after writing reserved 1",
                        "expected 0 or a supported mode; got %lu", mode);
    } else {
        report_skip("hgatp.MODE legal after writing reserved 1", "modes not probed here");
    }
    csr_write(CSR_HGATP, 0);
}

/*
 * vsatp's modes are probed like satp's (profile: vsatp_modes). From V=0 a write with a mode
 * vsatp does not support is ignored or WARL ([vsatp_mode_unsupported_v0]): either way MODE
 * then reads a supported mode (or Bare).
 */
static void check_vsatp(void)
{
    rules("vsatp_sz_acc_op vsatp_mode_unsupported_v0");
    expect_eq("vsatp holds Bare (0)", write_read(CSR_VSATP, 0), 0);
    for (unsigned m = ATP_MODE_SV39; m <= ATP_MODE_SV57; m++) {
        if (!satp_mode_supported(m))
            continue;
        uint64_t v = ((uint64_t)m << ATP_MODE_SHIFT) | 0x80123;
        unsigned got = write_read(CSR_VSATP, v) >> ATP_MODE_SHIFT;
        const char *name = fmt("vsatp.MODE legal after writing satp mode %u", m);
        if (got == 0 || vsatp_mode_supported(got))
            report_pass(name);
        else
            report_fail(name, "expected 0 or a supported vsatp mode; got %u", got);
    }
    csr_write(CSR_VSATP, 0);
}

/* Registers that hold any value written (full width), per their sections. */
static void check_full_width(void)
{
    rules("htimedelta_sz_acc_op vsscratch_sz_acc_op vstvec_sz_acc_op vstvec_img vscause_wlrl");
    static const struct {
        const char *name;
        unsigned csr;
        uint64_t pattern;
    } regs[] = {
            {"htimedelta", CSR_HTIMEDELTA, 0x0123456789abcdeful}, /* [htimedelta_sz_acc_op] */
            {"vsscratch", CSR_VSSCRATCH, 0xfedcba9876543210ul},   /* [vsscratch_sz_acc_op] */
            {"vstvec", CSR_VSTVEC, 0x80001000ul},                 /* direct mode, aligned */
            {"vscause", CSR_VSCAUSE, EXC_LOAD_PAGE_FAULT},        /* [vscause_wlrl] legal */
            {"vscause", CSR_VSCAUSE, CAUSE_INTERRUPT | IRQ_SEI},
    };

    for (unsigned i = 0; i < sizeof(regs) / sizeof(regs[0]); i++) {
        uint64_t old = 0;

        csr_read_in(MODE_M, regs[i].csr, &old);
        expect_eq(fmt("%s holds 0x%lx", regs[i].name, regs[i].pattern),
                  write_read(regs[i].csr, regs[i].pattern), regs[i].pattern);
        csr_write_in(MODE_M, regs[i].csr, old);
    }
}

/* [vsepc_warl], [vstval_warl]: the VS copy holds the same values as the HS register. */
static void check_same_as_hs(const char *name, unsigned vs_csr, unsigned hs_csr, uint64_t v)
{
    rules("vsepc_warl vstval_warl");
    uint64_t old_vs = 0, old_hs = 0;

    csr_read_in(MODE_M, vs_csr, &old_vs);
    csr_read_in(MODE_M, hs_csr, &old_hs);
    expect_eq(fmt("%s holds 0x%lx like its S-level register", name, v), write_read(vs_csr, v),
              write_read(hs_csr, v));
    csr_write_in(MODE_M, vs_csr, old_vs);
    csr_write_in(MODE_M, hs_csr, old_hs);
}

/* [htval_val], [htinst_val], [mtval2_val], [mtinst_val]: each must be able to hold zero. */
static void check_hold_zero(void)
{
    rules("htval_val htinst_val mtval2_val mtinst_val");
    static const struct {
        const char *name;
        unsigned csr;
    } regs[] = {{"htval", CSR_HTVAL},
                {"htinst", CSR_HTINST},
                {"mtval2", CSR_MTVAL2},
                {"mtinst", CSR_MTINST}};

    for (unsigned i = 0; i < sizeof(regs) / sizeof(regs[0]); i++)
        expect_eq(fmt("%s holds zero", regs[i].name), write_read(regs[i].csr, 0), 0);
    /* [H_mtval_nrz]: with H, mtval is not read-only zero. */
    rules("H_mtval_nrz");
    /* Directly from M: a run's closing ecall would overwrite mtval. */
    uint64_t old = csr_read(CSR_MTVAL);
    csr_write(CSR_MTVAL, 0x80001000ul);
    bool nonzero = csr_read(CSR_MTVAL) != 0;
    csr_write(CSR_MTVAL, old);
    expect_eq("mtval is not read-only zero", nonzero, 1);
}

/* [mstatus_mpv_op], [mstatus_gva_op]: MPV and GVA are fields software can write. */
static void check_mstatus_h_bits(void)
{
    rules("mstatus_mpv_op mstatus_gva_op");
    static const struct {
        const char *name;
        uint64_t bit;
    } bits[] = {{"mstatus.MPV writable", MSTATUS_MPV}, {"mstatus.GVA writable", MSTATUS_GVA}};

    for (unsigned i = 0; i < 2; i++) {
        csr_set(CSR_MSTATUS, bits[i].bit);
        bool set = csr_read(CSR_MSTATUS) & bits[i].bit;
        csr_clear(CSR_MSTATUS, bits[i].bit);
        bool clear = !(csr_read(CSR_MSTATUS) & bits[i].bit);
        if (set && clear)
            report_pass(bits[i].name);
        else
            report_fail(bits[i].name, "expected set then clear; got set=%u clear=%u", set, clear);
    }
}

/* [vsstatus_sd_xs_op]: SD summarizes VS-visible state; FS = Dirty makes SD read one. */
static void check_vsstatus_sd(void)
{
    rules("vsstatus_sd_xs_op");
    uint64_t old = csr_read(CSR_VSSTATUS);

    csr_write(CSR_VSSTATUS, old | MSTATUS_FS);
    expect_masked("vsstatus.SD set when vsstatus.FS is Dirty", csr_read(CSR_VSSTATUS), MSTATUS_SD,
                  MSTATUS_SD);
    csr_write(CSR_VSSTATUS, old);
}

/* [henvcfg_stce], [henvcfg_adue_op]: bits of unimplemented extensions are read-only zero. */
static void check_henvcfg(void)
{
    rules("henvcfg_stce henvcfg_adue_op");
    if (!profile.envcfg) {
        report_skip("henvcfg fields", "no henvcfg");
        return;
    }
    uint64_t old = csr_read(CSR_HENVCFG);
    csr_write(CSR_MENVCFG, ENVCFG_STCE | ENVCFG_ADUE);
    uint64_t got = write_read(CSR_HENVCFG, ENVCFG_STCE | ENVCFG_ADUE);
    csr_write(CSR_HENVCFG, old);
    csr_write(CSR_MENVCFG, 0);
    if (!profile.sstc)
        expect_masked("henvcfg.STCE read-only zero without Sstc", got, 0, ENVCFG_STCE);
    if (!profile.svadu)
        expect_masked("henvcfg.ADUE read-only zero without Svadu", got, 0, ENVCFG_ADUE);
}

/*
 * mstatus.TVM: HS loses hgatp and satp ([hgatp_tvm_illegal], priv "mstatus" TVM); vsatp from
 * HS and satp from VS stay allowed ([mstatus_tvm_hs], [mstatus_modes]).
 */
static void check_tvm(void)
{
    rules("hgatp_tvm_illegal mstatus_tvm_hs mstatus_modes");
    static const struct {
        const char *name;
        enum mode mode;
        unsigned csr;
        bool traps;
    } cases[] = {
            {"hgatp read from HS with mstatus.TVM=1", MODE_HS, CSR_HGATP, true},
            {"satp read from HS with mstatus.TVM=1", MODE_HS, CSR_SATP, true},
            {"vsatp read from HS with mstatus.TVM=1", MODE_HS, CSR_VSATP, false},
            {"satp read from VS with mstatus.TVM=1", MODE_VS, CSR_SATP, false},
    };

    csr_set(CSR_MSTATUS, MSTATUS_TVM);
    for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        uint32_t insn = insn_csrrs(REG_A0, cases[i].csr, REG_ZERO);
        struct trap t = exec_insn(cases[i].mode, insn, 0, 0, NULL);
        expect_trap(cases[i].name, &t,
                    cases[i].traps ? insn_trap(LEVEL_M, EXC_ILLEGAL_INSN, insn) : no_trap());
    }
    uint32_t w = insn_csrrs(REG_ZERO, CSR_HGATP, REG_A0);
    struct trap t = exec_insn(MODE_HS, w, 0, 0, NULL);
    expect_trap("hgatp write from HS with mstatus.TVM=1", &t,
                insn_trap(LEVEL_M, EXC_ILLEGAL_INSN, w));
    csr_clear(CSR_MSTATUS, MSTATUS_TVM);
}

/* Zicsr: csrrs with rs1 != x0 attempts a write even when the value is 0; hgeip is read-only. */
static void check_csrrs_zero_write(void)
{
    rules("hgeip_sz_acc_op");
    uint32_t insn = insn_csrrs(REG_ZERO, CSR_HGEIP, REG_A0);
    struct trap t = exec_insn(MODE_M, insn, 0, 0, NULL);

    expect_trap("hgeip csrrs with a zero register from M is a write", &t,
                insn_trap(LEVEL_M, EXC_ILLEGAL_INSN, insn));
}

/* [mip_mie_alias]: VS bits of mip/mie are the hip/hie bits; [sie_hip_hie_mutex]. */
static void check_m_aliases(void)
{
    rules("mip_mie_alias sie_hip_hie_mutex mip_mie_vs");
    csr_write(CSR_HVIP, MIP_VS_BITS);
    expect_masked("mip VS bits alias hip (hvip set)", csr_read(CSR_MIP), MIP_VS_BITS, MIP_VS_BITS);
    csr_write(CSR_HVIP, 0);
    csr_write(CSR_HIE, MIP_VS_BITS);
    expect_masked("mie VS bits alias hie", csr_read(CSR_MIE), MIP_VS_BITS, MIP_VS_BITS);
    csr_write(CSR_HIE, 0);
    csr_set(CSR_MIE, MIP_VS_BITS);
    expect_masked("hie VS bits alias mie", csr_read(CSR_HIE), MIP_VS_BITS, MIP_VS_BITS);
    csr_write(CSR_MIE, 0);

    uint64_t old_sie = csr_read(CSR_SIE);
    uint64_t sie = write_read(CSR_SIE, ~0ul), hie = write_read(CSR_HIE, ~0ul);
    csr_write(CSR_SIE, old_sie);
    csr_write(CSR_HIE, 0);
    expect_eq("sie and hie writable bits are disjoint", sie & hie, 0);
}

void csr_fields_checks(void)
{
    for (unsigned i = 0; i < sizeof(bit_checks) / sizeof(bit_checks[0]); i++)
        check_bit(&bit_checks[i]);
    check_hedeleg_bit0();
    check_hedeleg_new_causes();
    check_hideleg_lcofi();
    check_geilen();
    check_vgein();
    check_xl("hstatus.VSXL", CSR_HSTATUS, 32);
    check_xl("vsstatus.UXL", CSR_VSSTATUS, 32);
    check_hgatp();
    check_vsatp();
    check_full_width();
    check_same_as_hs("vsepc", CSR_VSEPC, CSR_SEPC, 0x80001235ul);
    check_same_as_hs("vstval", CSR_VSTVAL, CSR_STVAL, 0x80001234ul);
    check_hold_zero();
    check_mstatus_h_bits();
    check_vsstatus_sd();
    check_henvcfg();
    check_tvm();
    check_csrrs_zero_write();
    check_m_aliases();
}
