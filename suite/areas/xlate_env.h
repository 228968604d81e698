/*
 * The translation environment shared by the translation, hlv and hfence areas: real VS-stage
 * and G-stage tables for one (vsatp mode, hgatp mode) pair, PTE edits that are undone after each
 * case (xlate_env.c), and xe_check() (xlate_check.c), which asks the reference model (suite/model)
 * what one V=1 access must do, performs it on the hart and compares every field.
 *
 * Memory (supervisor physical), outside the suite image, 2 MiB aligned:
 *   XE_G_POOL   G-stage tables
 *   XE_VS_POOL  VS-stage tables, mapped GPA == SPA by 4 KiB G-stage leaves (one per table, so a
 *               case can break the G-stage mapping of exactly one VS table)
 *   XE_PAGES    XE_PAGE_COUNT test pages: word 0 `addi a0, a0, k+1`, word 1 `ret`, word 2 a tag
 *               unique to the page, so a fetch or load tells which page it reached.
 * Test page k sits at SPA s = XE_PAGES + k*4K, GPA gpa_base + s and GVA gva_base + s (and at GPA s
 * itself, and xe_page_gpa_top). Both bases
 * are aligned to every superpage a case may use, so a leaf at any level maps the same address.
 * The suite image is identity-mapped at both stages (VS-stage: a 1 GiB leaf, U=1 in the root
 * used for VU accesses, U=0 in the one used for VS accesses).
 */
#ifndef SUITE_AREAS_XLATE_ENV_H
#define SUITE_AREAS_XLATE_ENV_H

#include "model/xlate.h"
#include "suite.h"

#define XE_ARENA      0x88000000ull
#define XE_G_POOL     XE_ARENA
#define XE_VS_POOL    (XE_ARENA + 0x100000)
#define XE_PAGES      (XE_ARENA + 0x200000)
#define XE_PAGE_COUNT 16
#define XE_TAG_OFFSET 16 /* loads and stores use the word at this offset of a test page */

#define XE_LEAF_RWX (XL_PTE_R | XL_PTE_W | XL_PTE_X)
#define XE_LEAF_AD  (XL_PTE_A | XL_PTE_D)

struct xe_edit {
    uint64_t pa, old;
};

struct xe {
    unsigned vs_mode, g_mode;
    char pair[32]; /* "vs=sv39 g=sv39x4": the prefix of every case name */
    uint64_t g_root;
    uint64_t vs_root[2]; /* indexed by enum xl_priv */
    uint64_t gpa_base, gva_base;
    uint64_t vmid;
    bool vs_hw_ad, g_hw_ad; /* A/D profile of each stage */
    bool ad_known;          /* false: the profile probe was inconclusive; A/D cases skip */
    /* Status bits for the next xe_check (cases set them). */
    bool vs_sum, vs_mxr, hs_mxr, hs_sum;
    uint64_t pmp_page;  /* nonzero: PMP entry 0 limits S/U access to this page */
    unsigned pmp_perms; /* ...to these permissions (R=1, W=2, X=4) */
    unsigned n_edits;
    struct xe_edit edits[16];
};

/* One access to perform: a plain load/store/fetch in VS/VU, or an HLV/HLVX/HSV. */
struct xe_op {
    enum xl_access acc;
    enum mode mode;    /* the mode that runs it */
    enum xl_priv priv; /* effective privilege of the access (hstatus.SPVP for HLV/HSV) */
    uint32_t insn;     /* a0 = address, a1 = store data, a0 = loaded value; unused for fetch */
    unsigned size;     /* bytes */
    bool sign;         /* sign-extending load */
    uint64_t xform;    /* the spec's transformation of insn for tinst (priv "Transformed
                          Instruction or Pseudoinstruction") */
    bool amo;          /* insn is amoadd.d a0, a1, (a0): acc is XL_STORE */
    lower_fn fn;       /* instead of insn: run fn(address) (a1 = 0: stores write 0) */
    uint64_t fn_epc;   /* ...whose access instruction is here */
};

extern struct xe xe;

/* Builds the tables and writes hgatp; false (with a skip reported) if the arena is unusable. */
bool xe_setup(struct xe *e, unsigned vs_mode, unsigned g_mode);
/* xe_setup for Sv39 over Sv39x4, the pair the hlv, hfence, mprv, misaligned and envcfg checks
 * use; where the hart lacks either mode, reports `what` as a skip and returns false. */
bool xe_setup_sv39(struct xe *e, const char *what);
uint64_t xe_page_spa(unsigned k);
uint64_t xe_page_gpa(const struct xe *e, unsigned k);
uint64_t xe_page_gva(const struct xe *e, unsigned k);
/* Another G-stage alias of test page k, with the G-stage mode's top GPA bit set. */
uint64_t xe_page_gpa_top(const struct xe *e, unsigned k);
/* PA of the PTE at `level` on the walk for addr; 0 if the walk does not reach that level. */
uint64_t xe_vs_slot(const struct xe *e, enum xl_priv root, uint64_t gva, unsigned level);
uint64_t xe_g_slot(const struct xe *e, uint64_t gpa, unsigned level);
uint64_t xe_pte(uint64_t pa, uint64_t flags); /* V is added */
/* A zeroed page for a VS-stage table, with its G-stage mapping (GPA == SPA). */
uint64_t xe_vs_table(struct xe *e);
uint64_t xe_read(uint64_t pa);
uint64_t xe_model_read(void *ctx, uint64_t pa); /* xe_read as the model's read callback */
void xe_edit(struct xe *e, uint64_t pa, uint64_t value);
void xe_restore(struct xe *e); /* undoes the edits (newest first) and the PMP limit */
/* Limits S/U access to one 4 KiB page through PMP entry 0 until xe_restore; false when the
 * hart has no PMP (profile.pmp). */
bool xe_pmp_limit(struct xe *e, uint64_t page, unsigned perms);
/* Maps gpa to spa at `level` in the G-stage (and undoes it with xe_restore). */
void xe_g_leaf(struct xe *e, uint64_t gpa, uint64_t spa, unsigned level, uint64_t flags);
void xe_vs_leaf(struct xe *e, enum xl_priv root, uint64_t gva, uint64_t gpa, unsigned level,
                uint64_t flags);
void xe_fence(void);

/* Runs op at va under the current tables and status bits; one report line named `name`. */
bool xe_check(const char *name, struct xe *e, const struct xe_op *op, uint64_t va);
/* The plain VS/VU access ops: ld a0,16(a0)-style load/store at the tag word, and fetch. */
struct xe_op xe_plain_op(enum xl_access acc, enum xl_priv priv);
struct xe_op xe_amo_op(enum xl_priv priv);

const char *xe_acc_name(enum xl_access acc);
const char *xe_priv_name(enum xl_priv priv);
/* "rwx-u", "r----": the permission part of a PTE for case names. */
const char *xe_perm_name(uint64_t flags);

#endif
