/*
 * Misaligned, page-straddling and compressed accesses at V=1 (VS-mode, Sv39 over Sv39x4, the
 * translation area's tables). A misaligned access may complete, or raise an address-misaligned
 * or access-fault exception (priv "Load and Store Instructions": the execution environment
 * decides); the profile says which. Where the second page of a straddling access has an
 * invalid G-stage (VS-stage) leaf, the fault is a guest-page (page) fault whose tval is the
 * page boundary, the first byte of the portion that faulted ([H_straddle],
 * [stval_op_load_store_fault]), with htval/mtval2 its GPA ([mtval2_htval_virtaddr]) and a
 * transformed tinst whose Addr. Offset is boundary - address ([H_tinst_addr_offset]); a
 * misaligned exception may instead take priority ([H_exception_priority]: "Optionally").
 * Compressed loads and stores transform to the 32-bit form with bit 1 clear
 * ([H_trap_xtinst_exception_list]).
 */
#include "xlate_env.h"

#define INSN_LD_A0      0x00053503u /* ld a0, 0(a0) */
#define INSN_SD_A1      0x00b53023u /* sd a1, 0(a0) */
#define INSN_LD_XFORM   0x00003503u
#define INSN_SD_XFORM   0x00b03023u
#define INSN_C_LD_C_NOP 0x00016108u /* c.ld a0, 0(a0); c.nop */
#define INSN_C_SD_C_NOP 0x0001e10cu /* c.sd a1, 0(a0); c.nop */
#define PAGE            0x1000ull

static void vs_root_on(const struct xe *e)
{
    csr_write(CSR_VSATP, ((uint64_t)e->vs_mode << ATP_MODE_SHIFT) | (e->vs_root[XL_VS] >> 12));
    xe_fence();
}

/* A fault at M for an explicit access by the exec_insn slot, with tval = `at` and GVA=1, or
 * tval = 0 and GVA=0 ([hstatus_gva_op]); tval2 as given or 0; tinst 0 or `tinst`. */
static unsigned fault_alts(struct expect *out, uint64_t cause, uint64_t at, uint64_t tval2,
                           uint64_t tinst)
{
    struct expect e = trap_at(LEVEL_M, cause);

    e.fields = EXPECT_EPC | EXPECT_TVAL | EXPECT_TINST | EXPECT_GVA | EXPECT_TVAL2_0;
    e.epc = insn_slot_addr();
    e.tval2 = tval2;
    e.tval = at;
    e.tinst = tinst;
    e.gva = true;
    out[0] = e;
    e.tval = 0;
    e.gva = false;
    out[1] = e;
    return 2;
}

static const char *misaligned_support = "unknown";

/* A misaligned load inside one page: it completes with the right bytes, or traps as misaligned
 * or as an access fault (the choice goes to the profile). */
static void within_page(struct xe *e, unsigned k)
{
    uint64_t va = xe_page_gva(e, k) + XE_TAG_OFFSET + 1, pa = xe_page_spa(k) + XE_TAG_OFFSET + 1;
    uint64_t want = 0, got = 0;

    for (unsigned i = 0; i < 8; i++)
        want |= (uint64_t) * (volatile uint8_t *)(uintptr_t)(pa + i) << (8 * i);
    vs_root_on(e);
    struct trap t = exec_insn(MODE_VS, INSN_LD_A0, va, 0, &got);
    struct expect alts[4];
    unsigned n = fault_alts(alts, EXC_LOAD_MISALIGNED, va, 0, INSN_LD_XFORM);
    n += fault_alts(alts + n, EXC_LOAD_ACCESS, va, 0, INSN_LD_XFORM);
    const char *name = "ld misaligned by 1 within a page";
    misaligned_support = !t.taken                         ? "completes"
                         : t.cause == EXC_LOAD_MISALIGNED ? "misaligned exception"
                                                          : "access fault";
    if (!t.taken)
        expect_eq(name, got, want);
    else
        expect_trap_any(name, &t, alts, n);
}

/* A doubleword at the last 4 bytes of page k, whose next page has its G-stage (g) or VS-stage
 * leaf invalid. */
static void straddle(struct xe *e, unsigned k, bool store, bool g)
{
    uint64_t boundary = xe_page_gva(e, k + 1), va = boundary - 4;
    uint64_t gpa = xe_page_gpa(e, k + 1);
    uint32_t insn = store ? INSN_SD_A1 : INSN_LD_A0;
    uint64_t xform = (store ? INSN_SD_XFORM : INSN_LD_XFORM) | ((boundary - va) << 15);
    uint64_t cause = g ? (store ? EXC_STORE_GUEST_PAGE_FAULT : EXC_LOAD_GUEST_PAGE_FAULT)
                       : (store ? EXC_STORE_PAGE_FAULT : EXC_LOAD_PAGE_FAULT);

    if (g)
        xe_edit(e, xe_g_slot(e, gpa, 0), 0);
    else
        xe_edit(e, xe_vs_slot(e, XL_VS, boundary, 0), 0);
    vs_root_on(e);
    struct trap t = exec_insn(MODE_VS, insn, va, 0, NULL);
    xe_restore(e);

    struct expect alts[4];
    unsigned n = fault_alts(alts, cause, boundary, g ? gpa >> 2 : 0, xform);
    n += fault_alts(alts + n, store ? EXC_STORE_MISALIGNED : EXC_LOAD_MISALIGNED, va, 0,
                    store ? INSN_SD_XFORM : INSN_LD_XFORM);
    expect_trap_any(fmt("%s straddling into a page with an invalid %s leaf", store ? "sd" : "ld",
                        g ? "g-stage" : "vs-stage"),
                    &t, alts, n);
}

/* c.ld/c.sd on a page with an invalid G-stage leaf: tinst 0 or the transformed 32-bit form with
 * bit 1 cleared. */
static void compressed(struct xe *e, unsigned k, bool store)
{
    uint64_t va = xe_page_gva(e, k) + XE_TAG_OFFSET, gpa = xe_page_gpa(e, k) + XE_TAG_OFFSET;
    uint64_t xform = (store ? INSN_SD_XFORM : INSN_LD_XFORM) & ~2ull;

    xe_edit(e, xe_g_slot(e, gpa, 0), 0);
    vs_root_on(e);
    struct trap t = exec_insn(MODE_VS, store ? INSN_C_SD_C_NOP : INSN_C_LD_C_NOP, va, 0, NULL);
    xe_restore(e);
    struct expect alts[2];
    unsigned n = fault_alts(alts, store ? EXC_STORE_GUEST_PAGE_FAULT : EXC_LOAD_GUEST_PAGE_FAULT,
                            va, gpa >> 2, xform);
    expect_trap_any(fmt("%s guest-page fault tinst is 0 or the transformed form with bit 1 clear",
                        store ? "c.sd" : "c.ld"),
                    &t, alts, n);
}

void area_misaligned(void)
{
    rules("H_straddle mtval2_htval_virtaddr mtval2_trapval_other H_tinst_addr_offset "
          "H_exception_priority "
          "stval_op_load_store_fault");
    if (!xe_setup_sv39(&xe, "all"))
        return;
    within_page(&xe, 2);
    pr("profile: misaligned-v1 = %s\n", misaligned_support);
    for (int store = 0; store < 2; store++) {
        straddle(&xe, 4, store, true);
        straddle(&xe, 6, store, false);
    }
    rules("H_trap_xtinst_exception_list H_trap_xtinst_exception_lead-in H_trap_xtinst_val");
    if (!(profile.misa & (1ul << ('C' - 'A')))) {
        report_skip("compressed loads and stores", "no C extension");
        return;
    }
    compressed(&xe, 8, false);
    compressed(&xe, 9, true);
    hart_reset();
}
