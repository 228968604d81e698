/*
 * henvcfg beyond STCE/ADUE (priv "Hypervisor Environment Configuration Register"): the
 * Zicboz/Zicbom enables CBZE, CBCFE, CBIE gate CBO.* at V=1 (illegal when HS could not run the
 * instruction, virtual when only henvcfg forbids it), PBMTE makes Svpbmt encodings valid in
 * VS-stage PTEs as menvcfg.PBMTE does for G-stage ones, and every such field is read-only zero
 * without its extension, henvcfg.PBMTE also while menvcfg.PBMTE is 0. Zicbom/Zicboz are
 * detected by running CBO.CLEAN/CBO.ZERO in M (always enabled there), Svpbmt by menvcfg.PBMTE
 * being writable (there is no instruction to try).
 */
#include "translation.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

#define INSN_CBO_INVAL 0x0005200fu /* cbo.inval (a0) */
#define INSN_CBO_CLEAN 0x0015200fu
#define INSN_CBO_FLUSH 0x0025200fu
#define INSN_CBO_ZERO  0x0045200fu
#define ENVCFG_CBIE    (3ul << 4)
#define ENVCFG_FIOM    (1ul << 0)

static uint8_t block[4096] __attribute__((aligned(4096)));

static bool runs_in_m(uint32_t insn)
{
    return !exec_insn(MODE_M, insn, (uintptr_t)block, 0, NULL).taken;
}

/* Whether the extension behind a menvcfg/henvcfg field exists (see the comment above). */
static bool extension_of(uint64_t field)
{
    if (field == ENVCFG_CBZE)
        return runs_in_m(INSN_CBO_ZERO);
    if (field == ENVCFG_CBCFE || field == ENVCFG_CBIE)
        return runs_in_m(INSN_CBO_CLEAN);
    csr_write(CSR_MENVCFG, field);
    bool has = (csr_read(CSR_MENVCFG) & field) == field;
    csr_write(CSR_MENVCFG, 0);
    return has;
}

static bool menvcfg_has(uint64_t field)
{
    csr_write(CSR_MENVCFG, field);
    bool has = (csr_read(CSR_MENVCFG) & field) == field;
    csr_write(CSR_MENVCFG, 0);
    return has;
}

/* [henvcfg_cbze], [henvcfg_cbcfe], [henvcfg_cbie], [henvcfg_pbmte_op]: read-only zero without
 * the extension; [menvcfg_pbmte_henvcfg_pbmte_rdonly0]: PBMTE also while menvcfg.PBMTE=0. */
static void check_fields(void)
{
    static const struct {
        const char *name;
        uint64_t field;
    } fields[] = {{"CBZE", ENVCFG_CBZE},
                  {"CBCFE", ENVCFG_CBCFE},
                  {"CBIE", ENVCFG_CBIE},
                  {"PBMTE", ENVCFG_PBMTE}};

    rules("henvcfg_cbze henvcfg_cbcfe henvcfg_cbie henvcfg_pbmte_op "
          "menvcfg_pbmte_henvcfg_pbmte_rdonly0 menvcfg_cbze_rdonly0 menvcfg_cbcfe_rdonly0 "
          "menvcfg_cbie_rdonly0");
    for (unsigned i = 0; i < N(fields); i++) {
        uint64_t f = fields[i].field;
        bool has = extension_of(f), m_has = menvcfg_has(f);
        pr("profile: henvcfg.%s = %s\n", fields[i].name,
           has ? "its extension is implemented" : "no extension");
        csr_write(CSR_MENVCFG, m_has ? f : 0);
        csr_write(CSR_HENVCFG, f);
        uint64_t got = csr_read(CSR_HENVCFG) & f;
        csr_write(CSR_HENVCFG, 0);
        csr_write(CSR_MENVCFG, 0);
        if (!has) {
            expect_eq(fmt("menvcfg.%s read-only zero without its extension", fields[i].name), m_has,
                      0);
            expect_eq(fmt("henvcfg.%s read-only zero without its extension", fields[i].name), got,
                      0);
        } else if (f != ENVCFG_CBIE) {
            expect_eq(fmt("henvcfg.%s writable with its extension", fields[i].name), got, f);
        }
        if (has && f == ENVCFG_PBMTE) {
            csr_write(CSR_HENVCFG, f);
            expect_masked("henvcfg.PBMTE read-only zero while menvcfg.PBMTE=0",
                          csr_read(CSR_HENVCFG), 0, f);
            csr_write(CSR_HENVCFG, 0);
        }
    }
    /* FIOM only changes fence ordering, which no single hart can observe: profile only. */
    csr_write(CSR_HENVCFG, ENVCFG_FIOM);
    pr("profile: henvcfg.FIOM = %s\n",
       csr_read(CSR_HENVCFG) & ENVCFG_FIOM ? "writable" : "read-only zero");
    csr_write(CSR_HENVCFG, 0);
}

/* One CBO instruction in HS and VS under menvcfg/henvcfg values. */
struct cbo_case {
    const char *name;
    uint32_t insn;
    uint64_t field, on; /* the enable field and the value that enables */
};

static void run_cbo(const struct cbo_case *c, uint64_t m, uint64_t h, enum insn_outcome hs,
                    enum insn_outcome vs)
{
    static const enum mode modes[] = {MODE_HS, MODE_VS};
    const enum insn_outcome outs[] = {hs, vs};

    for (unsigned i = 0; i < 2; i++) {
        hart_reset();
        csr_write(CSR_MENVCFG, m);
        csr_write(CSR_HENVCFG, h);
        struct trap t = exec_insn(modes[i], c->insn, (uintptr_t)block, 0, NULL);
        struct expect e = insn_outcome(outs[i], modes[i], c->insn);
        expect_trap(fmt("%s in %s with menvcfg.%s=%lu henvcfg=%lu", c->name, mode_name(modes[i]),
                        c->name[4] == 'z' ? "CBZE" : "CB*E", m ? 1ul : 0ul, h ? 1ul : 0ul),
                    &t, e);
    }
}

/* [henvcfg_cbze], [henvcfg_cbcfe], [cbo-inval_h-mode_veq1_op], [menvcfg_cbze_op]: menvcfg
 * off, illegal in HS and VS; henvcfg off, virtual in VS; both on, executed. */
static void check_cbo(void)
{
    static const struct cbo_case cases[] = {
            {"cbo.zero", INSN_CBO_ZERO, ENVCFG_CBZE, ENVCFG_CBZE},
            {"cbo.clean", INSN_CBO_CLEAN, ENVCFG_CBCFE, ENVCFG_CBCFE},
            {"cbo.flush", INSN_CBO_FLUSH, ENVCFG_CBCFE, ENVCFG_CBCFE},
            {"cbo.inval", INSN_CBO_INVAL, ENVCFG_CBIE, ENVCFG_CBIE_FLUSH},
    };

    rules("henvcfg_cbze henvcfg_cbcfe henvcfg_cbie cbo-inval_h-mode_veq1_op menvcfg_cbze_op "
          "menvcfg_cbcfe_op");
    for (unsigned i = 0; i < N(cases); i++) {
        const struct cbo_case *c = &cases[i];
        if (!extension_of(c->field)) {
            report_skip(c->name, "no Zicbom/Zicboz (the instruction is illegal in M)");
            continue;
        }
        run_cbo(c, 0, 0, INSN_ILLEGAL, INSN_ILLEGAL);
        run_cbo(c, c->on, 0, INSN_RUNS, INSN_VIRTUAL);
        run_cbo(c, c->on, c->on, INSN_RUNS, INSN_RUNS);
    }
    hart_reset();
    for (unsigned i = 0; i < sizeof(block); i++)
        block[i] = 0;
}

/* Svpbmt at both stages: PBMT=1 (NC) and 2 (IO) in a leaf are valid where the stage's PBMTE
 * is set, PBMT=3 stays reserved, and PBMT in a pointer is reserved ("Svpbmt"). */
static void check_pbmt(void)
{
    static const uint64_t pbmts[] = {1, 2, 3};

    rules("henvcfg_pbmte_op menvcfg_pbmte_op H_vm_gpatrans");
    if (!extension_of(ENVCFG_PBMTE)) {
        report_skip("pbmt", "no Svpbmt (menvcfg.PBMTE is read-only zero)");
        return;
    }
    if (!xe_setup_sv39(&xe, "pbmt"))
        return;
    for (unsigned henv = 0; henv < 2; henv++) {
        csr_write(CSR_MENVCFG, ENVCFG_PBMTE);
        csr_write(CSR_HENVCFG, henv ? ENVCFG_PBMTE : 0);
        for (unsigned i = 0; i < N(pbmts); i++) {
            for (int g = 0; g < 2; g++) {
                unsigned k = tr_next_page();
                uint64_t gva = xe_page_gva(&xe, k), gpa = xe_page_gpa(&xe, k);
                uint64_t bits = pbmts[i] << 61;
                if (g)
                    xe_g_leaf(&xe, gpa, xe_page_spa(k), 0,
                              XE_LEAF_RWX | XL_PTE_U | XE_LEAF_AD | bits);
                else
                    xe_vs_leaf(&xe, XL_VS, gva, gpa, 0, tr_full_leaf(XL_VS) | bits);
                tr_run(&xe,
                       fmt("%s %s-leaf@0 pbmt=%lu menvcfg.PBMTE=1 henvcfg.PBMTE=%u acc=load "
                           "priv=vs",
                           xe.pair, g ? "g" : "vs", pbmts[i], henv),
                       XL_LOAD, XL_VS, gva + XE_TAG_OFFSET);
            }
        }
        unsigned k = tr_next_page();
        uint64_t gva = xe_page_gva(&xe, k), slot = xe_vs_slot(&xe, XL_VS, gva, 1);
        xe_edit(&xe, slot, xe_read(slot) | (1ull << 61));
        tr_run(&xe,
               fmt("%s vs-pointer@1 pbmt=1 menvcfg.PBMTE=1 henvcfg.PBMTE=%u acc=load priv=vs",
                   xe.pair, henv),
               XL_LOAD, XL_VS, gva + XE_TAG_OFFSET);
    }
    hart_reset();
}

void area_envcfg(void)
{
    rules("henvcfg_sz_acc_op");
    if (!profile.envcfg) {
        report_skip("all", "no menvcfg/henvcfg (priv 1.12)");
        return;
    }
    check_fields();
    check_cbo();
    check_pbmt();
}
