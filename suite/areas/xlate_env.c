/* Tables, edits and the model-vs-hart comparison of xlate_env.h. */
#include "xlate_env.h"

extern char suite_image_start[], suite_image_end[];

#define PAGE    0x1000ull
#define MIB2    0x200000ull
#define GIB     0x40000000ull
#define G_TABLE (XL_PTE_R | XL_PTE_W | XL_PTE_U | XE_LEAF_AD)
#define G_ALL   (XE_LEAF_RWX | XL_PTE_U | XE_LEAF_AD)

/* ld a0, 0(a0) / sd a1, 0(a0) and their transformations: rs1 cleared (priv "Transformed
 * Instruction or Pseudoinstruction": Addr. Offset = 0 for an aligned access, imm = 0). */
#define INSN_LD_A0     0x00053503u
#define INSN_LD_XFORM  0x00003503u
#define INSN_SD_A1     0x00b53023u
#define INSN_SD_XFORM  0x00b03023u
#define INSN_AMOADD_D  0x00b5352fu /* amoadd.d a0, a1, (a0) */
#define INSN_AMO_XFORM 0x00b0352fu
#define INSN_RET       0x00008067u
#define INSN_ADDI_A0_0 0x00050513u

struct xe xe;
static uint64_t g_next, vs_next;

static volatile uint64_t *word(uint64_t pa)
{
    return (volatile uint64_t *)(uintptr_t)pa;
}

uint64_t xe_read(uint64_t pa)
{
    return *word(pa);
}

static uint64_t model_read(void *ctx, uint64_t pa)
{
    (void)ctx;
    return xe_read(pa);
}

uint64_t xe_pte(uint64_t pa, uint64_t flags)
{
    return ((pa >> 12) << XL_PTE_PPN_SHIFT) | flags | XL_PTE_V;
}

void xe_fence(void)
{
    __asm__ volatile(".option push\n.option arch, +h\n"
                     "hfence.vvma\nhfence.gvma\n.option pop" ::
                             : "memory");
}

uint64_t xe_page_spa(unsigned k)
{
    return XE_PAGES + k * PAGE;
}

uint64_t xe_page_gpa(const struct xe *e, unsigned k)
{
    return e->gpa_base + xe_page_spa(k);
}

uint64_t xe_page_gva(const struct xe *e, unsigned k)
{
    return (e->vs_mode ? e->gva_base : e->gpa_base) + xe_page_spa(k);
}

static void zero(uint64_t pa, uint64_t bytes)
{
    for (uint64_t i = 0; i < bytes; i += 8)
        *word(pa + i) = 0;
}

static uint64_t g_walk_create(struct xe *e, uint64_t gpa, unsigned level);

static uint64_t alloc_table(struct xe *e, bool g, uint64_t bytes)
{
    uint64_t pa;
    if (g) {
        pa = (g_next + bytes - 1) & ~(bytes - 1);
        g_next = pa + bytes;
    } else {
        pa = vs_next;
        vs_next += PAGE;
    }
    zero(pa, bytes);
    /* A VS table is guest memory: give it its own G-stage page (GPA == SPA). */
    if (!g && e->g_mode != XL_MODE_BARE)
        *word(g_walk_create(e, pa, 0)) = xe_pte(pa, G_TABLE);
    return pa;
}

uint64_t xe_vs_table(struct xe *e)
{
    return alloc_table(e, false, PAGE);
}

/* Slot of `addr` at `level`, creating pointer PTEs (no A/D/U: reserved in non-leaf PTEs). */
static uint64_t walk_create(struct xe *e, bool g, uint64_t root, unsigned mode, uint64_t addr,
                            unsigned level)
{
    unsigned levels = xl_levels(mode);
    uint64_t table = root;
    for (unsigned i = levels - 1;; i--) {
        unsigned bits = (g && i == levels - 1) ? 11 : 9;
        uint64_t slot = table + ((addr >> (12 + 9 * i)) & ((1ull << bits) - 1)) * 8;
        if (i == level)
            return slot;
        uint64_t pte = *word(slot);
        if (!(pte & XL_PTE_V)) {
            pte = xe_pte(alloc_table(e, g, PAGE), 0);
            *word(slot) = pte;
        }
        table = ((pte & XL_PTE_PPN_MASK) >> XL_PTE_PPN_SHIFT) << 12;
    }
}

static uint64_t g_walk_create(struct xe *e, uint64_t gpa, unsigned level)
{
    return walk_create(e, true, e->g_root, e->g_mode, gpa, level);
}

uint64_t xe_vs_slot(const struct xe *e, enum xl_priv root, uint64_t gva, unsigned level)
{
    uint64_t pa;
    if (!xl_pte_addr(e->vs_mode, false, e->vs_root[root], gva, level, model_read, 0, &pa))
        return 0;
    return pa;
}

uint64_t xe_g_slot(const struct xe *e, uint64_t gpa, unsigned level)
{
    uint64_t pa;
    if (!xl_pte_addr(e->g_mode, true, e->g_root, gpa, level, model_read, 0, &pa))
        return 0;
    return pa;
}

void xe_edit(struct xe *e, uint64_t pa, uint64_t value)
{
    if (e->n_edits < sizeof(e->edits) / sizeof(e->edits[0]))
        e->edits[e->n_edits++] = (struct xe_edit){pa, xe_read(pa)};
    *word(pa) = value;
}

void xe_restore(struct xe *e)
{
    while (e->n_edits) {
        struct xe_edit *ed = &e->edits[--e->n_edits];
        *word(ed->pa) = ed->old;
    }
    if (e->pmp_page) {
        csr_write(CSR_PMPCFG0, csr_read(CSR_PMPCFG0) & ~0xffull);
        csr_write(CSR_PMPADDR0, 0);
        e->pmp_page = 0;
    }
    xe_fence();
}

void xe_g_leaf(struct xe *e, uint64_t gpa, uint64_t spa, unsigned level, uint64_t flags)
{
    uint64_t slot = xe_g_slot(e, gpa, level);
    if (slot)
        xe_edit(e, slot, xe_pte(spa, flags));
}

void xe_vs_leaf(struct xe *e, enum xl_priv root, uint64_t gva, uint64_t gpa, unsigned level,
                uint64_t flags)
{
    uint64_t slot = xe_vs_slot(e, root, gva, level);
    if (slot)
        xe_edit(e, slot, xe_pte(gpa, flags));
}

static void fill_pages(void)
{
    for (unsigned k = 0; k < XE_PAGE_COUNT; k++) {
        uint64_t pa = xe_page_spa(k);
        volatile uint32_t *code = (volatile uint32_t *)(uintptr_t)pa;
        code[0] = INSN_ADDI_A0_0 | ((k + 1) << 20);
        code[1] = INSN_RET;
        /* High bits set in every byte lane, so narrow loads also show sign extension. */
        *word(pa + XE_TAG_OFFSET) = 0x8182838485868788ull ^ (pa << 4);
    }
    __asm__ volatile("fence.i" ::: "memory");
}

/* GPA base of the test pages: 2^(width-2), so the root index uses the bits x4 adds (a G-stage
 * that is not widened misses them), capped at 2^55 since a VS PTE holds 56-bit addresses. The
 * top GPA bit gets its own cases (xe_page_gpa_top). */
static uint64_t gpa_base_of(unsigned g_mode)
{
    switch (g_mode) {
    case XL_MODE_SV39:
        return 1ull << 39;
    case XL_MODE_SV48:
        return 1ull << 48;
    case XL_MODE_SV57:
        return 1ull << 55;
    default:
        return 0;
    }
}

uint64_t xe_page_gpa_top(const struct xe *e, unsigned k)
{
    return (1ull << (xl_addr_bits(e->g_mode, true) - 1)) + xe_page_spa(k);
}

bool xe_setup(struct xe *e, unsigned vs_mode, unsigned g_mode)
{
    uint64_t image_start = (uintptr_t)suite_image_start, image_end = (uintptr_t)suite_image_end;
    *e = (struct xe){.vs_mode = vs_mode, .g_mode = g_mode};
    const char *pair = fmt("vs=%s g=%s", xl_mode_name(vs_mode, false), xl_mode_name(g_mode, true));
    for (unsigned i = 0; i < sizeof(e->pair) - 1 && pair[i]; i++)
        e->pair[i] = pair[i];
    if (image_end > XE_ARENA) {
        report_skip("setup", fmt("suite image ends at 0x%lx, inside the arena", image_end));
        return false;
    }
    g_next = XE_G_POOL;
    vs_next = XE_VS_POOL;
    e->vmid = profile.vmidlen ? 1 : 0;
    e->gpa_base = gpa_base_of(g_mode);
    e->gva_base = vs_mode ? -(1ull << (xl_addr_bits(vs_mode, false) - 1)) : 0;
    fill_pages();

    if (g_mode != XL_MODE_BARE) {
        e->g_root = alloc_table(e, true, 4 * PAGE);
        for (uint64_t a = image_start & ~(MIB2 - 1); a < image_end; a += MIB2)
            *word(g_walk_create(e, a, 1)) = xe_pte(a, G_ALL);
        for (unsigned k = 0; k < XE_PAGE_COUNT; k++) {
            uint64_t spa = xe_page_spa(k);
            *word(g_walk_create(e, spa, 0)) = xe_pte(spa, G_ALL);
            *word(g_walk_create(e, xe_page_gpa(e, k), 0)) = xe_pte(spa, G_ALL);
            *word(g_walk_create(e, xe_page_gpa_top(e, k), 0)) = xe_pte(spa, G_ALL);
        }
    }
    csr_write(CSR_HGATP, ((uint64_t)g_mode << ATP_MODE_SHIFT) | (e->vmid << HGATP_VMID_SHIFT) |
                                 (e->g_root >> 12));

    if (vs_mode != XL_MODE_BARE) {
        for (int p = XL_VU; p <= XL_VS; p++) {
            e->vs_root[p] = alloc_table(e, false, PAGE);
            uint64_t image = image_start & ~(GIB - 1);
            *word(walk_create(e, false, e->vs_root[p], vs_mode, image, 2)) =
                    xe_pte(image, XE_LEAF_RWX | XE_LEAF_AD | (p == XL_VU ? XL_PTE_U : 0));
        }
        for (unsigned k = 0; k < XE_PAGE_COUNT; k++)
            *word(walk_create(e, false, e->vs_root[XL_VS], vs_mode, xe_page_gva(e, k), 0)) =
                    xe_pte(xe_page_gpa(e, k), XE_LEAF_RWX | XE_LEAF_AD);
        /* Both roots share the test pages' subtree. */
        unsigned top = xl_levels(vs_mode) - 1;
        uint64_t gva = xe_page_gva(e, 0);
        *word(xe_vs_slot(e, XL_VU, gva, top)) = xe_read(xe_vs_slot(e, XL_VS, gva, top));
    }
    xe_fence();
    return true;
}

const char *xe_acc_name(enum xl_access acc)
{
    static const char *const names[] = {"load", "store", "fetch", "hlvx"};
    return names[acc];
}

const char *xe_priv_name(enum xl_priv priv)
{
    return priv == XL_VS ? "vs" : "vu";
}

const char *xe_perm_name(uint64_t f)
{
    /* Indexed by PTE bits 4:1 (U X W R); a table, not fmt(): names are built per case. */
    static const char *const names[16] = {
            "----s", "r---s", "-w--s", "rw--s", "--x-s", "r-x-s", "-wx-s", "rwx-s",
            "----u", "r---u", "-w--u", "rw--u", "--x-u", "r-x-u", "-wx-u", "rwx-u",
    };
    return names[(f >> 1) & 0xf];
}

struct xe_op xe_amo_op(enum xl_priv priv)
{
    struct xe_op op = xe_plain_op(XL_STORE, priv);
    op.insn = INSN_AMOADD_D;
    op.xform = INSN_AMO_XFORM;
    op.amo = true;
    return op;
}

struct xe_op xe_plain_op(enum xl_access acc, enum xl_priv priv)
{
    struct xe_op op = {.acc = acc, .mode = priv == XL_VS ? MODE_VS : MODE_VU, .priv = priv};
    if (acc == XL_LOAD) {
        op.insn = INSN_LD_A0;
        op.xform = INSN_LD_XFORM;
        op.size = 8;
    } else if (acc == XL_STORE) {
        op.insn = INSN_SD_A1;
        op.xform = INSN_SD_XFORM;
        op.size = 8;
    }
    return op;
}

/* Where a trap from V=1 lands: medeleg sends it to HS, then hedeleg on to VS (priv
 * "Hypervisor Trap Delegation"). HLV/HSV run with V=0 from HS/U: medeleg decides. */
static enum level trap_level(const struct xe_op *op, unsigned cause)
{
    if (op->mode == MODE_M || !(csr_read(CSR_MEDELEG) & (1ull << cause)))
        return LEVEL_M;
    bool virt = op->mode == MODE_VS || op->mode == MODE_VU;
    return virt && (csr_read(CSR_HEDELEG) & (1ull << cause)) ? LEVEL_VS : LEVEL_HS;
}

static void set_bit(uint64_t *v, uint64_t bit, bool on)
{
    *v = on ? *v | bit : *v & ~bit;
}

/* Program vsatp, vsstatus, mstatus and hstatus for op; fence since vsatp may change roots. */
static void prepare(const struct xe *e, const struct xe_op *op)
{
    uint64_t root = e->vs_root[op->priv];
    csr_write(CSR_VSATP, ((uint64_t)e->vs_mode << ATP_MODE_SHIFT) | (root >> 12));
    uint64_t vs = csr_read(CSR_VSSTATUS);
    set_bit(&vs, MSTATUS_SUM, e->vs_sum);
    set_bit(&vs, MSTATUS_MXR, e->vs_mxr);
    csr_write(CSR_VSSTATUS, vs);
    uint64_t ms = csr_read(CSR_MSTATUS);
    set_bit(&ms, MSTATUS_SUM, e->hs_sum);
    set_bit(&ms, MSTATUS_MXR, e->hs_mxr);
    csr_write(CSR_MSTATUS, ms);
    uint64_t hs = csr_read(CSR_HSTATUS);
    set_bit(&hs, HSTATUS_SPVP, op->priv == XL_VS);
    set_bit(&hs, HSTATUS_HU, op->mode == MODE_U);
    csr_write(CSR_HSTATUS, hs);
    xe_fence();
}

/* PMP entry 0 (entry 1 grants everything, hart_reset) takes priority ([pmp] "lowest-numbered
 * entry that matches"): a 4 KiB NAPOT region with `perms` (R=1, W=2, X=4) for S and U. */
#define PMP_NAPOT (3u << 3)

bool xe_pmp_limit(struct xe *e, uint64_t page, unsigned perms)
{
    if (!profile.pmp)
        return false;
    e->pmp_page = page;
    e->pmp_perms = perms;
    csr_write(CSR_PMPADDR0, (page >> 2) | 0x1ff);
    csr_write(CSR_PMPCFG0, (csr_read(CSR_PMPCFG0) & ~0xffull) | PMP_NAPOT | perms);
    /* PMP changes reach cached translations after HFENCE.GVMA x0, x0 ("Memory-Management
     * Fences"). */
    xe_fence();
    return true;
}

static bool pmp_allows(void *ctx, uint64_t pa, enum xl_access acc)
{
    const struct xe *e = ctx;
    if (!e->pmp_page || (pa & ~0xfffull) != e->pmp_page)
        return true;
    unsigned need = acc == XL_STORE ? 2 : acc == XL_FETCH ? 4 : acc == XL_HLVX ? 5 : 1;
    return (e->pmp_perms & need) == need;
}

static void model_config(const struct xe *e, const struct xe_op *op, struct xl_config *c)
{
    uint64_t henvcfg = profile.envcfg ? csr_read(CSR_HENVCFG) : 0;
    uint64_t menvcfg = profile.envcfg ? csr_read(CSR_MENVCFG) : 0;
    *c = (struct xl_config){
            .vs_mode = e->vs_mode,
            .vs_root = e->vs_root[op->priv],
            .g_mode = e->g_mode,
            .g_root = e->g_root,
            .vs_sum = e->vs_sum,
            .vs_mxr = e->vs_mxr,
            .hs_mxr = e->hs_mxr,
            .vs_hw_ad = e->vs_hw_ad,
            .g_hw_ad = e->g_hw_ad,
            .vs_pbmte = henvcfg & ENVCFG_PBMTE,
            .g_pbmte = menvcfg & ENVCFG_PBMTE,
            .read = model_read,
            .allow = e->pmp_page ? pmp_allows : 0,
            .ctx = (void *)e,
    };
}

static uint64_t load_value(uint64_t pa, unsigned size, bool sign)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < size; i++)
        v |= (uint64_t) * (volatile uint8_t *)(uintptr_t)(pa + i) << (8 * i);
    if (sign && size < 8 && (v >> (8 * size - 1)) & 1)
        v |= ~0ull << (8 * size);
    return v;
}

static const char *outcome_str(const struct xl_result *r)
{
    if (r->ok)
        return fmt("no trap, pa=0x%lx", r->pa);
    return fmt("cause=%u (%c-stage level %d: %s)", r->cause, r->stage, r->level, r->why);
}

/* Success: the value moved (loads return it, stores and AMOs leave it in memory, AMOs also
 * return the old value), and every A/D update the model predicts is in memory. */
static bool check_success(const char *name, const struct xe_op *op, const struct xl_result *r,
                          const struct trap *t, uint64_t got, uint64_t want, uint64_t want_mem)
{
    if (t->taken) {
        report_fail(name, "expected %s; got %s", outcome_str(r), trap_str(t));
        return false;
    }
    bool writes = op->acc == XL_STORE;
    if ((!writes || op->amo) && got != want) {
        report_fail(name, "expected returned value 0x%lx from pa 0x%lx; got 0x%lx", want, r->pa,
                    got);
        return false;
    }
    uint64_t mem = writes ? load_value(r->pa, op->size, false) : 0;
    if (writes && mem != want_mem) {
        report_fail(name, "expected 0x%lx in memory at pa 0x%lx; got 0x%lx", want_mem, r->pa, mem);
        return false;
    }
    for (unsigned i = 0; i < r->n_updates; i++) {
        uint64_t need = r->updates[i].pte & XE_LEAF_AD, have = xe_read(r->updates[i].pa);
        if ((have & need) != need) {
            report_fail(name, "expected PTE at 0x%lx to have A/D 0x%lx (Svadu update); got 0x%lx",
                        r->updates[i].pa, need, have);
            return false;
        }
    }
    report_pass(name);
    return true;
}

static bool check_fault(const char *name, const struct xe_op *op, const struct xl_result *r,
                        const struct trap *t, uint64_t va)
{
    enum level level = trap_level(op, r->cause);
    uint64_t epc = op->acc == XL_FETCH ? va : op->fn ? op->fn_epc : insn_slot_addr();
    bool ok = t->taken && t->level == level && t->cause == r->cause && t->epc == epc;
    /* tval: the faulting GVA or 0 (priv "mtval": written informatively or zero); a VA the
     * mode cannot hold may be converted (priv [mtval_inv_addr_conv]), so skip that case. */
    if (r->level >= 0 || r->guest_fault)
        ok = ok && (t->tval == va || t->tval == 0);
    /* htval/mtval2: GPA >> 2 or 0 for guest-page faults, 0 otherwise ("htval"). */
    uint64_t tval2 = r->guest_fault ? r->gpa >> 2 : 0;
    /* tinst: the implicit-access pseudoinstruction is mandatory when tval2 is nonzero;
     * otherwise 0 or the transformed instruction; fetch has none ("tinst-values"). */
    uint64_t tinst = xl_expected_tinst(r, op->acc == XL_FETCH ? 0 : op->xform);
    if (level != LEVEL_VS) {
        bool tinst_ok = t->tinst == tinst || (t->tinst == 0 && !(r->implicit && t->tval2));
        /* GVA: set whenever tval holds a guest virtual address ("hstatus"/"mstatus" GVA). */
        bool gva_ok = t->gva || t->tval == 0;
        ok = ok && (t->tval2 == tval2 || t->tval2 == 0) && tinst_ok && gva_ok;
    }
    if (ok) {
        report_pass(name);
        return true;
    }
    const char *want = fmt("cause=%u at %s epc=0x%lx tval=0x%lx (or 0)", r->cause,
                           level == LEVEL_M    ? "M"
                           : level == LEVEL_HS ? "HS"
                                               : "VS",
                           epc, va);
    if (level != LEVEL_VS)
        want = fmt("%s tval2=0x%lx (or 0) tinst=0x%lx%s gva=1", want, tval2, tinst,
                   r->implicit ? " (0 only if tval2=0)" : " (or 0)");
    report_fail(name, "expected %s [%c-stage level %d: %s]; got %s", want, r->stage, r->level,
                r->why, trap_str(t));
    return false;
}

bool xe_check(const char *name, struct xe *e, const struct xe_op *op, uint64_t va)
{
    struct xl_config cfg;
    struct xl_result r;

    prepare(e, op);
    model_config(e, op, &cfg);
    xl_translate(&cfg, va, op->acc, op->priv, &r);
    if (r.ambiguous) {
        report_skip(name, fmt("the spec does not settle this: %s", r.ambiguous));
        return true;
    }

    uint64_t want = 0, want_mem = 0, stored = 0, saved = 0, got = 0;
    if (r.ok && op->acc == XL_FETCH) {
        want = (uint64_t)(*(volatile int32_t *)(uintptr_t)r.pa >> 20);
    } else if (r.ok && op->acc == XL_STORE) {
        saved = xe_read(r.pa & ~7ull);
        uint64_t old = load_value(r.pa, op->size, false);
        uint64_t mask = ~0ull >> (64 - 8 * op->size);
        stored = op->fn ? 0 : op->amo ? 0x0101010101010101ull & mask : ~old & mask;
        want = old;
        want_mem = op->amo ? (old + stored) & mask : stored;
    } else if (r.ok) {
        want = load_value(r.pa, op->size, op->sign);
    }

    struct trap t;
    if (op->acc == XL_FETCH)
        t = run_in(op->mode, (lower_fn)(uintptr_t)va, 0, &got);
    else if (op->fn)
        t = run_in(op->mode, op->fn, va, &got);
    else
        t = exec_insn(op->mode, op->insn, va, stored, &got);
    bool pass = r.ok ? check_success(name, op, &r, &t, got, want, want_mem)
                     : check_fault(name, op, &r, &t, va);
    if (r.ok && op->acc == XL_STORE)
        *word(r.pa & ~7ull) = saved;
    return pass;
}
