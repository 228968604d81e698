/*
 * Leaf permissions at both stages x access x privilege x SUM/MXR. The rules (model/xlate.c):
 * priv "Sv32" (R/W/X encodings, U bit, SUM never allows supervisor fetch from U pages), "Memory
 * Privilege in sstatus" (MXR, SUM), "Two-Stage Address Translation" (vsstatus.MXR is VS-stage
 * only, sstatus.MXR both stages; HS-level SUM is ignored when V=1; every G-stage access is
 * user-level).
 */
#include "translation.h"

/* The five valid leaf encodings (W without R is reserved: translation_structure.c). */
static const uint64_t leaf_perms[] = {
        XL_PTE_R,
        XL_PTE_R | XL_PTE_W,
        XL_PTE_X,
        XL_PTE_R | XL_PTE_X,
        XL_PTE_R | XL_PTE_W | XL_PTE_X,
};
#define N_PERMS (sizeof(leaf_perms) / sizeof(leaf_perms[0]))

struct status {
    bool vs_sum, vs_mxr, hs_mxr, hs_sum;
};

/* Status-bit combinations worth running for one access: vsstatus.SUM and HS-level SUM (which
 * must change nothing when V=1) only where a VS-mode access meets a U=1 VS leaf; MXR at both
 * levels for every load. */
static unsigned statuses(enum xl_access acc, enum xl_priv priv, bool vs_user_page,
                         struct status *out)
{
    bool sum_matters = priv == XL_VS && vs_user_page;
    unsigned n = 0;
    for (unsigned sum = 0; sum < (sum_matters ? 2u : 1u); sum++)
        for (unsigned mxr = 0; mxr < (acc == XL_LOAD ? 4u : 1u); mxr++)
            out[n++] = (struct status){sum, mxr & 1, mxr >> 1, false};
    if (sum_matters && acc != XL_FETCH)
        out[n++] = (struct status){false, false, false, true};
    return n;
}

static void one(struct xe *e, uint64_t vs_flags, uint64_t g_flags, enum xl_access acc,
                enum xl_priv priv, const struct status *st)
{
    unsigned k = tr_next_page();
    uint64_t gva = xe_page_gva(e, k), gpa = xe_page_gpa(e, k);
    xe_vs_leaf(e, priv, gva, gpa, 0, vs_flags | XE_LEAF_AD);
    xe_g_leaf(e, gpa, xe_page_spa(k), 0, g_flags | XE_LEAF_AD);
    e->vs_sum = st->vs_sum;
    e->vs_mxr = st->vs_mxr;
    e->hs_mxr = st->hs_mxr;
    e->hs_sum = st->hs_sum;
    /* Status bits appear only when set, to keep the ~1000 names short. */
    const char *name =
            fmt("%s vs-leaf=%s g-leaf=%s acc=%s priv=%s%s%s%s%s", e->pair, xe_perm_name(vs_flags),
                xe_perm_name(g_flags), xe_acc_name(acc), xe_priv_name(priv),
                st->vs_sum ? " sum=1" : "", st->vs_mxr ? " mxr=1" : "",
                st->hs_mxr ? " hs-mxr=1" : "", st->hs_sum ? " hs-sum=1" : "");
    tr_run(e, name, acc, priv, acc == XL_FETCH ? gva : gva + XE_TAG_OFFSET);
}

void tr_permission_matrix(struct xe *e)
{
    rules("H_vm_twostage vsstatus_mxr_vm sstatus_mxr_vm H_vm_gpapriv");
    static const enum xl_access accs[] = {XL_LOAD, XL_STORE, XL_FETCH};
    struct status st[16];

    for (unsigned v = 0; v < 2 * N_PERMS; v++) {
        uint64_t vs_flags = leaf_perms[v % N_PERMS] | (v >= N_PERMS ? XL_PTE_U : 0);
        /* G-stage: every encoding with U=1, and RWX with U=0 (always a guest-page fault). */
        for (unsigned g = 0; g <= N_PERMS; g++) {
            uint64_t g_flags = g < N_PERMS ? leaf_perms[g] | XL_PTE_U : XE_LEAF_RWX;
            for (unsigned a = 0; a < 3; a++) {
                for (int p = XL_VU; p <= XL_VS; p++) {
                    unsigned n = statuses(accs[a], (enum xl_priv)p, vs_flags & XL_PTE_U, st);
                    for (unsigned s = 0; s < n; s++)
                        one(e, vs_flags, g_flags, accs[a], (enum xl_priv)p, &st[s]);
                }
            }
        }
    }
}

void tr_amo_cases(struct xe *e)
{
    rules("H_vm_twostage H_vm_gpapriv");
    for (unsigned v = 0; v < N_PERMS; v++) {
        for (unsigned g = 0; g < N_PERMS; g++) {
            unsigned k = tr_next_page();
            uint64_t gva = xe_page_gva(e, k), gpa = xe_page_gpa(e, k);
            xe_vs_leaf(e, XL_VS, gva, gpa, 0, leaf_perms[v] | XE_LEAF_AD);
            xe_g_leaf(e, gpa, xe_page_spa(k), 0, leaf_perms[g] | XL_PTE_U | XE_LEAF_AD);
            /* MXR never makes a page writable: keep it on to show that. */
            e->hs_mxr = true;
            struct xe_op op = xe_amo_op(XL_VS);
            tr_run_op(e,
                      fmt("%s vs-leaf=%s g-leaf=%s acc=amoadd.d priv=vs hs-mxr=1", e->pair,
                          xe_perm_name(leaf_perms[v]), xe_perm_name(leaf_perms[g] | XL_PTE_U)),
                      &op, gva + XE_TAG_OFFSET);
        }
    }
}
