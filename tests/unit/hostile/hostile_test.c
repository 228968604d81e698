/*
 * The hostile guest's pure parts (hypervisor/hostile/) on the host: every instruction it can
 * generate, disassembled by objdump, is of the class the oracle expects; a seed gives the same
 * run every time; no generated operation could end the guest's run or write its own code; and
 * the oracle gives the SBI and privileged specs' answers in cases read off the specs.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "hostile.h"

#define OBJDUMP "riscv64-linux-gnu-objdump"

/* The UART as hext.uart=packed and =paged put it in the guest's DTB (hypervisor/guest_fdt.c). */
#define UART_BASE 0x10000000UL
#define LSR_PAGE  (UART_BASE + 0x5000)

static const struct platform plat = {
        .ram_base = 0x80000000,
        .ram_size = 16 << 20,
        .uart_base = UART_BASE,
        .uart_size = 0x100,
        .nharts = 1,
        .sstc = true,
        .scratch = 0x80205000,
        .dots = 0x80204000,
        .mask_word = 0x80204100,
        .slot = 0x80206000,
};
static struct platform paged;

static int paged_setup(void **state)
{
    (void)state;
    paged = plat;
    paged.uart_size = 0x8000;
    paged.uart_shift = 12;
    paged.uart_ro_page = LSR_PAGE;
    return 0;
}

/* Mnemonic prefixes objdump prints for each class (GNU binutils, -M no-aliases). */
static const char *const class_mnemonics[][8] = {
        [IC_LOAD] = {"lb", "lh", "lw", "ld", "lbu", "lhu", "lwu", "c.lw"},
        [IC_STORE] = {"sb", "sh", "sw", "sd", "c.sw"},
        [IC_AMO] = {"amoswap.", "amoadd.", "amoxor.", "amoand.", "amoor.", "amomin.", "amomaxu."},
        [IC_LR] = {"lr.w", "lr.d"},
        [IC_SC] = {"sc.w", "sc.d"},
        [IC_CSR_H] = {"csrrs", "csrrw"},
        [IC_CSR_M] = {"csrrs", "csrrw"},
        [IC_CSR_S_READ] = {"csrrs"},
        [IC_CSR_SSCRATCH_WRITE] = {"csrrw"},
        [IC_CSR_STIMECMP] = {"csrrs"},
        [IC_CSR_COUNTER_READ] = {"csrrs"},
        [IC_CSR_COUNTER_WRITE] = {"csrrw"},
        [IC_H_INSN] = {"hfence.vvma", "hfence.gvma", "hlv.", "hlvx.", "hsv."},
        [IC_MRET] = {"mret"},
        [IC_SFENCE_VMA] = {"sfence.vma"},
        [IC_EBREAK] = {"ebreak"},
};

static bool mnemonic_fits(enum insn_class c, const char *m)
{
    for (unsigned i = 0; i < 8 && class_mnemonics[c][i]; i++) {
        const char *want = class_mnemonics[c][i];
        size_t n = strlen(want);
        if (want[n - 1] == '.' ? strncmp(m, want, n) == 0 : strcmp(m, want) == 0)
            return true;
    }
    return false;
}

/* GNU as places each word with .insn under an ISA attribute that includes H; objdump -d then
 * prints one line per word, in order: "   4:\t30200073   \tmret". */
static void disassemble(const uint32_t *words, unsigned n, char mnemonics[][32])
{
    char src[] = "/tmp/hext-hostile-XXXXXX", cmd[512], line[256];
    int fd = mkstemp(src);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fprintf(f, ".attribute arch, \"rv64imafdch_zicsr_zifencei\"\n.text\n");
    for (unsigned i = 0; i < n; i++)
        fprintf(f, ".insn %d, 0x%x\n", insn_compressed(words[i]) ? 2 : 4, words[i]);
    fclose(f);
    snprintf(cmd, sizeof(cmd),
             "riscv64-linux-gnu-as -o %s.o %s && " OBJDUMP " -d -M no-aliases,numeric %s.o", src,
             src, src);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    unsigned got = 0;
    while (fgets(line, sizeof(line), p)) {
        char *colon = strchr(line, ':'), *t;
        if (!colon || colon[1] != '\t' || !(t = strchr(colon + 2, '\t')) || got == n)
            continue;
        snprintf(mnemonics[got++], 32, "%s", strtok(t + 1, " \t\n"));
    }
    assert_int_equal(pclose(p), 0);
    assert_int_equal(got, n);
    remove(src);
    snprintf(line, sizeof(line), "%s.o", src);
    remove(line);
}

static void test_encodings_match_objdump(void **state)
{
    struct rng r;
    static uint32_t words[512];
    static enum insn_class cls[512];
    static char mnemonics[512][32];
    unsigned n = 0;
    (void)state;
    rng_seed(&r, 7);
    for (unsigned i = 0; i < 100000 && n < 512; i++) {
        struct op op;
        gen_op(&r, &plat, &op);
        if (op.kind != OP_MEM && op.kind != OP_INSN)
            continue;
        bool dup = false;
        for (unsigned k = 0; k < n && !dup; k++)
            dup = words[k] == op.insn;
        if (!dup) {
            words[n] = op.insn;
            cls[n++] = op.cls;
        }
    }
    disassemble(words, n, mnemonics);
    for (unsigned i = 0; i < n; i++)
        if (!mnemonic_fits(cls[i], mnemonics[i]))
            fail_msg("0x%08x: objdump says %s, class %d", words[i], mnemonics[i], cls[i]);
    print_message("# %u distinct instructions checked\n", n);
    assert_true(n > 150);
}

static uint64_t run_hash(uint64_t seed, unsigned n)
{
    struct rng r;
    uint64_t h = 0xcbf29ce484222325ULL;
    rng_seed(&r, seed);
    for (unsigned i = 0; i < n; i++) {
        struct op op;
        gen_op(&r, &plat, &op);
        h = op_hash(h, &op);
    }
    return h;
}

static void test_seed_reproduces(void **state)
{
    (void)state;
    assert_int_equal(run_hash(1, 10000), run_hash(1, 10000));
    assert_int_equal(run_hash(12345, 10000), run_hash(12345, 10000));
    assert_true(run_hash(1, 10000) != run_hash(2, 10000));
}

static bool in_ram(unsigned long a)
{
    return a >= plat.ram_base && a - plat.ram_base < plat.ram_size;
}

/* What gen_op promises (hostile.h), over many operations and seeds, with either UART layout;
 * and it reaches the registers of both. */
static void test_never_ends_the_run(void **state)
{
    unsigned kinds[OP_KINDS] = {0}, uart_regs[2][8] = {{0}};
    (void)state;
    for (uint64_t seed = 1; seed <= 40; seed++) {
        const struct platform *pf = seed & 1 ? &plat : &paged;
        struct rng r;
        rng_seed(&r, seed);
        for (unsigned i = 0; i < 20000; i++) {
            struct op op;
            gen_op(&r, pf, &op);
            unsigned long off = op.addr - pf->uart_base;
            if (op.kind == OP_MEM && off < pf->uart_size && !(off & ((1UL << pf->uart_shift) - 1)))
                uart_regs[pf == &paged][off >> pf->uart_shift & 7]++;
            kinds[op.kind]++;
            const unsigned long *a = op.arg;
            if (op.kind == OP_SBI) {
                assert_true(op.eid != 8);                        /* legacy shutdown */
                assert_false(op.eid == 0x48534d && op.fid == 1); /* HSM hart_stop */
                if (op.eid == 0x48534d && op.fid == 0)
                    assert_true(a[0] == 0 || a[0] >= plat.nharts);
                if (op.eid == 0x53525354 && op.fid == 0)
                    assert_false((a[0] & 0xffffffff) <= 2 && (a[1] & 0xffffffff) <= 1);
                if (op.eid == 1)
                    assert_int_equal(a[0], '.');
                if (op.eid == 0x4442434e && op.fid == 2)
                    assert_int_equal(a[0] & 0xff, '.');
                if (op.eid == 0x4442434e && op.fid <= 1 && !a[2] && in_ram(a[1]) &&
                    a[0] <= plat.ram_base + plat.ram_size - a[1]) {
                    assert_int_equal(a[1], op.fid == 0 ? plat.dots : plat.scratch);
                    assert_true(a[0] <= DOTS_LEN);
                }
            }
            if (op.kind == OP_MEM && in_ram(op.addr))
                assert_true((op.addr >= plat.scratch && op.addr < plat.scratch + 72) ||
                            op.addr >= plat.ram_base + plat.ram_size - 8);
            if (op.kind == OP_MEM && op.cls == IC_STORE)
                assert_true(op.addr != pf->uart_base);
            if (op.kind == OP_FETCH)
                assert_false(in_ram(op.addr));
        }
    }
    for (unsigned k = 0; k < OP_KINDS; k++)
        assert_true(kinds[k] > 1000);
    for (unsigned l = 0; l < 2; l++)
        for (unsigned reg = 0; reg < 8; reg++)
            assert_true(uart_regs[l][reg] > 100);
}

static struct result sbi_result(long error, long value)
{
    return (struct result){.error = error, .value = value, .regs_kept = true};
}

static bool sbi_ok(unsigned long eid, unsigned long fid, const unsigned long args[6], long error,
                   long value)
{
    struct op op = {.kind = OP_SBI, .eid = eid, .fid = fid};
    memcpy(op.arg, args, sizeof(op.arg));
    struct result r = sbi_result(error, value);
    const char *why;
    return oracle_check(&plat, &op, &r, &why);
}

/* Cases read off SBI spec v2.0. */
static void test_oracle_sbi(void **state)
{
    (void)state;
    const unsigned long wrap[6] = {1, 0, -4096UL, 8192};
    const unsigned long top[6] = {1, 0, 0xfffffffffffff800UL, 0x700};
    assert_true(sbi_ok(0x52464e43, 1, wrap, -5, 0)); /* §8.2: past 2^64 is invalid */
    assert_false(sbi_ok(0x52464e43, 1, wrap, 0, 0));
    assert_true(sbi_ok(0x52464e43, 1, top, 0, 0));
    assert_false(sbi_ok(0x52464e43, 1, top, -5, 0));
    const unsigned long bad_mask[6] = {2, 0};
    assert_true(sbi_ok(0x735049, 0, bad_mask, -3, 0));   /* §3.1: hart 1 does not exist */
    assert_true(sbi_ok(0x52464e43, 5, bad_mask, -2, 0)); /* §8.6: no H in the guest ... */
    assert_true(sbi_ok(0x52464e43, 5, bad_mask, -3, 0)); /* ... or the mask: either */
    const unsigned long platform_suspend[6] = {0x10000000};
    assert_true(sbi_ok(0x48534d, 3, platform_suspend, -3, 0)); /* §9.4 error table */
    assert_false(sbi_ok(0x48534d, 3, platform_suspend, -2, 0));
    const unsigned long vendor_reset[6] = {0xf0000000, 0};
    assert_true(sbi_ok(0x53525354, 0, vendor_reset, -3, 0)); /* §10.1 error table */
    const unsigned long status0[6] = {0};
    assert_true(sbi_ok(0x48534d, 2, status0, 0, 0)); /* the caller is STARTED */
    assert_false(sbi_ok(0x48534d, 2, status0, 0, 1));
    const unsigned long probe_dbcn[6] = {0x4442434e}, probe_pmu[6] = {0x504d55};
    assert_true(sbi_ok(0x10, 3, probe_dbcn, 0, 1));
    assert_false(sbi_ok(0x10, 3, probe_pmu, 0, 1));
    const unsigned long past_ram[6] = {8, 0x80fffffc, 0};
    assert_true(sbi_ok(0x4442434e, 0, past_ram, -3, 0)); /* §3.1.2: not all memory */
    assert_false(sbi_ok(0x4442434e, 0, past_ram, 0, 4));
    assert_true(sbi_ok(0x777777, 0, status0, -2, 0));
    /* §3: a2-a7 are the caller's after the call. */
    struct op op = {.kind = OP_SBI, .eid = 0x10, .fid = 0};
    struct result r = sbi_result(0, 0x02000000);
    const char *why;
    r.regs_kept = false;
    assert_false(oracle_check(&plat, &op, &r, &why));
}

static bool trap_ok_on(const struct platform *p, struct op op, bool trapped, unsigned long cause,
                       unsigned long tval, unsigned long epc)
{
    struct result r = {.trapped = trapped, .cause = cause, .tval = tval, .epc = epc};
    const char *why;
    return oracle_check(p, &op, &r, &why);
}

static bool trap_ok(struct op op, bool trapped, unsigned long cause, unsigned long tval,
                    unsigned long epc)
{
    return trap_ok_on(&plat, op, trapped, cause, tval, epc);
}

/* Cases read off the privileged spec (and the guest's platform: where the devices are). */
static void test_oracle_traps(void **state)
{
    (void)state;
    struct op lb = {.kind = OP_MEM, .cls = IC_LOAD, .width = 1, .addr = UART_BASE + 5};
    assert_true(trap_ok(lb, false, 0, 0, 0));
    lb.addr = 0x40000000; /* a hole: load access fault at the instruction, stval the address */
    assert_true(trap_ok(lb, true, 5, 0x40000000, plat.slot));
    assert_false(trap_ok(lb, true, 5, 0x40000000, plat.slot + 4));
    assert_false(trap_ok(lb, true, 13, 0x40000000, plat.slot));
    assert_false(trap_ok(lb, false, 0, 0, 0));
    struct op lh = {.kind = OP_MEM, .cls = IC_LOAD, .width = 2, .addr = UART_BASE + 7};
    assert_true(trap_ok(lh, true, 4, UART_BASE + 7, plat.slot)); /* misaligned: either */
    assert_true(trap_ok(lh, true, 5, UART_BASE + 7, plat.slot));
    assert_false(trap_ok(lh, false, 0, 0, 0));
    struct op amo = {.kind = OP_MEM, .cls = IC_AMO, .width = 4, .addr = PLIC_BASE + 4};
    assert_true(trap_ok(amo, true, 7, PLIC_BASE + 4, plat.slot));
    struct op hlv = {.kind = OP_INSN, .cls = IC_H_INSN, .insn = 0x6c054573};
    assert_true(trap_ok(hlv, true, 2, 0x6c054573, plat.slot));
    assert_true(trap_ok(hlv, true, 2, 0, plat.slot));
    assert_false(trap_ok(hlv, true, 2, 0x64302573, plat.slot)); /* another instruction's bits */
    assert_false(trap_ok(hlv, true, 22, 0, plat.slot)); /* the guest has no H: never cause 22 */
    struct op fetch = {.kind = OP_FETCH, .addr = 0x40000100};
    assert_true(trap_ok(fetch, true, 1, 0x40000100, 0x40000100));
    struct op satp = {.kind = OP_SATP, .value = 1UL << 60};
    struct result r = {.satp_before = 0, .satp_after = 0};
    const char *why;
    assert_true(oracle_check(&plat, &satp, &r, &why));
    r.satp_after = 1UL << 60;
    assert_false(oracle_check(&plat, &satp, &r, &why));
}

/* hext.uart=paged: the LSR's page is read-only memory, the other pages a device window whose
 * registers are at page offset 0; the packed layout has no memory there (a hole). */
static void test_oracle_paged_uart(void **state)
{
    (void)state;
    struct op ld = {.kind = OP_MEM, .cls = IC_LOAD, .width = 8, .addr = LSR_PAGE + 0x10};
    assert_true(trap_ok_on(&paged, ld, false, 0, 0, 0));
    assert_false(trap_ok_on(&paged, ld, true, 5, ld.addr, paged.slot));
    assert_false(trap_ok_on(&plat, ld, false, 0, 0, 0)); /* packed: a hole */
    assert_true(trap_ok_on(&plat, ld, true, 5, ld.addr, plat.slot));
    ld.addr = LSR_PAGE + 3; /* misaligned in memory: completes, or either exception */
    assert_true(trap_ok_on(&paged, ld, false, 0, 0, 0));
    assert_true(trap_ok_on(&paged, ld, true, 4, ld.addr, paged.slot));
    assert_true(trap_ok_on(&paged, ld, true, 5, ld.addr, paged.slot));
    ld.addr = LSR_PAGE + 0xffc; /* into the MSR's page, a device: no longer only memory */
    assert_false(trap_ok_on(&paged, ld, false, 0, 0, 0));
    assert_true(trap_ok_on(&paged, ld, true, 5, LSR_PAGE + 0x1000, paged.slot));
    struct op lr = {.kind = OP_MEM, .cls = IC_LR, .width = 4, .addr = LSR_PAGE};
    assert_true(trap_ok_on(&paged, lr, false, 0, 0, 0));
    assert_true(trap_ok_on(&paged, lr, true, 5, lr.addr, paged.slot));
    lr.addr += 2; /* a misaligned LR never completes (unprivileged spec, "A") */
    assert_false(trap_ok_on(&paged, lr, false, 0, 0, 0));
    struct op sw = {.kind = OP_MEM, .cls = IC_STORE, .width = 4, .addr = LSR_PAGE};
    assert_true(trap_ok_on(&paged, sw, false, 0, 0, 0)); /* emulated, ignored */
    sw.addr += 2;
    assert_false(trap_ok_on(&paged, sw, false, 0, 0, 0));
    assert_true(trap_ok_on(&paged, sw, true, 7, sw.addr, paged.slot));
    struct op amo = {.kind = OP_MEM, .cls = IC_AMO, .width = 4, .addr = LSR_PAGE};
    assert_false(trap_ok_on(&paged, amo, false, 0, 0, 0));
    assert_true(trap_ok_on(&paged, amo, true, 7, amo.addr, paged.slot));
    struct op lb = {.kind = OP_MEM, .cls = IC_LOAD, .width = 1, .addr = UART_BASE + 0x7000};
    assert_true(trap_ok_on(&paged, lb, false, 0, 0, 0)); /* SCR */
    assert_false(trap_ok_on(&plat, lb, false, 0, 0, 0));
    lb.addr = UART_BASE + 0x7abc; /* in the window past SCR: reads 0 */
    assert_true(trap_ok_on(&paged, lb, false, 0, 0, 0));
    lb.addr = UART_BASE + 0x8000;
    assert_false(trap_ok_on(&paged, lb, false, 0, 0, 0));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_encodings_match_objdump),
            cmocka_unit_test(test_seed_reproduces),
            cmocka_unit_test_setup(test_never_ends_the_run, paged_setup),
            cmocka_unit_test(test_oracle_sbi),
            cmocka_unit_test(test_oracle_traps),
            cmocka_unit_test_setup(test_oracle_paged_uart, paged_setup),
    };
    return cmocka_run_group_tests_name("hostile guest", tests, NULL, NULL);
}
