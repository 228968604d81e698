/* One line per check: `ok <area>: <name>`, `not ok ...: expected ...; got ...`, `skip ...`. */
#include "internal.h"

const char *current_area = "core";
static struct totals totals;

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
    totals.failed++;
    pr("not ok %s: %s: %s\n", current_area, clean(name), detail);
}

void report_skip(const char *name, const char *reason)
{
    totals.skipped++;
    pr("skip %s: %s: %s\n", current_area, clean(name), reason);
}

bool expect_eq(const char *name, uint64_t got, uint64_t expected)
{
    if (got == expected) {
        report_pass(name);
        return true;
    }
    report_fail(name, "expected 0x%lx; got 0x%lx", expected, got);
    return false;
}

bool expect_masked(const char *name, uint64_t got, uint64_t expected, uint64_t mask)
{
    if ((got & mask) == (expected & mask)) {
        report_pass(name);
        return true;
    }
    report_fail(name, "expected 0x%lx (mask 0x%lx); got 0x%lx", expected & mask, mask, got);
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

static const char *level_name(enum level level)
{
    static const char *const names[] = {"none", "M", "HS", "VS"};

    return names[level];
}

static const char *cause_str(uint64_t cause)
{
    if (cause & CAUSE_INTERRUPT)
        return fmt("interrupt %lu", cause & ~CAUSE_INTERRUPT);
    return fmt("%lu", cause);
}

const char *trap_str(const struct trap *t)
{
    if (!t->taken)
        return fmt("no trap (finished in %s)", mode_name(t->from));
    return fmt("cause=%s at %s from %s epc=0x%lx tval=0x%lx tval2=0x%lx tinst=0x%lx gva=%u",
               cause_str(t->cause), level_name(t->level), mode_name(t->from), t->epc, t->tval,
               t->tval2, t->tinst, t->gva);
}

static const char *expect_str(const struct expect *e)
{
    if (!e->taken)
        return e->fields & EXPECT_FROM ? fmt("no trap (finished in %s)", mode_name(e->from))
                                       : "no trap";
    const char *s = fmt("cause=%s at %s", cause_str(e->cause), level_name(e->level));
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
    if ((want->fields & EXPECT_TINST) && got->tinst != 0 && got->tinst != want->tinst)
        return false;
    if ((want->fields & EXPECT_GVA) && got->gva != want->gva)
        return false;
    return true;
}

bool expect_trap(const char *name, const struct trap *got, struct expect want)
{
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

bool expect_trap_any(const char *name, const struct trap *got, const struct expect *alts,
                     unsigned n)
{
    const char *wanted = "";

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
