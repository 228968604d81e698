/*
 * The answers the specs allow (hostile.h). SBI: SBI spec v2.0 (chapters named per extension;
 * where several errors apply the spec gives no order, so each is accepted). Traps: privileged
 * spec; the guest has no H extension, so what hardware raises as a virtual-instruction
 * exception (§18.6.1) reaches it as the illegal-instruction exception a machine without H
 * raises, and a guest-page fault outside RAM and devices as an access fault.
 */
#include "hostile.h"

#define SBI_SUCCESS             0
#define SBI_ERR_NOT_SUPPORTED   -2
#define SBI_ERR_INVALID_PARAM   -3
#define SBI_ERR_INVALID_ADDRESS -5
#define SBI_ERR_ALREADY_AVAIL   -6

#define EXC_INSN_ACCESS      1
#define EXC_ILLEGAL          2
#define EXC_BREAKPOINT       3
#define EXC_LOAD_MISALIGNED  4
#define EXC_LOAD_ACCESS      5
#define EXC_STORE_MISALIGNED 6
#define EXC_STORE_ACCESS     7

#define NO_TRAP (1UL << 63)
#define BIT(c)  (1UL << (c))

/* ---- SBI ---- */

/* Allowed error codes as a set: bit -e for error e (0 = SUCCESS ... 8). */
#define E(e)      (1u << -(e))
#define ANY_ERROR 0x1feu

static bool in_ram(const struct platform *p, unsigned long a, unsigned long len)
{
    return a >= p->ram_base && len <= p->ram_size && a - p->ram_base <= p->ram_size - len;
}

/* §3.1: every hart base + i for a set bit i must exist; base -1 means all harts. */
static bool mask_ok(const struct platform *p, unsigned long mask, unsigned long base)
{
    if (base == -1UL)
        return true;
    for (unsigned i = 0; i < 64; i++)
        if (mask >> i & 1 && (base + i < base || base + i >= p->nharts))
            return false;
    return true;
}

/* §8 preamble: (0, 0) and size -1 are everything; otherwise [start, start + size) must not
 * pass 2^64. */
static bool range_ok(unsigned long start, unsigned long size)
{
    return (start == 0 && size == 0) || size == -1UL || size == 0 || size - 1 <= ~start;
}

static bool known_eid(unsigned long eid)
{
    return eid <= 8 || eid == 0x10 || eid == 0x54494d45 || eid == 0x735049 || eid == 0x52464e43 ||
           eid == 0x48534d || eid == 0x53525354 || eid == 0x4442434e;
}

/* §9.4 table: reserved types, and platform-specific ones this SBI does not implement, are
 * INVALID_PARAM; the default non-retentive type is not offered (NOT_SUPPORTED). */
static unsigned suspend_errors(uint32_t type)
{
    if (type == 0)
        return E(SBI_SUCCESS);
    if (type == 0x80000000u)
        return E(SBI_ERR_NOT_SUPPORTED) | E(SBI_ERR_INVALID_ADDRESS);
    return E(SBI_ERR_INVALID_PARAM);
}

static unsigned sbi_allowed(const struct platform *p, const struct op *op)
{
    const unsigned long *a = op->arg;
    switch (op->eid) {
    case 0x10: /* BASE, chapter 4 */
        return op->fid <= 6 ? E(SBI_SUCCESS) : E(SBI_ERR_NOT_SUPPORTED);
    case 0x54494d45: /* TIME, chapter 6 */
        return op->fid == 0 ? E(SBI_SUCCESS) : E(SBI_ERR_NOT_SUPPORTED);
    case 0x735049: /* IPI, chapter 7 */
        if (op->fid != 0)
            return E(SBI_ERR_NOT_SUPPORTED);
        return mask_ok(p, a[0], a[1]) ? E(SBI_SUCCESS) : E(SBI_ERR_INVALID_PARAM);
    case 0x52464e43: { /* RFENCE, chapter 8 */
        if (op->fid > 6)
            return E(SBI_ERR_NOT_SUPPORTED);
        unsigned bad = (mask_ok(p, a[0], a[1]) ? 0 : E(SBI_ERR_INVALID_PARAM)) |
                       (op->fid == 0 || range_ok(a[2], a[3]) ? 0 : E(SBI_ERR_INVALID_ADDRESS));
        if (op->fid >= 3) /* HFENCE: the guest has no H */
            return E(SBI_ERR_NOT_SUPPORTED) | bad;
        return bad ? bad : E(SBI_SUCCESS);
    }
    case 0x48534d: /* HSM, chapter 9 */
        switch (op->fid) {
        case 0:
            if (a[0] >= p->nharts)
                return E(SBI_ERR_INVALID_PARAM);
            return E(SBI_ERR_ALREADY_AVAIL) | (in_ram(p, a[1], 2) ? 0 : E(SBI_ERR_INVALID_ADDRESS));
        case 2:
            return a[0] < p->nharts ? E(SBI_SUCCESS) : E(SBI_ERR_INVALID_PARAM);
        case 3: /* suspend_type is 32 bits: with more, an SBI may refuse or use the low half */
            return suspend_errors((uint32_t)a[0]) | (a[0] >> 32 ? E(SBI_ERR_INVALID_PARAM) : 0);
        default:
            return E(SBI_ERR_NOT_SUPPORTED);
        }
    case 0x53525354: /* SRST, chapter 10: the generator never passes a valid pair */
        return op->fid == 0 ? E(SBI_ERR_INVALID_PARAM) : E(SBI_ERR_NOT_SUPPORTED);
    case 0x4442434e: /* DBCN, chapter 12; §3.1.2 for the buffer */
        if (op->fid == 2)
            return E(SBI_SUCCESS);
        if (op->fid > 2)
            return E(SBI_ERR_NOT_SUPPORTED);
        if (a[2] || !in_ram(p, a[1], a[0]))
            return E(SBI_ERR_INVALID_PARAM) | (a[0] == 0 && !a[2] ? E(SBI_SUCCESS) : 0);
        return E(SBI_SUCCESS);
    case 0:
    case 1:
    case 3: /* legacy set_timer, putchar, clear_ipi (chapter 5): 0 */
        return E(SBI_SUCCESS);
    case 2: /* legacy getchar: a byte or -1 */
        return 0;
    case 4:
    case 5:
    case 6:
    case 7: { /* legacy hart-mask calls: 0, or an implementation-specific negative error */
        bool mask = a[0] == 0 || (a[0] == p->mask_word && mask_ok(p, a[5], 0));
        bool range = op->eid < 6 || range_ok(a[1], a[2]);
        return mask && range ? E(SBI_SUCCESS) : ANY_ERROR;
    }
    default:
        return E(SBI_ERR_NOT_SUPPORTED);
    }
}

static bool sbi_check(const struct platform *p, const struct op *op, const struct result *r,
                      const char **why)
{
    if (r->trapped) {
        *why = "the ecall trapped in the guest";
        return false;
    }
    if (!r->regs_kept) {
        *why = "a2-a7 changed (SBI §3: only a0 and a1 may)";
        return false;
    }
    if (op->eid == 2) { /* legacy getchar */
        *why = "legacy getchar returned neither a byte nor -1";
        return r->error >= -1 && r->error <= 0xff;
    }
    unsigned allowed = sbi_allowed(p, op);
    if (r->error > 0 || r->error < -8 || !(allowed & E(r->error))) {
        *why = "error code the SBI spec does not allow here";
        return false;
    }
    if (r->error == 0 && op->eid == 0x10 && op->fid == 3 &&
        (r->value != 0) != known_eid(op->arg[0])) {
        *why = "probe_extension disagrees with the extensions offered (§4.4)";
        return false;
    }
    if (r->error == 0 && op->eid == 0x48534d && op->fid == 2 && r->value != (op->arg[0] ? 1 : 0)) {
        *why = "hart status: the caller STARTED (0), the others STOPPED (1)";
        return false;
    }
    if (r->error == 0 && op->eid == 0x4442434e && op->fid <= 1 &&
        (unsigned long)r->value > op->arg[0]) {
        *why = "DBCN moved more bytes than asked for";
        return false;
    }
    return true;
}

/* ---- traps ---- */

static bool in_window(unsigned long a, unsigned width, unsigned long base, unsigned long size)
{
    return a >= base && a - base < size && width <= size - (a - base);
}

/* Causes the access may end in. Device windows take naturally aligned loads and stores (the
 * PLIC only 32-bit ones: its registers); other access types, misaligned accesses and
 * anything outside RAM and the windows get the access fault of the PMA rules ("Physical
 * Memory Attributes"), or address-misaligned for a misaligned access (unprivileged spec,
 * "Misaligned Loads and Stores"). In RAM, a misaligned access may also just work. The UART's
 * read-only page (hostile.h) is memory to loads: a load completes (misaligned, it may also
 * raise either exception), an aligned LR completes or faults (the A extension lets a
 * misaligned one only fault); a store, AMO or SC there faults into the hypervisor, which
 * treats it as on the rest of the window. */
static unsigned long mem_allowed(const struct platform *p, const struct op *op)
{
    bool store = op->cls != IC_LOAD && op->cls != IC_LR;
    unsigned long access = BIT(store ? EXC_STORE_ACCESS : EXC_LOAD_ACCESS);
    unsigned long misaligned = BIT(store ? EXC_STORE_MISALIGNED : EXC_LOAD_MISALIGNED);
    bool aligned = (op->addr & (op->width - 1)) == 0;
    bool plain = op->cls == IC_LOAD || op->cls == IC_STORE;

    if (op->cls == IC_LR)
        access |= BIT(EXC_STORE_ACCESS); /* which access fault an LR raises is not pinned down */
    /* Without a matching reservation an SC fails (rd != 0) and need not touch memory
     * (unprivileged spec, "Load-Reserved/Store-Conditional"): it may complete anywhere. */
    if (op->cls == IC_SC)
        access |= NO_TRAP;
    if (in_ram(p, op->addr, op->width)) {
        if (aligned)
            return NO_TRAP;
        return misaligned | access | (plain ? NO_TRAP : 0);
    }
    if ((op->cls == IC_LOAD || op->cls == IC_LR) && p->uart_ro_page &&
        in_window(op->addr, op->width, p->uart_ro_page, PAGE_SIZE)) {
        if (aligned)
            return NO_TRAP | (op->cls == IC_LR ? access : 0);
        return misaligned | access | (plain ? NO_TRAP : 0);
    }
    if (!aligned)
        return misaligned | access;
    if (plain && in_window(op->addr, op->width, p->uart_base, p->uart_size))
        return NO_TRAP;
    if (plain && op->width == 4 && in_window(op->addr, op->width, PLIC_BASE, PLIC_SIZE))
        return NO_TRAP;
    return access;
}

static unsigned long insn_allowed(const struct platform *p, const struct op *op)
{
    switch (op->cls) {
    case IC_CSR_S_READ:
    case IC_CSR_SSCRATCH_WRITE:
    case IC_SFENCE_VMA:
        return NO_TRAP;
    case IC_CSR_STIMECMP: /* Sstc: stimecmp is the guest's only when its ISA lists sstc */
        return p->sstc ? NO_TRAP : BIT(EXC_ILLEGAL);
    case IC_CSR_COUNTER_READ: /* readable as the counter-enable CSRs say */
        return NO_TRAP | BIT(EXC_ILLEGAL);
    case IC_EBREAK:
        return BIT(EXC_BREAKPOINT);
    default: /* H and VS CSRs, M CSRs, counter writes, MRET, H instructions */
        return BIT(EXC_ILLEGAL);
    }
}

static bool trap_check(const struct platform *p, const struct op *op, const struct result *r,
                       const char **why)
{
    unsigned long allowed = op->kind == OP_MEM ? mem_allowed(p, op) : insn_allowed(p, op);
    if (op->kind == OP_FETCH)
        allowed = BIT(EXC_INSN_ACCESS); /* outside RAM, and devices are not executable */
    if (!r->trapped) {
        *why = "completed where the specs call for a trap";
        return (allowed & NO_TRAP) != 0;
    }
    if (r->cause >= 63 || !(allowed & BIT(r->cause))) {
        *why = "trap cause the specs do not allow here";
        return false;
    }
    unsigned long at = op->kind == OP_FETCH ? op->addr : p->slot;
    if (r->epc != at) {
        *why = "sepc is not the instruction that trapped";
        return false;
    }
    bool tval_ok = true;
    if (op->kind == OP_FETCH)
        tval_ok = r->tval == op->addr;
    else if (op->kind == OP_MEM) /* the faulting byte's address, or 0 */
        tval_ok = r->tval == 0 || (r->tval >= op->addr && r->tval - op->addr < op->width);
    else if (r->cause == EXC_ILLEGAL) /* 0 or the instruction's bits */
        tval_ok = r->tval == 0 || r->tval == op->insn;
    *why = "stval is not what the trap calls for";
    return tval_ok;
}

bool oracle_check(const struct platform *p, const struct op *op, const struct result *r,
                  const char **why)
{
    switch (op->kind) {
    case OP_SBI:
        return sbi_check(p, op, r, why);
    case OP_SATP: /* priv spec "satp": a write with an unsupported MODE has no effect */
        *why = "satp changed on a write with an unsupported MODE";
        return !r->trapped && r->satp_after == r->satp_before;
    default:
        return trap_check(p, op, r, why);
    }
}
