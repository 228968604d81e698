/*
 * The hostile guest's run: read the platform from the DTB, print the seed, perform OPS random
 * operations checking each answer, print the counts by outcome and a verdict, power off.
 */
#include "hostile.h"

#include "fdt/fdt.h"
#include "fmt.h"
#include "isa.h"
#include "string.h"

#define OPS          10000
#define DEFAULT_SEED 1
#define SHOWN_MAX    20 /* unexpected answers printed in full */

extern uint32_t slot[2];
extern unsigned long mask_word;
void exec_op(const struct op *op, struct result *r);

static uint64_t scratch[8 * 8 + 1] __attribute__((aligned(64)));
static const char dots[DOTS_LEN] = "................";
static struct tally tally;

static struct sbi_out {
    long error, value;
} sbi3(unsigned long eid, unsigned long fid, unsigned long a0, unsigned long a1)
{
    register unsigned long r0 __asm__("a0") = a0, r1 __asm__("a1") = a1;
    register unsigned long r6 __asm__("a6") = fid, r7 __asm__("a7") = eid;
    __asm__ volatile("ecall" : "+r"(r0), "+r"(r1) : "r"(r6), "r"(r7) : "memory");
    return (struct sbi_out){(long)r0, (long)r1};
}

struct line {
    char buf[256];
    unsigned n;
};

static void line_putc(void *ctx, char c)
{
    struct line *l = ctx;
    if (l->n < sizeof(l->buf) - 1)
        l->buf[l->n++] = c;
}

/* One console line through DBCN console_write (SBI §12.1), falling back to legacy putchar. */
static __attribute__((format(printf, 1, 2))) void say(const char *fmt, ...)
{
    static struct line l;
    va_list ap;
    l.n = 0;
    va_start(ap, fmt);
    fmt_vformat(line_putc, &l, fmt, ap);
    va_end(ap);
    l.buf[l.n++] = '\n';
    if (sbi3(0x4442434e, 0, l.n, (unsigned long)l.buf).error)
        for (unsigned i = 0; i < l.n; i++)
            sbi3(0x01, 0, (unsigned char)l.buf[i], 0);
}

static uint64_t parse_seed(const char *bootargs)
{
    const char *p = bootargs ? bootargs : "";
    uint64_t seed = DEFAULT_SEED;
    while ((p = strchr(p, 'h'))) {
        if (strncmp(p, "hext.seed=", 10) == 0 && (p == bootargs || p[-1] == ' ')) {
            seed = 0;
            for (p += 10; *p >= '0' && *p <= '9'; p++)
                seed = seed * 10 + (uint64_t)(*p - '0');
            return seed;
        }
        p++;
    }
    return seed;
}

static int read_platform(const void *fdt, struct platform *pf, uint64_t *seed)
{
    struct dt dt;
    if (dt_open(&dt, fdt, 0x10000))
        return -1;
    int mem = dt_next_device_type(&dt, -1, "memory");
    if (mem < 0 || dt_reg(&dt, mem, 0, &pf->ram_base, &pf->ram_size))
        return -1;
    int uart = dt_next_compatible(&dt, -1, "ns16550a");
    uint32_t shift = 0; /* 8250.yaml: absent means 0 */
    if (uart < 0 || dt_reg(&dt, uart, 0, &pf->uart_base, &pf->uart_size))
        return -1;
    dt_prop_u32(&dt, uart, "reg-shift", &shift);
    pf->uart_shift = shift;
    pf->uart_ro_page = shift >= 12 ? pf->uart_base + ((uint64_t)UART_LSR << shift) : 0;
    int cpus = dt_path(&dt, "/cpus");
    pf->nharts = 0;
    for (int c = dt_first_child(&dt, cpus); c >= 0; c = dt_next_sibling(&dt, c)) {
        const char *type = dt_prop_string(&dt, c, "device_type", 0);
        if (!type || strcmp(type, "cpu") != 0)
            continue;
        const char *isa = dt_prop_string(&dt, c, "riscv,isa", 0);
        if (!pf->nharts++)
            pf->sstc = isa && isa_has_ext(isa, "sstc");
    }
    int chosen = dt_path(&dt, "/chosen");
    *seed = parse_seed(chosen >= 0 ? dt_prop_string(&dt, chosen, "bootargs", 0) : 0);
    return pf->nharts ? 0 : -1;
}

static const char *kind_name(enum op_kind k)
{
    static const char *const names[OP_KINDS] = {"sbi", "mem", "fetch", "insn", "satp"};
    return names[k];
}

static void show(unsigned i, const struct op *op, const struct result *r, const char *why)
{
    if (op->kind == OP_SBI)
        say("unexpected #%u: sbi eid 0x%lx fid 0x%lx args 0x%lx 0x%lx 0x%lx 0x%lx 0x%lx 0x%lx: "
            "error %ld value 0x%lx%s: %s",
            i, op->eid, op->fid, op->arg[0], op->arg[1], op->arg[2], op->arg[3], op->arg[4],
            op->arg[5], r->error, (unsigned long)r->value, r->trapped ? " (trapped)" : "", why);
    else if (r->trapped)
        say("unexpected #%u: %s insn 0x%x addr 0x%lx value 0x%lx: trap cause %lu tval 0x%lx "
            "epc 0x%lx: %s",
            i, kind_name(op->kind), op->insn, op->addr, op->value, r->cause, r->tval, r->epc, why);
    else
        say("unexpected #%u: %s insn 0x%x addr 0x%lx value 0x%lx: no trap: %s", i,
            kind_name(op->kind), op->insn, op->addr, op->value, why);
}

void hostile_main(unsigned long hartid, const void *fdt)
{
    struct platform pf = {0};
    uint64_t seed = DEFAULT_SEED;
    struct rng rng;
    unsigned unexpected = 0;
    uint64_t hash = 0xcbf29ce484222325ULL; /* FNV-1a 64-bit offset basis */

    if (read_platform(fdt, &pf, &seed)) {
        say("hext-verdict: FAIL hostile guest: its device tree at %p is unusable", fdt);
        sbi3(0x53525354, 0, 0, 1);
        return;
    }
    pf.scratch = (uint64_t)(uintptr_t)scratch;
    pf.dots = (uint64_t)(uintptr_t)dots;
    pf.mask_word = (uint64_t)(uintptr_t)&mask_word;
    pf.slot = (uint64_t)(uintptr_t)slot;
    say("hext hostile guest on hart %lu: seed %llu (hext.seed=%llu reruns this run), %u "
        "operations, RAM 0x%llx+0x%llx, UART 0x%llx+0x%llx reg-shift %u, %u hart%s, sstc %s",
        hartid, (unsigned long long)seed, (unsigned long long)seed, OPS,
        (unsigned long long)pf.ram_base, (unsigned long long)pf.ram_size,
        (unsigned long long)pf.uart_base, (unsigned long long)pf.uart_size, pf.uart_shift,
        pf.nharts, pf.nharts == 1 ? "" : "s", pf.sstc ? "yes" : "no");

    rng_seed(&rng, seed);
    for (unsigned i = 0; i < OPS; i++) {
        struct op op;
        struct result r;
        const char *why = "";
        gen_op(&rng, &pf, &op);
        hash = op_hash(hash, &op);
        exec_op(&op, &r);
        tally_add(&tally, outcome_name(&op, &r));
        if (!oracle_check(&pf, &op, &r, &why) && unexpected++ < SHOWN_MAX)
            show(i, &op, &r, why);
    }
    say("%s", "");
    for (unsigned i = 0; i < tally.n; i++)
        say("hostile outcome %s: %lu", tally.name[i], tally.count[i]);
    say("hostile: %u operations, sequence hash 0x%llx (seed %llu)", OPS, (unsigned long long)hash,
        (unsigned long long)seed);
    say("hext-verdict: %s %u operations, %u unexpected, seed %llu", unexpected ? "FAIL" : "PASS",
        OPS, unexpected, (unsigned long long)seed);
    sbi3(0x53525354, 0, 0, unexpected ? 1 : 0); /* SRST shutdown; reason 1: system failure */
}
