#include "suite.h"

void area_csr(void)
{
    uint64_t v;
    struct trap t = csr_read_in(MODE_VS, CSR_HSTATUS, &v);
    expect_trap("hstatus read from VS", &t, trap_at(LEVEL_M, EXC_VIRTUAL_INSN));
    t = csr_read_in(MODE_HS, CSR_HSTATUS, &v);
    expect_trap("hstatus read from HS", &t, no_trap());
}
