/*
 * Implementation choices the spec leaves open, detected once and printed as `profile:` lines.
 * Checks follow the profile instead of failing on a legal choice.
 */
#include "internal.h"

struct profile profile;

#define PTE_V    (1ul << 0)
#define PTE_R    (1ul << 1)
#define PTE_W    (1ul << 2)
#define PTE_X    (1ul << 3)
#define PTE_A    (1ul << 6)
#define PTE_D    (1ul << 7)
#define RAM_BASE 0x80000000ul
#define PMP_NA4  (2u << 3)
/* ld a0, 0(a0), and its transformation with rs1 cleared (priv "Transformed Instruction or
 * Pseudoinstruction"). */
#define INSN_LD_A0       0x00053503u
#define INSN_LD_A0_XFORM 0x00003503u

bool hgatp_mode_supported(unsigned mode)
{
    return profile.hgatp_modes & (1u << mode);
}

bool satp_mode_supported(unsigned mode)
{
    return profile.satp_modes & (1u << mode);
}

bool vsatp_mode_supported(unsigned mode)
{
    return profile.vsatp_modes & (1u << mode);
}

static bool csr_exists(unsigned csr)
{
    uint64_t v;

    return !csr_read_in(MODE_M, csr, &v).taken;
}

/* Write `val` to a CSR from M and return what reads back; the old value is restored. */
static uint64_t write_read(unsigned csr, uint64_t val)
{
    uint64_t old, got;

    csr_read_in(MODE_M, csr, &old);
    csr_write_in(MODE_M, csr, val);
    csr_read_in(MODE_M, csr, &got);
    csr_write_in(MODE_M, csr, old);
    return got;
}

static unsigned popcount(uint64_t v)
{
    unsigned n = 0;

    for (; v; v &= v - 1)
        n++;
    return n;
}

/* A mode is supported when it reads back (satp ignores others; hgatp: [hgatp_mode_warl]). */
static uint32_t probe_modes(unsigned csr)
{
    uint32_t modes = 1u << ATP_MODE_BARE;

    for (unsigned m = ATP_MODE_SV39; m <= ATP_MODE_SV57; m++)
        if (write_read(csr, (uint64_t)m << ATP_MODE_SHIFT) >> ATP_MODE_SHIFT == m)
            modes |= 1u << m;
    return modes;
}

/* priv [hgatp_vmid] and "satp": write ones to every VMID/ASID bit, count the ones that stay. */
static unsigned id_bits(unsigned csr, uint64_t mask)
{
    uint64_t v = write_read(csr, ((uint64_t)ATP_MODE_SV39 << ATP_MODE_SHIFT) | mask);

    return popcount(v & mask);
}

static uint64_t load_a0(uint64_t addr)
{
    return *(volatile uint64_t *)addr;
}

/* S-stage A bit clear on the page holding the code: fault, or set by hardware (priv "Virtual
 * Address Translation Process" step on A/D). */
static enum ad_behaviour probe_ad(void)
{
    static uint64_t root[512] __attribute__((aligned(4096)));
    uint64_t probe_word = 0;

    root[RAM_BASE >> 30] = ((RAM_BASE >> 12) << 10) | PTE_V | PTE_R | PTE_W | PTE_X;
    csr_write(CSR_SATP, ((uint64_t)ATP_MODE_SV39 << ATP_MODE_SHIFT) | ((uintptr_t)root >> 12));
    __asm__ volatile("sfence.vma" ::: "memory");
    struct trap t = run_in(MODE_HS, load_a0, (uintptr_t)&probe_word, NULL);
    csr_write(CSR_SATP, 0);
    __asm__ volatile("sfence.vma" ::: "memory");
    if (t.taken)
        return t.cause == EXC_INSN_PAGE_FAULT ? AD_FAULT : AD_UNKNOWN;
    return (root[RAM_BASE >> 30] & PTE_A) ? AD_HW_UPDATE : AD_UNKNOWN;
}

/* A load access fault (PMP) from HS: is mtinst zero or the transformed load (priv "Transformed
 * Instruction or Pseudoinstruction")? */
static bool probe_tinst(void)
{
    static uint64_t denied __attribute__((aligned(8)));

    csr_write(CSR_PMPADDR0, (uintptr_t)&denied >> 2);
    csr_set(CSR_PMPCFG0, PMP_NA4);
    struct trap t = exec_insn(MODE_HS, INSN_LD_A0, (uintptr_t)&denied, 0, NULL);
    csr_clear(CSR_PMPCFG0, 0xff);
    return t.taken && t.cause == EXC_LOAD_ACCESS && t.tinst == INSN_LD_A0_XFORM;
}

/* priv "mtval": mtval on an illegal instruction is zero or the instruction's bits. */
static bool probe_tval_insn(void)
{
    uint32_t insn = insn_csrrw(REG_ZERO, CSR_MVENDORID, REG_ZERO);
    struct trap t = exec_insn(MODE_M, insn, 0, 0, NULL);

    return t.taken && t.tval == insn;
}

void profile_detect(void)
{
    profile.platform = suite_platform->name;
    profile.misa = csr_read(CSR_MISA);
    profile.h = profile.misa & (1ul << ('H' - 'A'));
    profile.envcfg = csr_exists(CSR_MENVCFG);
    profile.smstateen = csr_exists(CSR_MSTATEEN0);
    profile.pmp = csr_exists(CSR_PMPADDR1) && csr_exists(CSR_PMPCFG0);
    if (profile.envcfg) {
        profile.sstc =
                (write_read(CSR_MENVCFG, ENVCFG_STCE) & ENVCFG_STCE) && csr_exists(CSR_STIMECMP);
        profile.svadu = write_read(CSR_MENVCFG, ENVCFG_ADUE) & ENVCFG_ADUE;
    }
    hart_reset();
    profile.modes_probed = suite_platform->probe_modes;
    profile.absent_csrs_trap = suite_platform->absent_csrs_trap;
    if (profile.modes_probed) {
        profile.satp_modes = probe_modes(CSR_SATP);
        profile.hgatp_modes = profile.h ? probe_modes(CSR_HGATP) : 0;
        profile.vsatp_modes = profile.h ? probe_modes(CSR_VSATP) : 0;
    } else {
        profile.satp_modes = suite_platform->assumed_satp_modes;
        profile.hgatp_modes = profile.h ? suite_platform->assumed_hgatp_modes : 0;
        profile.vsatp_modes = profile.h ? suite_platform->assumed_satp_modes : 0;
    }
    if (satp_mode_supported(ATP_MODE_SV39)) {
        profile.asidlen = id_bits(CSR_SATP, SATP_ASID_MASK);
        profile.ad = probe_ad();
    }
    if (profile.h) {
        if (hgatp_mode_supported(ATP_MODE_SV39))
            profile.vmidlen = id_bits(CSR_HGATP, HGATP_VMID_MASK);
        profile.geilen = popcount(write_read(CSR_HGEIE, ~0ul));
        profile.tinst_transformed = profile.pmp && probe_tinst();
        profile.ssaia = csr_exists(CSR_VSISELECT);
        profile.imsic_s = suite_platform->imsic_s;
    }
    profile.tval_insn_bits = probe_tval_insn();
    hart_reset();
}

static const char *modes_str(uint32_t modes, const char *suffix)
{
    static const char *const names[] = {
            [ATP_MODE_SV39] = "sv39", [ATP_MODE_SV48] = "sv48", [ATP_MODE_SV57] = "sv57"};
    const char *s = "bare";

    for (unsigned m = ATP_MODE_SV39; m <= ATP_MODE_SV57; m++)
        if (modes & (1u << m))
            s = fmt("%s %s%s", s, names[m], suffix);
    return s;
}

void profile_print(void)
{
    static const char *const ad_names[] = {"unknown", "fault", "hw-update"};
    const char *how = profile.modes_probed ? "" : " (platform data, not probed)";

    pr("profile: platform = %s\n", profile.platform);
    pr("profile: misa = 0x%lx\n", profile.misa);
    pr("profile: h = %s\n", profile.h ? "yes" : "no");
    pr("profile: pmp = %s\n", profile.pmp ? "yes" : "no");
    pr("profile: smstateen = %s\n", profile.smstateen ? "yes" : "no");
    pr("profile: satp_modes = %s%s\n", modes_str(profile.satp_modes, ""), how);
    pr("profile: vsatp_modes = %s%s\n", modes_str(profile.vsatp_modes, ""), how);
    pr("profile: hgatp_modes = %s%s\n", modes_str(profile.hgatp_modes, "x4"), how);
    pr("profile: asidlen = %u\n", profile.asidlen);
    pr("profile: vmidlen = %u\n", profile.vmidlen);
    pr("profile: geilen = %u\n", profile.geilen);
    pr("profile: ssaia = %s\n", profile.ssaia ? "yes" : "no");
    pr("profile: sstc = %s\n", profile.sstc ? "yes" : "no");
    pr("profile: svadu = %s\n", profile.svadu ? "yes" : "no");
    pr("profile: ad = %s\n", ad_names[profile.ad]);
    pr("profile: tinst = %s\n", !profile.pmp                ? "not probed (no PMP)"
                                : profile.tinst_transformed ? "transformed"
                                                            : "zero");
    pr("profile: tval_illegal_insn = %s\n", profile.tval_insn_bits ? "insn-bits" : "zero");
}
