/*
 * MMIO load/store decoder, checked against GNU as/objdump: gen-insns.sh's instructions are
 * assembled twice (with RVC, and with .option norvc for the 32-bit equivalents) and every word
 * objdump prints is decoded and compared with objdump's mnemonic and operands.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "insn/insn.h"

#ifndef TEST_DATA_DIR
#error "TEST_DATA_DIR must name the folder holding the objdump listings"
#endif
#ifndef OBJDUMP
#define OBJDUMP "riscv64-linux-gnu-objdump"
#endif

struct line {
    uint32_t word;
    unsigned len;
    char mnemonic[32];
    char operands[64];
};

struct listing {
    struct line *lines;
    size_t n;
};

/* Parses objdump -d lines such as "   4:\t40c8     \tc.lw\tx10,4(x9)". */
static struct listing parse_listing(FILE *f)
{
    char buf[256];
    struct listing l = {0};
    size_t cap = 0;

    while (fgets(buf, sizeof(buf), f)) {
        char *tab1 = strchr(buf, '\t'), *tab2, *tab3, *end;
        struct line *ln;

        if (!tab1 || tab1 == buf || tab1[-1] != ':')
            continue;
        tab2 = strchr(tab1 + 1, '\t');
        if (!tab2)
            continue;
        if (l.n == cap) {
            cap = cap ? 2 * cap : 1024;
            l.lines = realloc(l.lines, cap * sizeof(*l.lines));
            assert_non_null(l.lines);
        }
        ln = &l.lines[l.n++];
        memset(ln, 0, sizeof(*ln));
        ln->word = (uint32_t)strtoul(tab1 + 1, &end, 16);
        ln->len = (unsigned)(end - (tab1 + 1)) / 2;
        tab3 = strchr(tab2 + 1, '\t');
        if (tab3)
            *tab3 = '\0';
        snprintf(ln->mnemonic, sizeof(ln->mnemonic), "%s", strtok(tab2 + 1, " \n"));
        if (tab3)
            snprintf(ln->operands, sizeof(ln->operands), "%s", strtok(tab3 + 1, " \n"));
    }
    assert_true(l.n > 0);
    return l;
}

static struct listing load_listing(const char *name)
{
    char path[512];
    struct listing l;
    FILE *f;

    snprintf(path, sizeof(path), "%s/%s", TEST_DATA_DIR, name);
    f = fopen(path, "r");
    if (!f)
        fail_msg("cannot open %s", path);
    l = parse_listing(f);
    fclose(f);
    return l;
}

/* objdump's listing of raw instruction words (len bytes each, little-endian). */
static struct listing disassemble(const uint32_t *words, size_t n, unsigned len)
{
    char path[] = "/tmp/hext-insn-test-XXXXXX";
    char cmd[512];
    struct listing l;
    FILE *f, *p;
    int fd = mkstemp(path);
    size_t i;

    assert_true(fd >= 0);
    f = fdopen(fd, "wb");
    for (i = 0; i < n; i++) {
        uint8_t b[4] = {(uint8_t)words[i], (uint8_t)(words[i] >> 8), (uint8_t)(words[i] >> 16),
                        (uint8_t)(words[i] >> 24)};

        assert_int_equal(fwrite(b, 1, len, f), len);
    }
    fclose(f);
    snprintf(cmd, sizeof(cmd), "%s -D -b binary -m riscv:rv64 -M no-aliases,numeric '%s'", OBJDUMP,
             path);
    p = popen(cmd, "r");
    assert_non_null(p);
    l = parse_listing(p);
    assert_int_equal(pclose(p), 0);
    remove(path);
    assert_int_equal(l.n, n);
    return l;
}

struct expect {
    const char *mnemonic;
    bool store;
    unsigned width;
    bool sign;
    bool fp;
};

/* From the unprivileged spec's instruction descriptions, keyed by objdump's mnemonic. */
static const struct expect table[] = {
        {"lb", false, 1, true, false},      {"lh", false, 2, true, false},
        {"lw", false, 4, true, false},      {"ld", false, 8, false, false},
        {"lbu", false, 1, false, false},    {"lhu", false, 2, false, false},
        {"lwu", false, 4, false, false},    {"sb", true, 1, false, false},
        {"sh", true, 2, false, false},      {"sw", true, 4, false, false},
        {"sd", true, 8, false, false},      {"flw", false, 4, false, true},
        {"fld", false, 8, false, true},     {"fsw", true, 4, false, true},
        {"fsd", true, 8, false, true},      {"c.lw", false, 4, true, false},
        {"c.ld", false, 8, false, false},   {"c.sw", true, 4, false, false},
        {"c.sd", true, 8, false, false},    {"c.lwsp", false, 4, true, false},
        {"c.ldsp", false, 8, false, false}, {"c.swsp", true, 4, false, false},
        {"c.sdsp", true, 8, false, false},  {"c.fld", false, 8, false, true},
        {"c.fsd", true, 8, false, true},    {"c.fldsp", false, 8, false, true},
        {"c.fsdsp", true, 8, false, true},
};

static const struct expect *lookup(const char *mnemonic)
{
    size_t i;

    for (i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
        if (!strcmp(table[i].mnemonic, mnemonic))
            return &table[i];
    }
    return NULL;
}

/* First operand: "x10,4(x9)" -> 10 (rd of a load, rs2 of a store). */
static unsigned first_reg(const struct line *ln, bool fp)
{
    assert_int_equal(ln->operands[0], fp ? 'f' : 'x');
    return (unsigned)strtoul(ln->operands + 1, NULL, 10);
}

/* The address operand: "x10,-4(x9)" -> offset -4, base 9. */
static void address_operand(const struct line *ln, long *offset, unsigned *base)
{
    const char *comma = strchr(ln->operands, ',');
    char *paren;
    assert_non_null(comma);
    *offset = strtol(comma + 1, &paren, 10);
    assert_true(paren[0] == '(' && paren[1] == 'x');
    *base = (unsigned)strtoul(paren + 2, NULL, 10);
}

static void check_line(const struct line *ln)
{
    const struct expect *e = lookup(ln->mnemonic);
    struct mmio_insn in;
    bool ok = insn_decode_mmio(ln->word, &in);

    if (!e) {
        if (ok)
            fail_msg("%08x %s %s decoded as a load/store", ln->word, ln->mnemonic, ln->operands);
        return;
    }
    if (!ok)
        fail_msg("%08x %s %s not decoded", ln->word, ln->mnemonic, ln->operands);
    assert_int_equal(in.len, ln->len);
    assert_int_equal(in.len, strncmp(ln->mnemonic, "c.", 2) ? 4 : 2);
    assert_int_equal(insn_length(ln->word), ln->len);
    assert_int_equal(in.is_store, e->store);
    assert_int_equal(in.width, e->width);
    assert_int_equal(in.sign_extend, e->sign);
    assert_int_equal(in.is_fp, e->fp);
    assert_int_equal(in.reg, first_reg(ln, e->fp));
    long offset;
    unsigned base;
    address_operand(ln, &offset, &base);
    if (in.offset != offset || in.base != base)
        fail_msg("%08x %s %s: decoded offset %d base x%u", ln->word, ln->mnemonic, ln->operands,
                 in.offset, in.base);
}

static void test_decode_matches_objdump(void **state)
{
    struct listing l = load_listing("insns-loads-rvc.dump");
    size_t i, compressed = 0;

    (void)state;
    for (i = 0; i < l.n; i++) {
        check_line(&l.lines[i]);
        compressed += l.lines[i].len == 2;
    }
    print_message("# %zu loads/stores, %zu compressed\n", l.n, compressed);
    assert_true(compressed > 1000); /* the listing really exercises RVC */
    free(l.lines);
}

static void test_decode_32bit_equivalents(void **state)
{
    struct listing l = load_listing("insns-loads-norvc.dump");
    size_t i;

    (void)state;
    for (i = 0; i < l.n; i++) {
        assert_int_equal(l.lines[i].len, 4);
        check_line(&l.lines[i]);
    }
    free(l.lines);
}

static void test_rejects_other_instructions(void **state)
{
    struct listing l = load_listing("insns-others.dump");
    size_t i;

    (void)state;
    for (i = 0; i < l.n; i++) {
        assert_null(lookup(l.lines[i].mnemonic));
        check_line(&l.lines[i]);
    }
    free(l.lines);
}

/* Every 16-bit encoding (bits 1:0 != 11), decoded by us and by objdump. */
static void test_all_compressed_encodings(void **state)
{
    uint32_t *words = malloc(49152 * sizeof(*words));
    struct listing l;
    size_t i, n = 0, accepted = 0;
    struct mmio_insn in;

    (void)state;
    for (i = 0; i < 65536; i++) {
        if ((i & 3) != 3)
            words[n++] = (uint32_t)i;
    }
    l = disassemble(words, n, 2);
    for (i = 0; i < l.n; i++) {
        assert_int_equal(l.lines[i].word, words[i]);
        check_line(&l.lines[i]);
        accepted += insn_decode_mmio(words[i], &in);
    }
    print_message("# %zu of %zu compressed encodings are loads/stores\n", accepted, n);
    free(l.lines);
    free(words);
}

/* Every 32-bit major opcode and funct3, with pseudo-random other bits. */
static void test_sweep_32bit_opcodes(void **state)
{
    uint32_t words[32 * 8 * 8];
    uint32_t seed = 1;
    struct listing l;
    size_t i, n = 0;
    unsigned op, f3, k;

    (void)state;
    for (op = 0; op < 32; op++) {
        if ((op & 7) == 7) /* bits 4:2 = 111: longer than 32 bits */
            continue;
        for (f3 = 0; f3 < 8; f3++) {
            for (k = 0; k < 8; k++) {
                seed = seed * 1103515245 + 12345;
                words[n++] = (seed & 0xffff8f80U) | f3 << 12 | op << 2 | 3;
            }
        }
    }
    l = disassemble(words, n, 4);
    for (i = 0; i < l.n; i++) {
        assert_int_equal(l.lines[i].word, words[i]);
        check_line(&l.lines[i]);
    }
    free(l.lines);
}

/* Reserved encodings the assembler refuses to emit. */
static void test_rejects_reserved(void **state)
{
    static const uint32_t words[] = {
            0x0000,     /* all-zero 16-bit: defined illegal (RVC chapter) */
            0x4002,     /* C.LWSP with rd = x0: reserved */
            0x6002,     /* C.LDSP with rd = x0: reserved */
            0x8000,     /* quadrant 0 funct3 100: reserved (Zcb not supported) */
            0x00007003, /* LOAD funct3 111: reserved */
            0x00004023, /* STORE funct3 100 */
            0x00001007, /* LOAD-FP funct3 001 (FLH): not decoded */
            0x0000001f, /* 48-bit encoding */
            0x0000007f, /* 64-bit encoding */
    };
    struct mmio_insn in;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
        if (insn_decode_mmio(words[i], &in))
            fail_msg("%08x decoded", words[i]);
    }
}

/*
 * The transformation (privileged spec, "Transformed Instruction or Pseudoinstruction for
 * mtinst or htinst"): loads keep funct3/rd/opcode and zero imm[11:0]; stores keep
 * rs2/funct3/opcode and zero both immediate fields; rs1 becomes the address offset (nonzero
 * only for misaligned accesses); a compressed original is expanded first and bit 1 cleared.
 */
static uint32_t transform(uint32_t word32, unsigned addr_offset, bool was_compressed)
{
    bool store = (word32 & 0x7f) == 0x23 || (word32 & 0x7f) == 0x27;
    uint32_t keep = store ? 0x01f0707fU : 0x00007fffU;
    uint32_t t = (word32 & keep) | (addr_offset & 31) << 15;

    return was_compressed ? t & ~2U : t;
}

static void test_htinst_transformed(void **state)
{
    struct listing rvc = load_listing("insns-loads-rvc.dump");
    struct listing full = load_listing("insns-loads-norvc.dump");
    size_t i;

    (void)state;
    assert_int_equal(rvc.n, full.n);
    for (i = 0; i < rvc.n; i++) {
        bool compressed = rvc.lines[i].len == 2;
        unsigned off;

        for (off = 0; off < 8; off += 7) {
            uint64_t htinst = transform(full.lines[i].word, off, compressed);
            struct mmio_insn want, got;
            bool ok;
            uint32_t raw = insn_from_htinst(htinst, &ok);

            if (!ok)
                fail_msg("htinst %08llx (%s) rejected", (unsigned long long)htinst,
                         rvc.lines[i].mnemonic);
            assert_int_equal(raw & 3, 3);
            assert_int_equal(insn_htinst_len(htinst), rvc.lines[i].len);
            assert_int_equal(insn_htinst_addr_offset(htinst), off);
            assert_true(insn_decode_mmio(rvc.lines[i].word, &want));
            assert_true(insn_decode_mmio(raw, &got));
            assert_int_equal(got.is_store, want.is_store);
            assert_int_equal(got.width, want.width);
            assert_int_equal(got.sign_extend, want.sign_extend);
            assert_int_equal(got.reg, want.reg);
            assert_int_equal(got.is_fp, want.is_fp);
            /* Bits 63:32 set: not a value this spec defines for RV64. */
            insn_from_htinst(htinst | 1ULL << 32, &ok);
            assert_false(ok);
        }
    }
    free(rvc.lines);
    free(full.lines);
}

static void test_htinst_not_mmio(void **state)
{
    /* Zero (no information) and the implicit VS-stage access pseudoinstructions. */
    static const uint64_t values[] = {0, 0x2000, 0x2020, 0x3000, 0x3020, 0x3002, 0x3022};
    struct listing others = load_listing("insns-others.dump");
    size_t i;
    bool ok;

    (void)state;
    for (i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
        insn_from_htinst(values[i], &ok);
        assert_false(ok);
    }
    /* Transformed AMOs, HLV/HSV and anything else that is not a basic load/store. */
    for (i = 0; i < others.n; i++) {
        uint32_t w = others.lines[i].word;

        if (others.lines[i].len != 4)
            continue;
        insn_from_htinst(w & ~0xf8000U, &ok);
        assert_false(ok);
        insn_from_htinst(w & ~0xf8002U, &ok);
        assert_false(ok);
    }
    free(others.lines);
}

static void test_load_extend(void **state)
{
    struct mmio_insn lb = {.width = 1, .sign_extend = true};
    struct mmio_insn lbu = {.width = 1};
    struct mmio_insn lh = {.width = 2, .sign_extend = true};
    struct mmio_insn lw = {.width = 4, .sign_extend = true};
    struct mmio_insn lwu = {.width = 4};
    struct mmio_insn ld = {.width = 8};

    (void)state;
    assert_int_equal(insn_load_extend(&lb, 0x80), 0xffffffffffffff80ULL);
    assert_int_equal(insn_load_extend(&lb, 0x17f), 0x7f);
    assert_int_equal(insn_load_extend(&lbu, 0xff80), 0x80);
    assert_int_equal(insn_load_extend(&lh, 0x8001), 0xffffffffffff8001ULL);
    assert_int_equal(insn_load_extend(&lw, 0x80000000), 0xffffffff80000000ULL);
    assert_int_equal(insn_load_extend(&lwu, 0xdead80000000ULL), 0x80000000);
    assert_int_equal(insn_load_extend(&ld, 0x8000000000000001ULL), 0x8000000000000001ULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_decode_matches_objdump),
            cmocka_unit_test(test_decode_32bit_equivalents),
            cmocka_unit_test(test_rejects_other_instructions),
            cmocka_unit_test(test_all_compressed_encodings),
            cmocka_unit_test(test_sweep_32bit_opcodes),
            cmocka_unit_test(test_rejects_reserved),
            cmocka_unit_test(test_htinst_transformed),
            cmocka_unit_test(test_htinst_not_mmio),
            cmocka_unit_test(test_load_extend),
    };

    return cmocka_run_group_tests_name("insn", tests, NULL, NULL);
}
