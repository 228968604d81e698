/* HLV/HLVX/HSV encodings: funct7 picks width and load/store, rs2 picks the load flavour. */
#include "hlv_insn.h"

#define OPCODE_SYSTEM 0x73u
#define FUNCT3_HLSV   4u

static const struct {
    struct hlv_info info;
    uint32_t funct7, rs2; /* rs2 is the data register for stores */
} ops[HLV_OP_COUNT] = {
        [HLV_B] = {{"hlv.b", 1, true, false, false}, 0x30, 0},
        [HLV_BU] = {{"hlv.bu", 1, false, false, false}, 0x30, 1},
        [HLV_H] = {{"hlv.h", 2, true, false, false}, 0x32, 0},
        [HLV_HU] = {{"hlv.hu", 2, false, false, false}, 0x32, 1},
        [HLVX_HU] = {{"hlvx.hu", 2, false, false, true}, 0x32, 3},
        [HLV_W] = {{"hlv.w", 4, true, false, false}, 0x34, 0},
        [HLV_WU] = {{"hlv.wu", 4, false, false, false}, 0x34, 1},
        [HLVX_WU] = {{"hlvx.wu", 4, false, false, true}, 0x34, 3},
        [HLV_D] = {{"hlv.d", 8, false, false, false}, 0x36, 0},
        [HSV_B] = {{"hsv.b", 1, false, true, false}, 0x31, 0},
        [HSV_H] = {{"hsv.h", 2, false, true, false}, 0x33, 0},
        [HSV_W] = {{"hsv.w", 4, false, true, false}, 0x35, 0},
        [HSV_D] = {{"hsv.d", 8, false, true, false}, 0x37, 0},
};

const struct hlv_info *hlv_info(enum hlv_op op)
{
    return &ops[op].info;
}

uint32_t hlv_encode(enum hlv_op op, unsigned reg, unsigned rs1)
{
    uint32_t rd = ops[op].info.store ? 0 : reg;
    uint32_t rs2 = ops[op].info.store ? reg : ops[op].rs2;
    return (ops[op].funct7 << 25) | (rs2 << 20) | ((rs1 & 31) << 15) | (FUNCT3_HLSV << 12) |
           ((rd & 31) << 7) | OPCODE_SYSTEM;
}

uint32_t hlv_transform(uint32_t insn)
{
    return insn & ~(31u << 15);
}
