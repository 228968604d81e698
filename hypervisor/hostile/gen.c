/*
 * Random operations (hostile.h). Arguments come from a mix of edge values (0, -1, the ends of
 * RAM, wrapping ranges, the device windows, addresses just outside RAM) and raw random bits.
 */
#include "hostile.h"

#define SBI_BASE   0x10UL
#define SBI_TIME   0x54494d45UL
#define SBI_IPI    0x735049UL
#define SBI_RFENCE 0x52464e43UL
#define SBI_HSM    0x48534dUL
#define SBI_SRST   0x53525354UL
#define SBI_DBCN   0x4442434eUL

static const unsigned long sbi_eids[] = {SBI_BASE, SBI_TIME, SBI_IPI, SBI_RFENCE,
                                         SBI_HSM,  SBI_SRST, SBI_DBCN};
/* SBI v2.0 extensions this SBI does not offer, the unused legacy IDs, and the experimental,
 * vendor and firmware spaces (§3 table 1). */
static const unsigned long absent_eids[] = {0x09,       0x0f,       0x504d55,   0x53555350,
                                            0x43505043, 0x4e41434c, 0x535441,   0x46574654,
                                            0x08000000, 0x09000000, 0x0a000000, 0xffffffff};

/* CSRs by what the guest should find (priv spec tables "Currently allocated RISC-V ... CSR
 * addresses"): hypervisor and VS CSRs, machine and debug CSRs, supervisor CSRs. */
static const unsigned short h_csrs[] = {0x600, 0x602, 0x603, 0x604, 0x605, 0x606, 0x607, 0x60a,
                                        0x60c, 0x643, 0x644, 0x645, 0x64a, 0x680, 0xe12, 0x200,
                                        0x204, 0x205, 0x240, 0x241, 0x242, 0x243, 0x244, 0x280};
static const unsigned short m_csrs[] = {0x300, 0x301, 0x302, 0x303, 0x304, 0x305, 0x306, 0x30a,
                                        0x340, 0x341, 0x342, 0x343, 0x344, 0x3a0, 0x3b0, 0xb00,
                                        0xb02, 0xf11, 0xf12, 0xf13, 0xf14, 0x7a0, 0x7b0};
static const unsigned short s_csrs[] = {0x100, 0x104, 0x105, 0x106, 0x10a, 0x140,
                                        0x141, 0x142, 0x143, 0x144, 0x180};
#define CSR_SSCRATCH 0x140
#define CSR_STIMECMP 0x14d
#define CSR_CYCLE    0xc00

/* Hypervisor instructions (priv spec "Hypervisor Instructions"), rs1 = a0, rs2/rd = a1/a0:
 * HFENCE.VVMA, HFENCE.GVMA, HLV.B/BU/H/HU/W/WU/D, HLVX.HU/WU, HSV.B/H/W/D. */
static const uint32_t h_insns[] = {
        0x22b50073, 0x62b50073, 0x60054573, 0x60154573, 0x64054573,
        0x64154573, 0x68054573, 0x68154573, 0x6c054573, 0x64354573,
        0x68354573, 0x62b54073, 0x66b54073, 0x6ab54073, 0x6eb54073,
};
#define INSN_MRET       0x30200073u
#define INSN_SFENCE_VMA 0x12b50073u /* sfence.vma a0, a1 */
#define INSN_EBREAK     0x00100073u

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static unsigned long pick(struct rng *r, const unsigned long *v, unsigned n)
{
    return v[rng_below(r, n)];
}

/* In the UART's window: half the time a register's address (with a register per page, the
 * start of its page, where it is), else any byte of the window. */
static unsigned long uart_addr(struct rng *r, const struct platform *p)
{
    if (rng_below(r, 2))
        return p->uart_base + (rng_below(r, 8) << p->uart_shift);
    return p->uart_base + rng_below(r, p->uart_size);
}

/* An address: RAM edges, the device windows, holes, high bits, or anything. */
static unsigned long any_addr(struct rng *r, const struct platform *p)
{
    const unsigned long end = p->ram_base + p->ram_size;
    switch (rng_below(r, 10)) {
    case 0:
        return end - rng_below(r, 16);
    case 1:
        return end + rng_below(r, 0x10000000);
    case 2:
        return p->ram_base - 1 - rng_below(r, 16);
    case 3:
        return uart_addr(r, p);
    case 4:
        return PLIC_BASE + rng_below(r, PLIC_SIZE);
    case 5:
        return rng_below(r, 0x80000000UL);
    case 6:
        return 1UL << (41 + rng_below(r, 23)) | rng_below(r, 0x1000);
    case 7:
        return 0xfffffffffffff800UL + rng_below(r, 0x800);
    case 8:
        return p->ram_base + rng_below(r, p->ram_size);
    default:
        return rng_next(r);
    }
}

static unsigned long any_value(struct rng *r, const struct platform *p)
{
    static const unsigned long edges[] = {
            0, 1, 2, 3, 63, 64, 0x7fffffff, 0x80000000, 0xffffffff, 0x100000000UL, -2UL, -1UL};
    switch (rng_below(r, 4)) {
    case 0:
        return pick(r, edges, COUNT(edges));
    case 1:
        return any_addr(r, p);
    case 2:
        return rng_below(r, 0x1000);
    default:
        return rng_next(r);
    }
}

/* A hart mask and base (§3.1): mostly near the real harts, sometimes far off. */
static void hart_mask(struct rng *r, const struct platform *p, unsigned long *mask,
                      unsigned long *base)
{
    *mask = rng_below(r, 3) ? rng_below(r, 1UL << (p->nharts + 1)) : rng_next(r);
    *base = rng_below(r, 4) ? rng_below(r, p->nharts + 2) : rng_below(r, 2) ? -1UL : rng_next(r);
}

/* Buffers for DBCN: the dots (written: they print), the scratch buffer (read into), or
 * places that are not (all) RAM. A buffer in RAM is never anything else: it would print or
 * overwrite the guest. */
static void dbcn_buffer(struct rng *r, const struct platform *p, bool write, struct op *op)
{
    const unsigned long end = p->ram_base + p->ram_size;
    op->arg[2] = rng_below(r, 8) ? 0 : rng_next(r);
    switch (rng_below(r, 4)) {
    case 0:
        op->arg[0] = rng_below(r, DOTS_LEN + 1);
        op->arg[1] = write ? p->dots : p->scratch;
        break;
    case 1: /* runs past the end of RAM */
        op->arg[1] = end - 1 - rng_below(r, 64);
        op->arg[0] = end - op->arg[1] + 1 + rng_below(r, 64);
        break;
    case 2:
        op->arg[0] = rng_below(r, 2) ? -1UL : rng_below(r, 0x1000);
        op->arg[1] = any_addr(r, p);
        if (op->arg[1] >= p->ram_base && op->arg[1] < end && op->arg[0] <= end - op->arg[1])
            op->arg[0] = end - op->arg[1] + 1; /* would be all RAM: make it run past */
        break;
    default:
        op->arg[0] = rng_below(r, 0x100);
        op->arg[1] = rng_below(r, p->ram_base);
    }
}

static void gen_sbi(struct rng *r, const struct platform *p, struct op *op)
{
    op->kind = OP_SBI;
    for (unsigned i = 0; i < 6; i++)
        op->arg[i] = any_value(r, p);
    unsigned choice = (unsigned)rng_below(r, 20);
    if (choice < 12)
        op->eid = sbi_eids[choice % COUNT(sbi_eids)];
    else if (choice < 17)
        op->eid = rng_below(r, 8); /* legacy 0-7; 8 (shutdown) would end the run */
    else
        op->eid = rng_below(r, 2) ? pick(r, absent_eids, COUNT(absent_eids)) : rng_next(r);
    op->fid = rng_below(r, 10) ? rng_below(r, 9) : rng_next(r);

    switch (op->eid) {
    case SBI_BASE:
        if (op->fid == 3 && rng_below(r, 2))
            op->arg[0] = rng_below(r, 2) ? pick(r, sbi_eids, COUNT(sbi_eids))
                                         : pick(r, absent_eids, COUNT(absent_eids));
        break;
    case SBI_IPI:
    case SBI_RFENCE:
        hart_mask(r, p, &op->arg[0], &op->arg[1]);
        if (rng_below(r, 3) == 0) { /* ranges that reach or pass the top of the space */
            op->arg[2] = 0xfffffffffffff000UL + rng_below(r, 0x1000);
            op->arg[3] = rng_below(r, 0x2000);
        }
        break;
    case SBI_HSM:
        if (op->fid == 1)
            op->fid = 2; /* hart_stop of the only hart ends the run */
        if (op->fid <= 2 && rng_below(r, 2))
            op->arg[0] = rng_below(r, p->nharts + 2);
        if (op->fid == 0 && op->arg[0] < p->nharts)
            op->arg[0] = 0; /* never start another hart at a random address */
        if (op->fid == 3) {
            static const unsigned long types[] = {0,          1,          0x0fffffff,
                                                  0x10000000, 0x7fffffff, 0x80000000,
                                                  0x80000001, 0x90000000, 0xffffffff};
            op->arg[0] = rng_below(r, 4) ? pick(r, types, COUNT(types)) : rng_next(r);
            op->arg[1] = 0;
        }
        break;
    case SBI_SRST:
        if ((op->arg[0] & 0xffffffff) <= 2 && (op->arg[1] & 0xffffffff) <= 1)
            op->arg[1] = 2 + rng_below(r, 0xfffffffd); /* a valid pair resets the machine */
        break;
    case SBI_DBCN:
        if (op->fid <= 1)
            dbcn_buffer(r, p, op->fid == 0, op);
        else if (op->fid == 2)
            op->arg[0] = (rng_next(r) & ~0xffUL) | '.';
        break;
    case 1: /* legacy putchar */
        op->arg[0] = '.';
        break;
    case 4:
    case 5:
    case 6:
    case 7: /* legacy hart masks are pointers (§5.4-5.8) */
        op->arg[0] = rng_below(r, 3) == 0 ? 0 : rng_below(r, 2) ? p->mask_word : any_addr(r, p);
        if (op->arg[0] >= p->ram_base && op->arg[0] - p->ram_base < p->ram_size)
            op->arg[0] = p->mask_word; /* other RAM holds whatever mask happens to be there */
        op->arg[5] = rng_below(r, 2) ? rng_below(r, 1UL << (p->nharts + 1)) : rng_next(r);
        if (rng_below(r, 3) == 0) {
            op->arg[1] = 0xfffffffffffff000UL + rng_below(r, 0x1000);
            op->arg[2] = rng_below(r, 0x2000);
        }
        break;
    default:
        break;
    }
}

static unsigned any_width(struct rng *r)
{
    return 1u << rng_below(r, 4);
}

static void gen_mem(struct rng *r, const struct platform *p, struct op *op)
{
    const unsigned long end = p->ram_base + p->ram_size;
    op->kind = OP_MEM;
    op->value = any_value(r, p);
    unsigned what = (unsigned)rng_below(r, 20);
    if (what < 8) {
        op->cls = IC_LOAD;
        op->width = any_width(r);
        op->insn = enc_load(op->width, rng_below(r, 2));
    } else if (what < 14) {
        op->cls = IC_STORE;
        op->width = any_width(r);
        op->insn = enc_store(op->width);
    } else if (what < 17) {
        static const unsigned funct5[] = {AMO_SWAP, AMO_ADD, AMO_XOR, AMO_AND,
                                          AMO_OR,   AMO_MIN, AMO_MAXU};
        op->cls = IC_AMO;
        op->width = 4u << rng_below(r, 2);
        op->insn = enc_amo(op->width, funct5[rng_below(r, COUNT(funct5))]);
    } else {
        op->cls = what == 17 ? IC_LR : IC_SC;
        op->width = 4u << rng_below(r, 2);
        op->insn = enc_amo(op->width, what == 17 ? AMO_LR : AMO_SC);
    }
    if (op->width == 4 && (op->cls == IC_LOAD || op->cls == IC_STORE) && rng_below(r, 4) == 0)
        op->insn = op->cls == IC_LOAD ? enc_c_lw() : enc_c_sw();

    unsigned long misalign = rng_below(r, 3) == 0 ? rng_below(r, 8) : 0;
    switch (rng_below(r, 10)) {
    case 0:
    case 1:
    case 2:
        op->addr = uart_addr(r, p) & ~(unsigned long)(op->width - 1);
        break;
    case 3:
    case 4:
        op->addr = PLIC_BASE + (rng_below(r, PLIC_SIZE) & ~3UL);
        break;
    case 5: /* the last bytes of RAM and on into what follows */
        op->addr = end - 1 - rng_below(r, 8);
        misalign = 0;
        break;
    case 6: /* the guest's own scratch buffer: plain RAM */
        op->addr = p->scratch + 8 * rng_below(r, 8);
        break;
    default:
        op->addr = any_addr(r, p) & ~7UL;
        if (op->addr >= p->ram_base && op->addr < end)
            op->addr = end + (op->addr & 0xffff); /* never the guest's own RAM at random */
    }
    op->addr += misalign;
    /* A store to the UART's first register would print (THR, or DLL with DLAB set). */
    if (op->cls == IC_STORE && op->addr == p->uart_base)
        op->addr += op->width;
}

static void gen_insn(struct rng *r, const struct platform *p, struct op *op)
{
    op->kind = OP_INSN;
    op->addr = any_addr(r, p);
    op->value = any_value(r, p);
    bool write = rng_below(r, 2);
    switch (rng_below(r, 9)) {
    case 0:
    case 1: {
        unsigned csr = h_csrs[rng_below(r, COUNT(h_csrs))];
        op->cls = IC_CSR_H;
        op->insn = write ? enc_csr_write(csr) : enc_csr_read(csr);
        break;
    }
    case 2: {
        unsigned csr = m_csrs[rng_below(r, COUNT(m_csrs))];
        op->cls = IC_CSR_M;
        op->insn = write ? enc_csr_write(csr) : enc_csr_read(csr);
        break;
    }
    case 3:
        op->cls = write ? IC_CSR_SSCRATCH_WRITE : IC_CSR_S_READ;
        op->insn = write ? enc_csr_write(CSR_SSCRATCH)
                         : enc_csr_read(s_csrs[rng_below(r, COUNT(s_csrs))]);
        break;
    case 4:
        op->cls = IC_CSR_STIMECMP;
        op->insn = enc_csr_read(CSR_STIMECMP);
        break;
    case 5:
        op->cls = write ? IC_CSR_COUNTER_WRITE : IC_CSR_COUNTER_READ;
        op->insn = (write ? enc_csr_write : enc_csr_read)(CSR_CYCLE + (unsigned)rng_below(r, 32));
        break;
    case 6:
    case 7:
        op->cls = IC_H_INSN;
        op->insn = h_insns[rng_below(r, COUNT(h_insns))];
        break;
    default: {
        static const struct {
            enum insn_class cls;
            uint32_t insn;
        } other[] = {
                {IC_MRET, INSN_MRET}, {IC_SFENCE_VMA, INSN_SFENCE_VMA}, {IC_EBREAK, INSN_EBREAK}};
        unsigned i = (unsigned)rng_below(r, COUNT(other));
        op->cls = other[i].cls;
        op->insn = other[i].insn;
    }
    }
}

void gen_op(struct rng *r, const struct platform *p, struct op *op)
{
    *op = (struct op){0};
    unsigned k = (unsigned)rng_below(r, 100);
    if (k < 40) {
        gen_sbi(r, p, op);
    } else if (k < 70) {
        gen_mem(r, p, op);
    } else if (k < 75) {
        op->kind = OP_FETCH;
        op->addr = any_addr(r, p) & ~1UL;
        if (op->addr >= p->ram_base && op->addr < p->ram_base + p->ram_size)
            op->addr = p->ram_base + p->ram_size + (op->addr & 0xfffe); /* never its own code */
    } else if (k < 95) {
        gen_insn(r, p, op);
    } else {
        op->kind = OP_SATP;
        static const unsigned long modes[] = {1, 2, 3, 4, 5, 6, 7, 11, 12, 13, 14, 15};
        op->value = pick(r, modes, COUNT(modes)) << 60 | (rng_next(r) & ((1UL << 60) - 1));
    }
}

uint64_t op_hash(uint64_t h, const struct op *op)
{
    const unsigned long words[] = {op->kind,   op->eid,    op->fid,    op->arg[0], op->arg[1],
                                   op->arg[2], op->arg[3], op->arg[4], op->arg[5], op->addr,
                                   op->value,  op->insn,   op->cls,    op->width};
    for (unsigned i = 0; i < COUNT(words); i++)
        for (unsigned b = 0; b < 64; b += 8) {
            h ^= (words[i] >> b) & 0xff;
            h *= 0x100000001b3ULL; /* FNV-1a 64-bit prime */
        }
    return h;
}
