/* The Sail bundle ELF, read back by binutils' readelf: one PT_LOAD at the address,
 * carrying exactly the bytes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "elf_wrap.h"
#include "tempfile.h"

static void readelf_agrees(void **state)
{
    (void)state;
    if (system(READELF " --version >/dev/null 2>&1") != 0)
        skip();
    uint8_t data[1000];
    for (size_t i = 0; i < sizeof(data); i++)
        data[i] = (uint8_t)(i * 31);
    size_t n;
    uint8_t *elf = elf_wrap(data, sizeof(data), 0x8fffb000, &n);
    assert_non_null(elf);
    char path[512], err[256], cmd[1400], line[512];
    assert_int_equal(temp_write("hext-elf-test-", elf, n, path, sizeof(path), err, sizeof(err)), 0);
    free(elf);
    snprintf(cmd, sizeof(cmd), READELF " -lh %s", path);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    int machine = 0;
    unsigned long long off = 0, vaddr = 0, paddr = 0, filesz = 0, memsz = 0;
    while (fgets(line, sizeof(line), p)) {
        machine |= strstr(line, "Machine:") && strstr(line, "RISC-V");
        /* LOAD offset vaddr paddr, then on the next line filesz memsz */
        if (sscanf(line, " LOAD %llx %llx %llx", &off, &vaddr, &paddr) == 3 &&
            fgets(line, sizeof(line), p))
            assert_int_equal(sscanf(line, " %llx %llx", &filesz, &memsz), 2);
    }
    assert_int_equal(pclose(p), 0);
    assert_true(machine);
    assert_int_equal(vaddr, 0x8fffb000);
    assert_int_equal(paddr, 0x8fffb000);
    assert_int_equal(filesz, sizeof(data));
    assert_int_equal(memsz, sizeof(data));
    /* The segment's bytes, where readelf says they are. */
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    uint8_t back[sizeof(data)];
    assert_int_equal(fseek(f, (long)off, SEEK_SET), 0);
    assert_int_equal(fread(back, 1, sizeof(back), f), sizeof(back));
    fclose(f);
    assert_memory_equal(back, data, sizeof(data));
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(readelf_agrees)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
