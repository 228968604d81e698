/*
 * Reference model of two-stage address translation for V=1 accesses (priv "Two-Stage Address
 * Translation", "Virtual Address Translation Process", Sv39/Sv48/Sv57 and their x4 G-stage
 * variants). Pure C, no libc beyond the fixed-width types: the suite runs it on the target to
 * predict what the hart must do, and host unit tests check it against cases derived by hand
 * from the spec text.
 *
 * The model never writes memory. It reads PTEs through cfg->read (a supervisor physical
 * address in, the 64-bit PTE out), so the same code walks the suite's live tables on the
 * target and synthetic tables on the host. Hardware A/D updates it predicts are listed in
 * result->updates (and seen by its own later reads of the same PTE).
 */
#ifndef SUITE_MODEL_XLATE_H
#define SUITE_MODEL_XLATE_H

#include <stdbool.h>
#include <stdint.h>

/* satp/vsatp and hgatp MODE encodings (priv "satp", "hgatp"). */
#define XL_MODE_BARE 0
#define XL_MODE_SV39 8  /* hgatp: Sv39x4 */
#define XL_MODE_SV48 9  /* hgatp: Sv48x4 */
#define XL_MODE_SV57 10 /* hgatp: Sv57x4 */

/* PTE fields (priv "Sv32" PTE format, Sv39 bits 63:54). */
#define XL_PTE_V         (1ull << 0)
#define XL_PTE_R         (1ull << 1)
#define XL_PTE_W         (1ull << 2)
#define XL_PTE_X         (1ull << 3)
#define XL_PTE_U         (1ull << 4)
#define XL_PTE_G         (1ull << 5)
#define XL_PTE_A         (1ull << 6)
#define XL_PTE_D         (1ull << 7)
#define XL_PTE_PPN_SHIFT 10
#define XL_PTE_PPN_MASK  (((1ull << 44) - 1) << XL_PTE_PPN_SHIFT)
#define XL_PTE_RESERVED  (0x7full << 54) /* bits 60:54 */
#define XL_PTE_PBMT      (3ull << 61)
#define XL_PTE_N         (1ull << 63)

/* Exception codes the model can produce (priv "mcause" table and H additions). */
#define XL_CAUSE_FETCH_AF  1
#define XL_CAUSE_LOAD_AF   5
#define XL_CAUSE_STORE_AF  7
#define XL_CAUSE_FETCH_PF  12
#define XL_CAUSE_LOAD_PF   13
#define XL_CAUSE_STORE_PF  15
#define XL_CAUSE_FETCH_GPF 20
#define XL_CAUSE_LOAD_GPF  21
#define XL_CAUSE_STORE_GPF 23

/* tinst pseudoinstructions for VS-stage implicit accesses, VSXLEN=64 (priv "Transformed
 * Instruction or Pseudoinstruction for mtinst or htinst"). */
#define XL_TINST_PT_READ  0x00003000u
#define XL_TINST_PT_WRITE 0x00003020u

/* HLVX is a load that needs execute, not read, permission (priv "Hypervisor Virtual-Machine
 * Load and Store Instructions"); it faults as a load. */
enum xl_access { XL_LOAD, XL_STORE, XL_FETCH, XL_HLVX };
/* Effective privilege of the access when V=1. */
enum xl_priv { XL_VU, XL_VS };

typedef uint64_t (*xl_read_fn)(void *ctx, uint64_t pa);
/* PMP/PMA verdict for an S/U-level access to a supervisor physical address. */
typedef bool (*xl_allow_fn)(void *ctx, uint64_t pa, enum xl_access acc);

struct xl_config {
    unsigned vs_mode; /* vsatp.MODE */
    uint64_t vs_root; /* vsatp.PPN << 12: a guest physical address */
    unsigned g_mode;  /* hgatp.MODE */
    uint64_t g_root;  /* hgatp.PPN << 12: a supervisor physical address */
    bool vs_sum;      /* vsstatus.SUM */
    bool vs_mxr;      /* vsstatus.MXR: VS-stage only */
    bool hs_mxr;      /* sstatus.MXR (= mstatus.MXR): both stages */
    bool vs_hw_ad;    /* VS-stage A/D: true = hardware updates (Svadu), false = page fault */
    bool g_hw_ad;     /* same for the G-stage */
    bool vs_pbmte;    /* Svpbmt usable in VS-stage PTEs (henvcfg.PBMTE) */
    bool g_pbmte;     /* Svpbmt usable in G-stage PTEs (menvcfg.PBMTE) */
    bool svnapot;     /* Svnapot implemented */
    xl_read_fn read;
    xl_allow_fn allow; /* NULL: every physical access is allowed */
    void *ctx;
};

struct xl_update {
    uint64_t pa;  /* supervisor physical address of the PTE */
    uint64_t pte; /* its value after the update */
};

#define XL_MAX_UPDATES 16

struct xl_result {
    bool ok;
    uint64_t pa;  /* ok: the supervisor physical address */
    uint64_t gpa; /* ok: the guest physical address; guest-page fault: the faulting GPA */
    unsigned cause;
    bool guest_fault;      /* cause is a guest-page fault (htval/mtval2 may hold gpa >> 2) */
    bool access_fault;     /* cause is an access fault (PMP/PMA on a PTE or the final address) */
    bool implicit;         /* ...raised by an access to a VS-stage page table */
    bool implicit_write;   /* ...that access was the A/D update (tinst "write") */
    const char *ambiguous; /* set when the spec text does not settle the outcome: why not */
    char stage;            /* 'v' or 'g': the stage that decided a fault */
    int level;             /* level of the PTE that decided it, -1 for an address check */
    const char *why;       /* short reason, for report lines */
    unsigned n_updates;
    struct xl_update updates[XL_MAX_UPDATES];
};

void xl_translate(const struct xl_config *cfg, uint64_t va, enum xl_access acc, enum xl_priv priv,
                  struct xl_result *res);

/* Expected htinst/mtinst for a fault the model predicted: the pseudoinstruction for an implicit
 * access, else `transformed` (the caller's transformation of its instruction; 0 for fetch). */
uint64_t xl_expected_tinst(const struct xl_result *res, uint64_t transformed);

/* Levels of a mode (3, 4, 5; 0 for Bare) and the width of its input address (39/48/57, plus
 * 2 when x4 is set: the G-stage). */
unsigned xl_levels(unsigned mode);
unsigned xl_addr_bits(unsigned mode, bool x4);

/* Address of the PTE at `level` on the walk for `addr` (guest physical for a VS-stage table,
 * supervisor physical for a G-stage one), following non-leaf PTEs from `root` read through
 * `read`. Returns false when the walk stops earlier (invalid or leaf PTE). Tables referenced by
 * VS-stage PTEs are read at their GPA: callers use it with G-stage-identity tables. */
bool xl_pte_addr(unsigned mode, bool x4, uint64_t root, uint64_t addr, unsigned level,
                 xl_read_fn read, void *ctx, uint64_t *pte_addr);

/* Short names for reports: "sv39", "sv48x4", "bare". */
const char *xl_mode_name(unsigned mode, bool x4);

#endif
