/*
 * The conformance suite's framework: run code at a privilege, get the trap it took, report checks.
 *
 * Usage. An area is a function `void area_xxx(void)` listed in suite/core/areas.c; the framework
 * sets the area name used in every report line and calls hart_reset() before it. The area runs
 * in M-mode. To test something at a lower privilege it calls run_in(MODE_VS, fn, arg, &ret): fn
 * runs in VS-mode on the suite's own stack and either returns (trap.taken == false, *ret = its
 * result) or traps; the trap is recorded, wherever it landed (M, or HS/VS when the area
 * delegated it; see struct trap), and control comes back to the area. exec_insn() runs one raw
 * 32-bit instruction the same way (a0/a1 in, a0 out), csr_read_in()/csr_write_in() wrap it for
 * CSR numbers chosen at run time. Checks compare with the spec and report one line each:
 *
 *     // priv [H_virtinst_vu_vs_nonhigh_allowedhs_tvm0]: HS-level CSR from VS: virtual instruction
 *     uint64_t v;
 *     struct trap t = csr_read_in(MODE_VS, CSR_HSTATUS, &v);
 *     expect_trap("hstatus read from VS", &t, trap_at(LEVEL_M, EXC_VIRTUAL_INSN));
 *
 * Every piece of memory the lower-mode code touches (the suite image, its stacks, the
 * instruction slot, the trap stubs) must stay reachable: identity-mapped and, for U/VU, with the
 * U bit, when an area turns translation on. The symbols suite_image_start/end bound it.
 * Interrupts or delegation set by an area stay in effect until hart_reset().
 */
#ifndef SUITE_SUITE_H
#define SUITE_SUITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "csr.h"

/* The five privilege modes of a hart with H (priv "Privilege Modes"). */
enum mode { MODE_M, MODE_HS, MODE_U, MODE_VS, MODE_VU };

/* Where a trap was handled: M (the default: nothing delegated), or the HS/VS trap vector. */
enum level { LEVEL_NONE, LEVEL_M, LEVEL_HS, LEVEL_VS };

/* What happened during one run_in()/exec_insn(). */
struct trap {
    bool taken;       /* false: the code finished without a trap */
    enum level level; /* handler that received the trap */
    enum mode from;   /* mode the trap was taken from (or the code finished in) */
    uint64_t cause;   /* mcause / scause / vscause */
    uint64_t epc;     /* mepc / sepc / vsepc */
    uint64_t tval;    /* mtval / stval / vstval */
    uint64_t tval2;   /* mtval2 / htval (GPA >> 2); 0 at VS */
    uint64_t tinst;   /* mtinst / htinst; 0 at VS */
    bool gva;         /* mstatus.GVA / hstatus.GVA; false at VS */
};

/* Run fn(arg) in `mode`; on normal return *ret (if not NULL) holds its result. */
typedef uint64_t (*lower_fn)(uint64_t arg);
struct trap run_in(enum mode mode, lower_fn fn, uint64_t arg, uint64_t *ret);

/* Run one 32-bit instruction in `mode` with a0/a1 preset; *ret gets a0 afterwards. */
struct trap exec_insn(enum mode mode, uint32_t insn, uint64_t a0, uint64_t a1, uint64_t *ret);

/* CSR access at any mode with a number chosen at run time (csrrs/csrrw/csrrc). */
struct trap csr_read_in(enum mode mode, unsigned csr, uint64_t *val);
struct trap csr_write_in(enum mode mode, unsigned csr, uint64_t val); /* csrrw x0 */
struct trap csr_set_in(enum mode mode, unsigned csr, uint64_t bits);  /* csrrs x0 */
struct trap csr_clear_in(enum mode mode, unsigned csr, uint64_t bits);

/* Instruction encodings for exec_insn (rd/rs1 are register numbers; a0 = 10, a1 = 11). */
uint32_t insn_csrrs(unsigned rd, unsigned csr, unsigned rs1);
uint32_t insn_csrrw(unsigned rd, unsigned csr, unsigned rs1);
uint32_t insn_csrrc(unsigned rd, unsigned csr, unsigned rs1);
#define REG_ZERO         0
#define REG_A0           10
#define REG_A1           11
#define INSN_ECALL       0x00000073u
#define INSN_EBREAK      0x00100073u
#define INSN_SRET        0x10200073u
#define INSN_MRET        0x30200073u
#define INSN_WFI         0x10500073u
#define INSN_SFENCE_VMA  0x12000073u /* sfence.vma x0, x0 */
#define INSN_HFENCE_VVMA 0x22000073u /* hfence.vvma x0, x0 */
#define INSN_HFENCE_GVMA 0x62000073u /* hfence.gvma x0, x0 */

/* Address of the ecall that ends a run: a valid sepc/mepc target for xRET checks. */
uint64_t run_return_addr(void);
/* Address of the instruction slot used by exec_insn (the epc of a trap it raised). */
uint64_t insn_slot_addr(void);

/* Put the hart in the suite's baseline: nothing delegated, translation off, interrupts off. */
void hart_reset(void);

/* Implementation choices detected once at start and printed as `profile: key = value`. */
enum ad_behaviour { AD_UNKNOWN, AD_FAULT, AD_HW_UPDATE };
struct profile {
    const char *platform; /* platform table entry in use */
    uint64_t misa;
    bool h;                 /* misa.H */
    bool envcfg;            /* menvcfg/henvcfg exist (priv 1.12) */
    bool smstateen;         /* mstateen0 exists (priv "Smstateen") */
    bool pmp;               /* pmpcfg0/pmpaddr0-1 accessible (some emulators trap when none) */
    unsigned vmidlen;       /* priv [hgatp_vmid] */
    unsigned asidlen;       /* priv "satp": ASIDLEN */
    unsigned geilen;        /* number of writable bits in hgeie, priv [geilen] */
    uint32_t hgatp_modes;   /* bit n set: hgatp.MODE n accepted (0 bare, 8 Sv39x4, ...) */
    uint32_t satp_modes;    /* same for satp */
    uint32_t vsatp_modes;   /* same for vsatp: the VS-stage modes */
    bool modes_probed;      /* false: modes taken from the platform table (not probed) */
    bool absent_csrs_trap;  /* false: the platform stops on a CSR it lacks (platform.h) */
    bool sstc;              /* Sstc: menvcfg.STCE writable */
    bool svadu;             /* menvcfg.ADUE writable */
    bool svnapot;           /* NAPOT leaves work (probed by the svnapot area, false before) */
    enum ad_behaviour ad;   /* S-stage with ADUE clear (or no Svadu): fault or hardware update */
    bool tinst_transformed; /* load access fault wrote a transformed instruction to mtinst */
    bool tval_insn_bits;    /* illegal-instruction traps write the instruction to mtval */
    bool ssaia;             /* vsiselect/vsireg exist (AIA) */
    uintptr_t imsic_s;      /* hart 0's S-level IMSIC file (platform data), 0: none known */
};
extern struct profile profile;
bool hgatp_mode_supported(unsigned mode);
bool satp_mode_supported(unsigned mode);
bool vsatp_mode_supported(unsigned mode);

/*
 * The rule every following check tests, until the next rules() or the next area: anchors of
 * the privileged spec (the H chapter's normative anchors, suite/rules/anchors.txt, or other
 * chapters' in suite/rules/other-anchors.txt), space-separated, without "norm:". Failing lines
 * print them; a check reported with none fails the suite's own "every check names the rule
 * it tests". Anchors are written as string literals, in rules("...") or, in tables, RULE("..."),
 * so that suite/rules/rules.py finds them in the source (suite/RULES.md, the host test).
 */
void rules(const char *anchors);
#define RULE(anchors) anchors

/* Reports. Names may be built with fmt(): a rotating set of static buffers. */
const char *fmt(const char *format, ...) __attribute__((format(printf, 1, 2)));
void pr(const char *format, ...) __attribute__((format(printf, 1, 2)));
void report_pass(const char *name);
void report_fail(const char *name, const char *format, ...) __attribute__((format(printf, 2, 3)));
void report_skip(const char *name, const char *reason);
bool expect_eq(const char *name, uint64_t got, uint64_t expected);
/* Passes when (got & mask) == (expected & mask). */
bool expect_masked(const char *name, uint64_t got, uint64_t expected, uint64_t mask);

/* Expected trap: which fields to compare beyond taken/level/cause. */
#define EXPECT_EPC   (1u << 0)
#define EXPECT_TVAL  (1u << 1)
#define EXPECT_TVAL2 (1u << 2)
#define EXPECT_TINST                                                                               \
    (1u << 3) /* tinst must be 0 or `tinst` (priv [H_trap_xtinst]: 0 always allowed) */
#define EXPECT_GVA     (1u << 4)
#define EXPECT_FROM    (1u << 5)
#define EXPECT_TVAL0   (1u << 6) /* tval must be 0 or `tval` (the implementation chooses) */
#define EXPECT_TVAL2_0 (1u << 7) /* tval2 must be 0 or `tval2` ([htval_trapval]) */
struct expect {
    bool taken;
    enum level level;
    uint64_t cause;
    unsigned fields; /* EXPECT_* */
    uint64_t epc, tval, tval2, tinst;
    bool gva;
    enum mode from;
};
struct expect no_trap(void);
/* No trap, and the code finished in `mode` (after an xRET, the mode it entered). */
struct expect finished_in(enum mode mode);
struct expect trap_at(enum level level, uint64_t cause);
/*
 * An illegal-instruction or virtual-instruction trap raised by `insn` in the exec_insn slot:
 * epc = the slot, tval = the instruction bits or 0 (priv "mtval": either is allowed, and
 * [H_virtinst_xtval]: virtual is written like illegal), tval2 = 0 ([mtval2_trapval]),
 * tinst = 0 (table "tinst-values": no transformation for these causes). GVA is left to
 * the traps area's own checks, so one GVA bug does not fail every check that traps.
 */
struct expect insn_trap(enum level level, uint64_t cause, uint32_t insn);
/* What an instruction in the exec_insn slot does: runs (and finishes in its mode), or raises an
 * illegal- or virtual-instruction exception taken at M (insn_trap). */
enum insn_outcome { INSN_RUNS, INSN_ILLEGAL, INSN_VIRTUAL };
struct expect insn_outcome(enum insn_outcome o, enum mode mode, uint32_t insn);
bool expect_trap(const char *name, const struct trap *got, struct expect want);
/* Passes when any of `n` alternatives matches: for outcomes the spec leaves open. */
bool expect_trap_any(const char *name, const struct trap *got, const struct expect *alts,
                     unsigned n);
bool trap_matches(const struct trap *got, const struct expect *want);
/* Text of a trap for report lines, e.g. "cause=2 at M epc=0x... tval=0x...". */
const char *trap_str(const struct trap *t);

const char *mode_name(enum mode mode);
const char *level_name(enum level level);
/* "22(virtual-insn)", "5(interrupt STI)". */
const char *cause_name(uint64_t cause);

/* Counts, for areas that want to report only the first of many similar failures. */
unsigned checks_failed(void);

#endif
