/*
 * The hostile guest (README.md in this folder): a bare-metal VS-mode program that makes random
 * SBI calls, device accesses, accesses and fetches outside its RAM, CSR accesses and
 * hypervisor-only instructions, and checks every answer against the SBI and privileged specs.
 *
 * Pure parts, compiled for the host tests too: the random generator (gen.c), instruction
 * encodings (encode.c), the expected answers (oracle.c), outcome names and counts (tally.c).
 * The target-only parts carry an operation out (exec.c, start.S) and drive the run (main.c).
 */
#ifndef HEXT_HOSTILE_H
#define HEXT_HOSTILE_H

#include <stdbool.h>
#include <stdint.h>

/* What the guest knows of its platform (from its DTB, main.c). */
struct platform {
    uint64_t ram_base, ram_size;
    /* The ns16550a: register n at uart_base + (n << uart_shift) in a window of uart_size
     * (its reg and reg-shift); with a register per page or more (hext.uart=paged) the
     * hypervisor maps the LSR's page, [uart_ro_page, + 4 KiB), read-only onto a copy of LSR
     * (hypervisor/README.md); 0: no such page. */
    uint64_t uart_base, uart_size, uart_ro_page;
    unsigned uart_shift;
    unsigned nharts;
    bool sstc;          /* riscv,isa lists sstc: stimecmp is the guest's */
    uint64_t scratch;   /* a RAM buffer the guest's own accesses may use (main.c) */
    uint64_t dots;      /* DOTS_LEN bytes of '.' for console writes */
    uint64_t mask_word; /* a RAM word legacy hart-mask pointers point at */
    uint64_t slot;      /* where exec.c puts the instruction it runs */
};
#define DOTS_LEN 16

/* Where the PLIC is (the hypervisor's guest platform, hypervisor/guest_fdt.h); the UART comes
 * from the DTB. */
#define UART_LSR  5
#define PAGE_SIZE 0x1000UL
#define PLIC_BASE 0x0c000000UL
#define PLIC_SIZE 0x4000000UL

/* xorshift64* (Vigna, "An experimental exploration of Marsaglia's xorshift generators"). */
struct rng {
    uint64_t s;
};
void rng_seed(struct rng *r, uint64_t seed);
uint64_t rng_next(struct rng *r);
uint64_t rng_below(struct rng *r, uint64_t n); /* 0..n-1; n > 0 */

enum op_kind {
    OP_SBI,   /* ecall: eid, fid, args */
    OP_MEM,   /* one load/store/AMO/LR/SC instruction (insn) on addr with a1 = value */
    OP_FETCH, /* a jump to addr */
    OP_INSN,  /* one CSR access or privileged instruction (insn), a0 = addr, a1 = value */
    OP_SATP,  /* satp written with an unsupported MODE: the write must have no effect */
    OP_KINDS
};

/* Instruction classes the oracle tells apart. */
enum insn_class {
    IC_LOAD,
    IC_STORE,
    IC_AMO,
    IC_LR,
    IC_SC,
    IC_CSR_H,      /* hypervisor or VS CSR: absent for the guest (no H) */
    IC_CSR_M,      /* machine-level CSR */
    IC_CSR_S_READ, /* a supervisor CSR read: the guest's own */
    IC_CSR_SSCRATCH_WRITE,
    IC_CSR_STIMECMP, /* read: the guest's only with Sstc */
    IC_CSR_COUNTER_READ,
    IC_CSR_COUNTER_WRITE, /* counters are read-only */
    IC_H_INSN,            /* HFENCE.*, HLV.*, HLVX.*, HSV.* */
    IC_MRET,
    IC_SFENCE_VMA,
    IC_EBREAK,
};

struct op {
    enum op_kind kind;
    unsigned long eid, fid, arg[6]; /* OP_SBI */
    unsigned long addr, value;      /* OP_MEM, OP_FETCH, OP_INSN (a0, a1) */
    uint32_t insn;                  /* OP_MEM, OP_INSN: the encoding (16 bits if compressed) */
    enum insn_class cls;
    unsigned width; /* OP_MEM: bytes accessed */
};

/* What happened: a trap (cause, tval, epc), or for an ecall a0/a1, and whether the callee kept
 * a2-a7 (SBI spec §3: everything but a0/a1 is preserved). */
struct result {
    bool trapped;
    unsigned long cause, tval, epc;
    long error, value;
    bool regs_kept;
    unsigned long satp_before, satp_after; /* OP_SATP */
};

/* The generator: one operation from r, never one that would legitimately end this guest's
 * run (SRST with a valid type and reason, HSM hart_stop of its only hart, legacy shutdown),
 * print on its console anything but '.', or write its own code. */
void gen_op(struct rng *r, const struct platform *p, struct op *op);

/* Encodings (unprivileged and privileged specs; a0 = x10 is rs1/rd, a1 = x11 is rs2). */
uint32_t enc_load(unsigned width, bool is_unsigned);
uint32_t enc_store(unsigned width);
uint32_t enc_amo(unsigned width, unsigned funct5);
uint32_t enc_csr_read(unsigned csr);  /* csrrs a0, csr, x0 */
uint32_t enc_csr_write(unsigned csr); /* csrrw a0, csr, a1 */
uint16_t enc_c_lw(void);              /* c.lw a1, 0(a0) */
uint16_t enc_c_sw(void);              /* c.sw a1, 0(a0) */
bool insn_compressed(uint32_t insn);
#define AMO_LR   0x02
#define AMO_SC   0x03
#define AMO_SWAP 0x01
#define AMO_ADD  0x00
#define AMO_XOR  0x04
#define AMO_AND  0x0c
#define AMO_OR   0x08
#define AMO_MIN  0x10
#define AMO_MAXU 0x1c

/* Whether r is an answer the specs allow for op on p; *why names the expectation broken. */
bool oracle_check(const struct platform *p, const struct op *op, const struct result *r,
                  const char **why);

/* Outcome counts, by a short name ("sbi SUCCESS", "load access fault", "completed"). */
#define TALLY_MAX 48
struct tally {
    const char *name[TALLY_MAX];
    unsigned long count[TALLY_MAX];
    unsigned n;
};
const char *outcome_name(const struct op *op, const struct result *r);
void tally_add(struct tally *t, const char *name);

/* FNV-1a over the operation's defining fields: equal seeds give equal running hashes. */
uint64_t op_hash(uint64_t h, const struct op *op);

#endif
