/*
 * The HLV/HLVX/HSV encoder against GNU binutils: every encoding is assembled with `.insn` by
 * riscv64-unknown-elf-as (-march=rv64gc_h) and disassembled by objdump, whose mnemonic and
 * operands must be the ones we meant. Skipped when the cross tools are missing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "hlv_insn.h"

#define REG_A0 10
#define REG_A1 11

static void matches_objdump(void **state)
{
    (void)state;
    char dir[] = "/tmp/hlv_insn_testXXXXXX";
    if (!mkdtemp(dir))
        fail_msg("mkdtemp failed");
    char path[128], cmd[512];
    snprintf(path, sizeof path, "%s/t.s", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    for (int op = 0; op < HLV_OP_COUNT; op++)
        fprintf(f, ".insn 0x%08x\n", hlv_encode(op, hlv_info(op)->store ? REG_A1 : REG_A0, REG_A0));
    fclose(f);
    snprintf(cmd, sizeof cmd,
             "cd %s && riscv64-unknown-elf-as -march=rv64gc_h t.s -o t.o 2>/dev/null && "
             "riscv64-unknown-elf-objdump -d t.o | grep -E '^ +[0-9a-f]+:'",
             dir);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    char line[256];
    int n = 0;
    while (fgets(line, sizeof line, p) && n < HLV_OP_COUNT) {
        char want[64];
        snprintf(want, sizeof want, "%s\t%s,(a0)", hlv_info(n)->name,
                 hlv_info(n)->store ? "a1" : "a0");
        if (!strstr(line, want))
            fail_msg("op %d: objdump says \"%s\", expected \"%s\"", n, line, want);
        n++;
    }
    int rc = pclose(p);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        fail_msg("cleanup failed");
    if (n == 0 && rc != 0)
        skip();
    assert_int_equal(n, HLV_OP_COUNT);
}

/* priv "Transformed Instruction": only bits 19:15 change (0 for an aligned access). */
static void transform_clears_rs1(void **state)
{
    (void)state;
    uint32_t insn = hlv_encode(HSV_D, REG_A1, REG_A0);
    assert_int_equal(hlv_transform(insn), insn & ~0xf8000u);
    assert_int_equal(hlv_transform(hlv_encode(HLV_D, REG_A0, REG_A0)), 0x6c004573u);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
            cmocka_unit_test(matches_objdump),
            cmocka_unit_test(transform_clears_rs1),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
