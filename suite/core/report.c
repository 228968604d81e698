/* One line per check: `ok <area>: <name>`, `not ok ...: expected ...; got ...`, `skip ...`. */
#include "internal.h"

const char *current_area = "core";
static const char *current_rules;
static char rules_buf[512];
static struct totals totals;
/* Checks reported while no rule was set, and the first of them (suite_finish reports it). */
static unsigned unruled;
static char first_unruled[120];

/* A name built with fmt() survives the fmt() calls that describe the outcome. */
#define KEEP_NAME(name)                                                                            \
    char kept_[200];                                                                               \
    copy_str(kept_, sizeof(kept_), name);                                                          \
    name = kept_

static void copy_str(char *dst, size_t cap, const char *src)
{
    size_t i = 0;

    for (; src[i] && i + 1 < cap; i++)
        dst[i] = src[i];
    dst[i] = 0;
}

void rules(const char *anchors)
{
    copy_str(rules_buf, sizeof(rules_buf), anchors);
    current_rules = rules_buf;
}

void rules_reset(void)
{
    current_rules = 0;
}

/* Every check names the rule it tests: a check reported with none is counted here. */
static void note_rule(const char *name)
{
    if (current_rules)
        return;
    if (!unruled++)
        copy_str(first_unruled, sizeof(first_unruled), fmt("%s: %s", current_area, name));
}

void report_rules_check(void)
{
    const char *name = "every check names the rule it tests";

    current_area = "core";
    current_rules = ""; /* the suite's own check, not a spec rule */
    if (!unruled)
        report_pass(name);
    else
        report_fail(name, "got %u checks without a rule, the first %s", unruled, first_unruled);
}

/* Anchors for a failing line: "[a] [b] " from "a b". */
static const char *anchors_str(void)
{
    static char buf[sizeof(rules_buf) + 64];
    const char *r = current_rules ? current_rules : "";
    size_t n = 0;
    bool in_word = false;

    for (; *r && n + 4 < sizeof(buf); r++) {
        if (*r == ' ') {
            if (in_word) {
                buf[n++] = ']';
                buf[n++] = ' ';
            }
            in_word = false;
            continue;
        }
        if (!in_word)
            buf[n++] = '[';
        in_word = true;
        buf[n++] = *r;
    }
    if (in_word) {
        buf[n++] = ']';
        buf[n++] = ' ';
    }
    buf[n] = 0;
    return buf;
}

struct totals report_totals(void)
{
    return totals;
}

unsigned checks_failed(void)
{
    return totals.failed;
}

/*
 * Test scripts cut a report line at its second colon to get `<area>: <name>`, so a colon
 * inside a name is printed as ';'.
 */
static const char *clean(const char *name)
{
    static char buf[200];
    size_t i = 0;

    for (; name[i] && i + 1 < sizeof(buf); i++)
        buf[i] = name[i] == ':' ? ';' : name[i];
    buf[i] = 0;
    return buf;
}

void report_pass(const char *name)
{
    note_rule(name);
    totals.passed++;
    pr("ok %s: %s\n", current_area, clean(name));
}

void report_fail(const char *name, const char *f, ...)
{
    char detail[512];
    va_list ap;

    va_start(ap, f);
    vfmt_into(detail, sizeof(detail), f, ap);
    va_end(ap);
    note_rule(name);
    totals.failed++;
    pr("not ok %s: %s: %s%s\n", current_area, clean(name), anchors_str(), detail);
}

void report_skip(const char *name, const char *reason)
{
    note_rule(name);
    totals.skipped++;
    pr("skip %s: %s: %s\n", current_area, clean(name), reason);
}

bool expect_eq(const char *name, uint64_t got, uint64_t expected)
{
    KEEP_NAME(name);
    if (got == expected) {
        report_pass(name);
        return true;
    }
    report_fail(name, "expected 0x%lx; got 0x%lx (last run: %s)", expected, got,
                trap_str(&run_state.trap));
    return false;
}

bool expect_masked(const char *name, uint64_t got, uint64_t expected, uint64_t mask)
{
    KEEP_NAME(name);
    if ((got & mask) == (expected & mask)) {
        report_pass(name);
        return true;
    }
    report_fail(name, "expected 0x%lx (mask 0x%lx); got 0x%lx (last run: %s)", expected & mask,
                mask, got, trap_str(&run_state.trap));
    return false;
}

struct expect no_trap(void)
{
    return (struct expect){.taken = false};
}

struct expect finished_in(enum mode mode)
{
    struct expect e = no_trap();

    e.fields = EXPECT_FROM;
    e.from = mode;
    return e;
}

struct expect trap_at(enum level level, uint64_t cause)
{
    return (struct expect){.taken = true, .level = level, .cause = cause};
}

const char *level_name(enum level level)
{
    static const char *const names[] = {"none", "M", "HS", "VS"};

    return names[level];
}

/* Symbolic cause names (priv "mcause" table and the H chapter's [H_cause] additions). */
const char *cause_name(uint64_t cause)
{
    static const char *const exc[] = {
            [EXC_INSN_MISALIGNED] = "insn-misaligned",
            [EXC_INSN_ACCESS] = "insn-access-fault",
            [EXC_ILLEGAL_INSN] = "illegal-insn",
            [EXC_BREAKPOINT] = "breakpoint",
            [EXC_LOAD_MISALIGNED] = "load-misaligned",
            [EXC_LOAD_ACCESS] = "load-access-fault",
            [EXC_STORE_MISALIGNED] = "store-misaligned",
            [EXC_STORE_ACCESS] = "store-access-fault",
            [EXC_ECALL_U] = "ecall-u",
            [EXC_ECALL_HS] = "ecall-hs",
            [EXC_ECALL_VS] = "ecall-vs",
            [EXC_ECALL_M] = "ecall-m",
            [EXC_INSN_PAGE_FAULT] = "insn-page-fault",
            [EXC_LOAD_PAGE_FAULT] = "load-page-fault",
            [EXC_STORE_PAGE_FAULT] = "store-page-fault",
            [EXC_INSN_GUEST_PAGE_FAULT] = "insn-guest-page-fault",
            [EXC_LOAD_GUEST_PAGE_FAULT] = "load-guest-page-fault",
            [EXC_VIRTUAL_INSN] = "virtual-insn",
            [EXC_STORE_GUEST_PAGE_FAULT] = "store-guest-page-fault",
    };
    static const char *const irq[] = {
            [IRQ_SSI] = "SSI",   [IRQ_VSSI] = "VSSI", [IRQ_MSI] = "MSI", [IRQ_STI] = "STI",
            [IRQ_VSTI] = "VSTI", [IRQ_MTI] = "MTI",   [IRQ_SEI] = "SEI", [IRQ_VSEI] = "VSEI",
            [IRQ_MEI] = "MEI",   [IRQ_SGEI] = "SGEI",
    };
    uint64_t code = cause & ~CAUSE_INTERRUPT;

    if (cause & CAUSE_INTERRUPT)
        return code < sizeof(irq) / sizeof(irq[0]) && irq[code]
                       ? fmt("%lu(interrupt %s)", code, irq[code])
                       : fmt("%lu(interrupt)", code);
    return code < sizeof(exc) / sizeof(exc[0]) && exc[code] ? fmt("%lu(%s)", code, exc[code])
                                                            : fmt("%lu", code);
}

const char *trap_str(const struct trap *t)
{
    if (!t->taken)
        return fmt("no trap (finished in %s)", mode_name(t->from));
    return fmt("cause=%s at %s from %s epc=0x%lx tval=0x%lx tval2=0x%lx tinst=0x%lx gva=%u",
               cause_name(t->cause), level_name(t->level), mode_name(t->from), t->epc, t->tval,
               t->tval2, t->tinst, t->gva);
}

static const char *expect_str(const struct expect *e)
{
    if (!e->taken)
        return e->fields & EXPECT_FROM ? fmt("no trap (finished in %s)", mode_name(e->from))
                                       : "no trap";
    const char *s = fmt("cause=%s at %s", cause_name(e->cause), level_name(e->level));
    if (e->fields & EXPECT_FROM)
        s = fmt("%s from %s", s, mode_name(e->from));
    if (e->fields & EXPECT_EPC)
        s = fmt("%s epc=0x%lx", s, e->epc);
    if (e->fields & EXPECT_TVAL)
        s = fmt("%s tval=0x%lx", s, e->tval);
    if (e->fields & EXPECT_TVAL0)
        s = fmt("%s tval=0 or 0x%lx", s, e->tval);
    if (e->fields & EXPECT_TVAL2)
        s = fmt("%s tval2=0x%lx", s, e->tval2);
    if (e->fields & EXPECT_TVAL2_0)
        s = fmt("%s tval2=0 or 0x%lx", s, e->tval2);
    if (e->fields & EXPECT_TINST)
        s = fmt("%s tinst=0 or 0x%lx", s, e->tinst);
    if (e->fields & EXPECT_GVA)
        s = fmt("%s gva=%u", s, e->gva);
    return s;
}

bool trap_matches(const struct trap *got, const struct expect *want)
{
    if (got->taken != want->taken)
        return false;
    if ((want->fields & EXPECT_FROM) && got->from != want->from)
        return false;
    if (!want->taken)
        return true;
    if (got->level != want->level || got->cause != want->cause)
        return false;
    if ((want->fields & EXPECT_EPC) && got->epc != want->epc)
        return false;
    if ((want->fields & EXPECT_TVAL) && got->tval != want->tval)
        return false;
    if ((want->fields & EXPECT_TVAL0) && got->tval != 0 && got->tval != want->tval)
        return false;
    if ((want->fields & EXPECT_TVAL2) && got->tval2 != want->tval2)
        return false;
    if ((want->fields & EXPECT_TVAL2_0) && got->tval2 != 0 && got->tval2 != want->tval2)
        return false;
    if ((want->fields & EXPECT_TINST) && got->tinst != 0 && got->tinst != want->tinst)
        return false;
    if ((want->fields & EXPECT_GVA) && got->gva != want->gva)
        return false;
    return true;
}

bool expect_trap(const char *name, const struct trap *got, struct expect want)
{
    KEEP_NAME(name);
    if (trap_matches(got, &want)) {
        report_pass(name);
        return true;
    }
    report_fail(name, "expected %s; got %s", expect_str(&want), trap_str(got));
    return false;
}

struct expect insn_trap(enum level level, uint64_t cause, uint32_t insn)
{
    struct expect e = trap_at(level, cause);

    e.fields = EXPECT_EPC | EXPECT_TVAL0 | EXPECT_TVAL2 | EXPECT_TINST;
    e.epc = insn_slot_addr();
    e.tval = insn;
    return e;
}

struct expect insn_outcome(enum insn_outcome o, enum mode mode, uint32_t insn)
{
    if (o == INSN_RUNS)
        return finished_in(mode);
    return insn_trap(LEVEL_M, o == INSN_ILLEGAL ? EXC_ILLEGAL_INSN : EXC_VIRTUAL_INSN, insn);
}

bool expect_trap_any(const char *name, const struct trap *got, const struct expect *alts,
                     unsigned n)
{
    const char *wanted = "";

    KEEP_NAME(name);
    for (unsigned i = 0; i < n; i++) {
        if (trap_matches(got, &alts[i])) {
            report_pass(name);
            return true;
        }
        wanted = i ? fmt("%s or %s", wanted, expect_str(&alts[i])) : expect_str(&alts[i]);
    }
    report_fail(name, "expected %s; got %s", wanted, trap_str(got));
    return false;
}
