/*
 * Guest external interrupts (priv "Hypervisor Guest External Interrupt Registers"): an
 * interrupt pending in guest interrupt file g of the hart's IMSIC sets hgeip bit g; hip.SGEIP
 * is (hgeip & hgeie) != 0 and traps to HS as interrupt 12; hip.VSEIP includes the hgeip bit
 * hstatus.VGEIN selects, which reaches VS as a supervisor external interrupt when hideleg
 * delegates it. A guest file is programmed through vsiselect/vsireg with VGEIN = g (AIA
 * "Ssaia") and made pending by a write to its seteipnum_le register.
 */
#include "suite.h"

#define NOP           0x00000013u
#define EIDELIVERY    0x70 /* vsiselect numbers of the IMSIC registers (AIA "IMSIC") */
#define EITHRESHOLD   0x72
#define EIP0          0x80
#define EIE0          0xc0
#define IDENTITY      1
#define GUEST_FILE(g) (profile.imsic_s + (uintptr_t)(g)*0x1000)

static void select_guest(unsigned g)
{
    uint64_t hs = csr_read(CSR_HSTATUS) & ~HSTATUS_VGEIN;

    csr_write(CSR_HSTATUS, hs | ((uint64_t)g << HSTATUS_VGEIN_SHIFT));
}

static void file_write(unsigned reg, uint64_t v)
{
    csr_write(CSR_VSISELECT, reg);
    csr_write(CSR_VSIREG, v);
}

/* Guest file g: delivery on, identity IDENTITY enabled and pending. VGEIN is left at g. */
static void raise_in_file(unsigned g)
{
    select_guest(g);
    file_write(EIDELIVERY, 1);
    file_write(EITHRESHOLD, 0);
    file_write(EIE0, 1ul << IDENTITY);
    *(volatile uint32_t *)GUEST_FILE(g) = IDENTITY;
    __asm__ volatile("fence" ::: "memory");
}

static void quiet_file(unsigned g)
{
    select_guest(g);
    file_write(EIP0, 0);
    file_write(EIE0, 0);
    file_write(EIDELIVERY, 0);
    select_guest(0);
}

static void check_file(unsigned g)
{
    uint64_t bit = 1ul << g;

    rules("hgeip_sz_acc_op hgeip_hgeie_fields hgeie_op hip_sgeip_sgeie_acc_op");
    hart_reset();
    raise_in_file(g);
    expect_eq(fmt("hgeip is bit %u alone with guest file %u pending", g, g), csr_read(CSR_HGEIP),
              bit);
    csr_write(CSR_HGEIE, 0);
    expect_masked(fmt("hip.SGEIP clear with hgeip bit %u and hgeie 0", g), csr_read(CSR_HIP), 0,
                  1ul << IRQ_SGEI);
    csr_write(CSR_HGEIE, bit);
    expect_masked(fmt("hip.SGEIP set with hgeip and hgeie bit %u", g), csr_read(CSR_HIP),
                  1ul << IRQ_SGEI, 1ul << IRQ_SGEI);

    rules("hip_vseip_vseie_op hstatus_vgein_op");
    csr_write(CSR_HGEIE, 0);
    expect_masked(fmt("hip.VSEIP set with VGEIN=%u selecting the pending file", g),
                  csr_read(CSR_HIP), MIP_VSEIP, MIP_VSEIP);
    select_guest(0);
    expect_masked(fmt("hip.VSEIP clear with VGEIN=0 (file %u pending)", g), csr_read(CSR_HIP), 0,
                  MIP_VSEIP);

    /* SGEI traps to HS from VS (mideleg.SGEI is read-only one); it outranks VSEI. */
    rules("hsint_priority hip_sgeip_sgeie_acc_op mideleg_acc_h");
    select_guest(g);
    csr_write(CSR_HGEIE, bit);
    csr_write(CSR_HIE, (1ul << IRQ_SGEI) | MIP_VSEIP);
    struct trap t = exec_insn(MODE_VS, NOP, 0, 0, NULL);
    struct expect e = trap_at(LEVEL_HS, CAUSE_INTERRUPT | IRQ_SGEI);
    e.fields = EXPECT_FROM;
    e.from = MODE_VS;
    expect_trap(fmt("guest file %u interrupt with SGEIE and VSEIE taken at HS as SGEI", g), &t, e);

    /* Delegated VSEI from the selected file reaches VS as a supervisor external interrupt. */
    rules("hip_vseip_vseie_op hideleg_trans hideleg_op");
    csr_write(CSR_HGEIE, 0);
    csr_write(CSR_HIE, MIP_VSEIP);
    csr_write(CSR_HIDELEG, MIP_VSEIP);
    t = exec_insn(MODE_VU, NOP, 0, 0, NULL);
    e = trap_at(LEVEL_VS, CAUSE_INTERRUPT | IRQ_SEI);
    e.fields = EXPECT_FROM;
    e.from = MODE_VU;
    expect_trap(fmt("guest file %u interrupt delegated by hideleg taken at VS as SEI", g), &t, e);
    quiet_file(g);
    hart_reset();
}

void area_guest_external(void)
{
    rules("geilen hgeip_sz_acc_op");
    if (!profile.geilen) {
        report_skip("all", "GEILEN = 0: no guest external interrupts");
        return;
    }
    if (!profile.ssaia || !profile.imsic_s) {
        report_skip("all", "no IMSIC guest files the suite can drive (needs Ssaia and an IMSIC "
                           "address in the platform data)");
        return;
    }
    check_file(1);
    if (profile.geilen > 1)
        check_file(profile.geilen);
}
