/*
 * Encodings of the hypervisor virtual-machine loads and stores (priv "Hypervisor Virtual-Machine
 * Load and Store Instructions"): SYSTEM opcode, funct3 = 100, the operation in funct7 and rs2.
 * Pure C, cross-checked on the host against GNU objdump (tests/unit/suite/hlv_insn_test.c).
 */
#ifndef SUITE_MODEL_HLV_INSN_H
#define SUITE_MODEL_HLV_INSN_H

#include <stdbool.h>
#include <stdint.h>

enum hlv_op {
    HLV_B,
    HLV_BU,
    HLV_H,
    HLV_HU,
    HLVX_HU,
    HLV_W,
    HLV_WU,
    HLVX_WU,
    HLV_D,
    HSV_B,
    HSV_H,
    HSV_W,
    HSV_D,
    HLV_OP_COUNT
};

struct hlv_info {
    const char *name; /* objdump's mnemonic */
    unsigned size;    /* bytes accessed */
    bool sign;        /* loads: sign-extends */
    bool store;       /* HSV */
    bool exec;        /* HLVX: needs execute, not read, permission */
};

const struct hlv_info *hlv_info(enum hlv_op op);
/* Loads: rd = reg, address in rs1. Stores: data in rs2 = reg, address in rs1. */
uint32_t hlv_encode(enum hlv_op op, unsigned reg, unsigned rs1);
/* The transformation written to mtinst/htinst on a fault: rs1 (bits 19:15) replaced by the
 * address offset, 0 for an aligned access (priv "Transformed Instruction or Pseudoinstruction"). */
uint32_t hlv_transform(uint32_t insn);

#endif
