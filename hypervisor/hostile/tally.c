/* Outcome names and counts (hostile.h). */
#include "hostile.h"

#include "string.h"

static const char *const sbi_errors[] = {
        "sbi SUCCESS",           "sbi FAILED",          "sbi NOT_SUPPORTED",
        "sbi INVALID_PARAM",     "sbi DENIED",          "sbi INVALID_ADDRESS",
        "sbi ALREADY_AVAILABLE", "sbi ALREADY_STARTED", "sbi ALREADY_STOPPED",
};

/* Priv spec table "Supervisor cause register (scause) values after trap". */
static const char *const causes[] = {
        "trap instruction address misaligned",
        "trap instruction access fault",
        "trap illegal instruction",
        "trap breakpoint",
        "trap load address misaligned",
        "trap load access fault",
        "trap store/AMO address misaligned",
        "trap store/AMO access fault",
        "trap environment call from U-mode",
        "trap environment call from S-mode",
        "trap cause 10",
        "trap cause 11",
        "trap instruction page fault",
        "trap load page fault",
        "trap cause 14",
        "trap store/AMO page fault",
};

const char *outcome_name(const struct op *op, const struct result *r)
{
    if (op->kind == OP_SBI && !r->trapped) {
        if (op->eid == 2)
            return "sbi legacy getchar";
        if (r->error <= 0 && r->error >= -8)
            return sbi_errors[-r->error];
        return "sbi other error";
    }
    if (op->kind == OP_SATP)
        return r->satp_after == r->satp_before ? "satp write ignored" : "satp changed";
    if (!r->trapped)
        return "completed";
    return r->cause < sizeof(causes) / sizeof(causes[0]) ? causes[r->cause] : "trap other cause";
}

void tally_add(struct tally *t, const char *name)
{
    unsigned i = 0;
    while (i < t->n && strcmp(t->name[i], name) != 0)
        i++;
    if (i == t->n) {
        if (t->n == TALLY_MAX)
            return;
        t->name[t->n++] = name;
    }
    t->count[i]++;
}
