/*
 * Two-stage translation model. The walk follows the numbered steps of priv "Virtual Address
 * Translation Process" once per stage; "Two-Stage Address Translation" and "Guest Physical
 * Address Translation" give the G-stage differences cited next to each rule below.
 */
#include "xlate.h"

struct walk {
    const struct xl_config *cfg;
    struct xl_result *res;
    enum xl_access orig; /* the original access: it names every exception (priv §18.5.1) */
};

/* One stage's walk parameters. */
struct stage {
    bool g; /* G-stage: x4 root, guest-page faults, all accesses user-level */
    unsigned mode;
    uint64_t root;
    enum xl_access perm; /* which of R/W/X the leaf must grant */
    bool user;
    bool sum, mxr, hw_ad, pbmte;
    bool implicit;       /* G-stage walk for a VS-stage page-table access */
    bool implicit_write; /* ...for the A/D update of that PTE */
};

unsigned xl_levels(unsigned mode)
{
    switch (mode) {
    case XL_MODE_SV39:
        return 3;
    case XL_MODE_SV48:
        return 4;
    case XL_MODE_SV57:
        return 5;
    default:
        return 0;
    }
}

unsigned xl_addr_bits(unsigned mode, bool x4)
{
    unsigned levels = xl_levels(mode);
    return levels ? 12 + 9 * levels + (x4 ? 2 : 0) : 64;
}

const char *xl_mode_name(unsigned mode, bool x4)
{
    switch (mode) {
    case XL_MODE_SV39:
        return x4 ? "sv39x4" : "sv39";
    case XL_MODE_SV48:
        return x4 ? "sv48x4" : "sv48";
    case XL_MODE_SV57:
        return x4 ? "sv57x4" : "sv57";
    default:
        return "bare";
    }
}

/* Index of `addr` into the level-`i` table; the x4 root has 2 more bits (priv "Guest Physical
 * Address Translation": 16 KiB root, VPN[top] widened by 2). */
static uint64_t vpn(uint64_t addr, unsigned i, bool wide)
{
    unsigned bits = wide ? 11 : 9;
    return (addr >> (12 + 9 * i)) & ((1ull << bits) - 1);
}

static uint64_t pte_ppn(uint64_t pte)
{
    return (pte & XL_PTE_PPN_MASK) >> XL_PTE_PPN_SHIFT;
}

/* Later reads see the model's own predicted A/D updates, as the hardware's would. */
static uint64_t read_pte(struct walk *w, uint64_t pa)
{
    for (unsigned i = 0; i < w->res->n_updates; i++)
        if (w->res->updates[i].pa == pa)
            return w->res->updates[i].pte;
    return w->cfg->read(w->cfg->ctx, pa);
}

static void record_update(struct walk *w, uint64_t pa, uint64_t pte)
{
    struct xl_result *r = w->res;
    for (unsigned i = 0; i < r->n_updates; i++) {
        if (r->updates[i].pa == pa) {
            r->updates[i].pte = pte;
            return;
        }
    }
    if (r->n_updates < XL_MAX_UPDATES)
        r->updates[r->n_updates++] = (struct xl_update){pa, pte};
}

static unsigned fault_cause(enum xl_access acc, bool guest)
{
    switch (acc) {
    case XL_FETCH:
        return guest ? XL_CAUSE_FETCH_GPF : XL_CAUSE_FETCH_PF;
    case XL_STORE:
        return guest ? XL_CAUSE_STORE_GPF : XL_CAUSE_STORE_PF;
    default: /* loads and HLVX: HLVX raises load exceptions (priv "HLVX") */
        return guest ? XL_CAUSE_LOAD_GPF : XL_CAUSE_LOAD_PF;
    }
}

static bool fault(struct walk *w, const struct stage *s, uint64_t addr, int level, const char *why)
{
    struct xl_result *r = w->res;
    r->ok = false;
    r->cause = fault_cause(w->orig, s->g);
    r->guest_fault = s->g;
    r->implicit = s->implicit;
    r->implicit_write = s->implicit_write;
    r->stage = s->g ? 'g' : 'v';
    r->level = level;
    r->why = why;
    if (s->g)
        r->gpa = addr;
    return false;
}

/* Step 2 (PTE reads), step 9 (A/D writes) and the final access: a PMP or PMA violation is an
 * access fault for the original access type. */
static bool allowed(struct walk *w, uint64_t pa, enum xl_access acc, int level, char stage,
                    const char *why)
{
    const struct xl_config *c = w->cfg;
    if (!c->allow || c->allow(c->ctx, pa, acc))
        return true;
    struct xl_result *r = w->res;
    r->ok = false;
    r->cause = w->orig == XL_FETCH   ? XL_CAUSE_FETCH_AF
               : w->orig == XL_STORE ? XL_CAUSE_STORE_AF
                                     : XL_CAUSE_LOAD_AF;
    r->access_fault = true;
    r->stage = stage;
    r->level = level;
    r->why = why;
    return false;
}

static void ambiguous(struct walk *w, const char *why)
{
    w->res->ambiguous = why;
}

static bool stage_walk(struct walk *w, const struct stage *s, uint64_t addr, uint64_t *out);

/* G-stage translation of a guest physical address (priv "Guest Physical Address Translation"):
 * Bare passes it through unchecked. */
static bool g_translate(struct walk *w, uint64_t gpa, enum xl_access perm, bool implicit,
                        bool implicit_write, uint64_t *spa)
{
    const struct xl_config *c = w->cfg;
    if (c->g_mode == XL_MODE_BARE) {
        *spa = gpa;
        return true;
    }
    /* priv §18.5.1: every G-stage access is user-level; HS-level MXR applies, vsstatus.MXR
     * does not (priv "Two-Stage Address Translation"); VS-stage table accesses are checked as
     * implicit loads or, for A/D updates, stores. */
    struct stage s = {
            .g = true,
            .mode = c->g_mode,
            .root = c->g_root,
            .perm = perm,
            .user = true,
            .mxr = implicit ? false : c->hs_mxr,
            .hw_ad = c->g_hw_ad,
            .pbmte = c->g_pbmte,
            .implicit = implicit,
            .implicit_write = implicit_write,
    };
    return stage_walk(w, &s, gpa, spa);
}

/* Step 6: the U bit. G-stage accesses are always user-level (priv §18.5.1). */
static bool u_allows(struct walk *w, const struct stage *s, uint64_t pte)
{
    bool u = pte & XL_PTE_U;
    if (s->user)
        return u;
    if (!u)
        return true;
    /* priv "Sv32": the supervisor may never execute from U=1 pages; SUM opens loads/stores. */
    if (s->perm == XL_FETCH)
        return false;
    if (s->perm == XL_HLVX && s->sum)
        ambiguous(w, "HLVX as VS on a U=1 page with SUM=1: load or fetch rule not stated");
    return s->sum;
}

/* Step 8: R/W/X. MXR lets loads use X (priv "Memory Privilege in sstatus"); HLVX needs X in
 * place of R, whatever MXR says (priv "HLVX"). */
static bool rwx_allows(struct walk *w, const struct stage *s, uint64_t pte)
{
    bool r = pte & XL_PTE_R, wr = pte & XL_PTE_W, x = pte & XL_PTE_X;
    switch (s->perm) {
    case XL_STORE:
        return wr;
    case XL_FETCH:
    case XL_HLVX:
        return x;
    default:
        if (s->implicit && !r && x && w->cfg->hs_mxr)
            ambiguous(w, "implicit VS-table read of an X-only G-stage page with sstatus.MXR=1");
        return r || (x && s->mxr);
    }
}

/* Steps 3-4: reserved encodings (priv "Sv39": bits 60:54, 62:61 without Svpbmt, 63 without
 * Svnapot; "Sv32": W without R; non-leaf D/A/U; Svpbmt: non-leaf PBMT and PBMT=3; Svnapot:
 * reserved N encodings). Returns the reason, or 0 when the PTE is well formed. */
static const char *reserved_reason(const struct xl_config *c, const struct stage *s, uint64_t pte,
                                   unsigned level)
{
    bool r = pte & XL_PTE_R, x = pte & XL_PTE_X, leaf = r || x;
    uint64_t pbmt = (pte & XL_PTE_PBMT) >> 61;
    if (!r && (pte & XL_PTE_W))
        return "W without R";
    if (pte & XL_PTE_RESERVED)
        return "reserved bits 60:54 set";
    if (pbmt && !s->pbmte)
        return "PBMT set without Svpbmt enabled";
    if (pbmt && !leaf)
        return "PBMT set in a non-leaf PTE";
    if (pbmt == 3)
        return "PBMT=3 (reserved)";
    if (pte & XL_PTE_N) {
        if (!c->svnapot)
            return "N set without Svnapot";
        if (!leaf || level != 0 || (pte_ppn(pte) & 0xf) != 0x8)
            return "reserved NAPOT encoding";
    }
    if (!leaf && (pte & (XL_PTE_A | XL_PTE_D | XL_PTE_U)))
        return "A/D/U set in a non-leaf PTE";
    return 0;
}

static bool address_valid(const struct stage *s, uint64_t addr)
{
    unsigned bits = xl_addr_bits(s->mode, s->g);
    if (s->g) /* priv "Sv39x4": bits 63:41 must be zero (63:50, 63:59 for Sv48x4/Sv57x4) */
        return (addr >> bits) == 0;
    /* priv "Sv39": bits 63:39 equal bit 38 (63:48 / 63:57 for Sv48 / Sv57) */
    uint64_t top = addr >> (bits - 1);
    return top == 0 || top == (~0ull >> (bits - 1));
}

static bool stage_walk(struct walk *w, const struct stage *s, uint64_t addr, uint64_t *out)
{
    const struct xl_config *c = w->cfg;
    unsigned levels = xl_levels(s->mode);
    if (!address_valid(s, addr))
        return fault(w, s, addr, -1, s->g ? "GPA wider than the G-stage mode" : "VA not canonical");

    uint64_t a = s->root;
    for (int i = (int)levels - 1; i >= 0; i--) {
        /* Step 2. A VS-stage table lives in guest physical memory: reading it is an implicit
         * load through the G-stage (priv "Two-Stage Address Translation"). */
        uint64_t pte_gpa = a + vpn(addr, (unsigned)i, s->g && i == (int)levels - 1) * 8;
        uint64_t pte_pa = pte_gpa;
        if (!s->g && !g_translate(w, pte_gpa, XL_LOAD, true, false, &pte_pa))
            return false;
        if (!allowed(w, pte_pa, XL_LOAD, i, s->g ? 'g' : 'v', "PMP/PMA forbid the PTE read"))
            return false;
        uint64_t pte = read_pte(w, pte_pa);

        if (!(pte & XL_PTE_V))
            return fault(w, s, addr, i, "invalid PTE");
        const char *reserved = reserved_reason(c, s, pte, (unsigned)i);
        if (reserved)
            return fault(w, s, addr, i, reserved);
        uint64_t ppn = pte_ppn(pte);
        if (!(pte & (XL_PTE_R | XL_PTE_X))) { /* step 4: pointer to the next level */
            if (i == 0)
                return fault(w, s, addr, i, "non-leaf PTE at level 0");
            a = ppn << 12;
            continue;
        }
        /* Step 5: superpage alignment. */
        if (i > 0 && (ppn & ((1ull << (9 * i)) - 1)))
            return fault(w, s, addr, i, "misaligned superpage");
        if (!u_allows(w, s, pte))
            return fault(w, s, addr, i, "U bit forbids this privilege");
        if (!rwx_allows(w, s, pte))
            return fault(w, s, addr, i, "R/W/X forbid this access");
        /* Step 9: A/D. Without Svadu (or with ADUE=0) a page fault; with it an atomic update,
         * which for a VS-stage PTE is an implicit G-stage store (priv "Two-Stage Address
         * Translation"). */
        bool store = s->perm == XL_STORE;
        if (!(pte & XL_PTE_A) || (store && !(pte & XL_PTE_D))) {
            if (!s->hw_ad)
                return fault(w, s, addr, i, store ? "A or D clear" : "A clear");
            if (!s->g && !g_translate(w, pte_gpa, XL_STORE, true, true, &pte_pa))
                return false;
            if (!allowed(w, pte_pa, XL_STORE, i, s->g ? 'g' : 'v', "PMP/PMA forbid the A/D update"))
                return false;
            record_update(w, pte_pa, pte | XL_PTE_A | (store ? XL_PTE_D : 0));
        }
        /* Step 10. */
        uint64_t span = 12 + 9 * (unsigned)i;
        uint64_t off = addr & ((1ull << span) - 1);
        if (pte & XL_PTE_N) /* 64 KiB NAPOT: ppn[3:0] come from the address (Svnapot) */
            *out = ((ppn & ~0xfull) << 12) | (addr & 0xffff);
        else
            *out = ((ppn << 12) & ~((1ull << span) - 1)) | off;
        return true;
    }
    return fault(w, s, addr, -1, "no levels");
}

void xl_translate(const struct xl_config *cfg, uint64_t va, enum xl_access acc, enum xl_priv priv,
                  struct xl_result *res)
{
    /* Field by field: the updates array is only read up to n_updates, and the suite calls
     * this once per check on the target. */
    res->ok = false;
    res->pa = res->gpa = 0;
    res->cause = 0;
    res->guest_fault = res->access_fault = res->implicit = res->implicit_write = false;
    res->ambiguous = 0;
    res->stage = 0;
    res->level = -1;
    res->why = 0;
    res->n_updates = 0;
    struct walk w = {cfg, res, acc};

    uint64_t gpa = va;
    if (cfg->vs_mode != XL_MODE_BARE) {
        /* vsstatus.MXR applies to the VS-stage, and so does HS-level MXR (priv "Two-Stage
         * Address Translation"); HS-level SUM is ignored when V=1. */
        struct stage s = {
                .g = false,
                .mode = cfg->vs_mode,
                .root = cfg->vs_root,
                .perm = acc,
                .user = priv == XL_VU,
                .sum = cfg->vs_sum,
                .mxr = cfg->vs_mxr || cfg->hs_mxr,
                .hw_ad = cfg->vs_hw_ad,
                .pbmte = cfg->vs_pbmte,
        };
        if (!stage_walk(&w, &s, va, &gpa))
            return;
    }
    uint64_t pa;
    if (!g_translate(&w, gpa, acc, false, false, &pa))
        return;
    res->gpa = gpa;
    if (!allowed(&w, pa, acc, -1, 'p', "PMP/PMA forbid the access"))
        return;
    res->ok = true;
    res->pa = pa;
}

uint64_t xl_expected_tinst(const struct xl_result *res, uint64_t transformed)
{
    if (res->implicit)
        return res->implicit_write ? XL_TINST_PT_WRITE : XL_TINST_PT_READ;
    return transformed;
}

bool xl_pte_addr(unsigned mode, bool x4, uint64_t root, uint64_t addr, unsigned level,
                 xl_read_fn read, void *ctx, uint64_t *pte_addr)
{
    unsigned levels = xl_levels(mode);
    if (level >= levels)
        return false;
    uint64_t a = root;
    for (unsigned i = levels - 1;; i--) {
        uint64_t slot = a + vpn(addr, i, x4 && i == levels - 1) * 8;
        if (i == level) {
            *pte_addr = slot;
            return true;
        }
        uint64_t pte = read(ctx, slot);
        if (!(pte & XL_PTE_V) || (pte & (XL_PTE_R | XL_PTE_W | XL_PTE_X)))
            return false;
        a = pte_ppn(pte) << 12;
    }
}
