/*
 * Instruction encodings the hostile guest executes (unprivileged spec: RV32I/RV64I loads and
 * stores, "A" AMOs and LR/SC, Zicsr, RVC C.LW/C.SW). Operands are fixed: rd = rs1 = a0 (x10),
 * rs2 = a1 (x11), immediate 0, so one call stub (start.S) runs any of them.
 */
#include "hostile.h"

#define A0 10u
#define A1 11u

#define OP_LOAD   0x03u
#define OP_STORE  0x23u
#define OP_AMO    0x2fu
#define OP_SYSTEM 0x73u

/* funct3 = log2(width), +4 for the zero-extending loads (LBU, LHU, LWU). */
static uint32_t width_funct3(unsigned width)
{
    return width == 8 ? 3 : width == 4 ? 2 : width == 2 ? 1 : 0;
}

uint32_t enc_load(unsigned width, bool is_unsigned)
{
    uint32_t f3 = width_funct3(width) + (is_unsigned && width < 8 ? 4 : 0);
    return A0 << 15 | f3 << 12 | A0 << 7 | OP_LOAD;
}

uint32_t enc_store(unsigned width)
{
    return A1 << 20 | A0 << 15 | width_funct3(width) << 12 | OP_STORE;
}

uint32_t enc_amo(unsigned width, unsigned funct5)
{
    uint32_t rs2 = funct5 == AMO_LR ? 0 : A1;
    return funct5 << 27 | rs2 << 20 | A0 << 15 | width_funct3(width) << 12 | A0 << 7 | OP_AMO;
}

uint32_t enc_csr_read(unsigned csr)
{
    return csr << 20 | 2u << 12 | A0 << 7 | OP_SYSTEM; /* csrrs a0, csr, x0 */
}

uint32_t enc_csr_write(unsigned csr)
{
    return csr << 20 | A1 << 15 | 1u << 12 | A0 << 7 | OP_SYSTEM; /* csrrw a0, csr, a1 */
}

/* Quadrant 0, rs1' = a0 (x8 + 2), rd'/rs2' = a1 (x8 + 3), offset 0. */
uint16_t enc_c_lw(void)
{
    return 2u << 13 | (A0 - 8) << 7 | (A1 - 8) << 2;
}

uint16_t enc_c_sw(void)
{
    return 6u << 13 | (A0 - 8) << 7 | (A1 - 8) << 2;
}

bool insn_compressed(uint32_t insn)
{
    return (insn & 3) != 3;
}
