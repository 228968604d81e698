/* The translation area's case families (one file each), run once per (vsatp, hgatp) mode pair. */
#ifndef SUITE_AREAS_TRANSLATION_H
#define SUITE_AREAS_TRANSLATION_H

#include "xlate_env.h"

/* Test page for the next case: rotates, so a stale translation reaches a different tag. */
unsigned tr_next_page(void);
/* Runs one plain access with the current edits and status bits, then undoes the edits. Case
 * names start with e->pair. */
void tr_run(struct xe *e, const char *name, enum xl_access acc, enum xl_priv priv, uint64_t va);
void tr_run_op(struct xe *e, const char *name, const struct xe_op *op, uint64_t va);
/* Leaf flags that grant everything `priv` needs (U matching priv, A and D set). */
uint64_t tr_full_leaf(enum xl_priv priv);

/* Leaf permissions at both stages x access x privilege x SUM/MXR, on one pair. */
void tr_permission_matrix(struct xe *e);
/* AMOs need write permission at both stages and fault as stores (priv "Sv32": "AMOs never
 * raise load page-fault exceptions"). */
void tr_amo_cases(struct xe *e);
/* Leaf levels, misaligned superpages, invalid and reserved PTEs at every level of both
 * stages, A/D, address width, on every pair. */
void tr_structure_cases(struct xe *e);
/* A/D clear in leaves of both stages (part of tr_structure_cases). */
void tr_accessed_dirty(struct xe *e);
/* Faults of VS-stage table accesses in the G-stage (implicit accesses), on every pair. */
void tr_implicit_cases(struct xe *e);
/* PMP on the final page, a VS table or a G table: access faults of the original type. */
void tr_pmp_cases(struct xe *e);
/* The same faults delivered to HS (medeleg) and VS (hedeleg). */
void tr_delivery_cases(struct xe *e);

#endif
