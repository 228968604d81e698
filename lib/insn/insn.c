/*
 * Load/store decoder for MMIO emulation. Encodings: unprivileged spec, RV32I/RV64I base
 * (LOAD 0000011, STORE 0100011, funct3 = width), F/D (LOAD-FP 0000111, STORE-FP 0100111) and
 * the RVC chapter's quadrants 0 and 2. htinst: privileged spec, hypervisor chapter, "Transformed
 * Instruction or Pseudoinstruction for mtinst or htinst" (§18.6.3 in the 2024 edition).
 */
#include "insn.h"

#define OP_LOAD     0x03
#define OP_LOAD_FP  0x07
#define OP_STORE    0x23
#define OP_STORE_FP 0x27

static uint32_t bits(uint32_t v, unsigned hi, unsigned lo)
{
    return (v >> lo) & ((1U << (hi - lo + 1)) - 1);
}

unsigned insn_length(uint32_t raw)
{
    if ((raw & 3) != 3)
        return 2;
    return (raw & 0x1c) != 0x1c ? 4 : 0;
}

static bool set(struct mmio_insn *out, bool store, unsigned width, bool sign, unsigned reg,
                unsigned len, bool fp, unsigned base, int32_t offset)
{
    out->base = (uint8_t)base;
    out->offset = offset;
    out->is_store = store;
    out->width = (uint8_t)width;
    out->sign_extend = sign;
    out->reg = (uint8_t)reg;
    out->len = (uint8_t)len;
    out->is_fp = fp;
    return true;
}

static bool decode32(uint32_t raw, struct mmio_insn *out)
{
    unsigned funct3 = bits(raw, 14, 12);
    unsigned rd = bits(raw, 11, 7), rs2 = bits(raw, 24, 20), rs1 = bits(raw, 19, 15);
    /* I-type imm[11:0] = bits 31:20; S-type imm[11:5] = bits 31:25, imm[4:0] = bits 11:7. */
    int32_t imm_i = (int32_t)raw >> 20;
    int32_t imm_s = (int32_t)(raw & 0xfe000000) >> 20 | (int32_t)rd;

    switch (bits(raw, 6, 0)) {
    case OP_LOAD:
        /* funct3: 0 LB, 1 LH, 2 LW, 3 LD, 4 LBU, 5 LHU, 6 LWU; 7 is reserved. */
        if (funct3 == 7)
            return false;
        return set(out, false, 1U << (funct3 & 3), funct3 < 4 && funct3 != 3, rd, 4, false, rs1,
                   imm_i);
    case OP_STORE:
        if (funct3 > 3) /* SB SH SW SD */
            return false;
        return set(out, true, 1U << funct3, false, rs2, 4, false, rs1, imm_s);
    case OP_LOAD_FP:
        /* Only FLW (2) and FLD (3): the other funct3 values are FLH, FLQ and vector loads. */
        if (funct3 != 2 && funct3 != 3)
            return false;
        return set(out, false, 1U << funct3, false, rd, 4, true, rs1, imm_i);
    case OP_STORE_FP:
        if (funct3 != 2 && funct3 != 3)
            return false;
        return set(out, true, 1U << funct3, false, rs2, 4, true, rs1, imm_s);
    default:
        return false;
    }
}

/* RV64C. Quadrant 0 uses the 3-bit register fields rd'/rs2' (bits 4:2) naming x8..x15. */
static bool decode16(uint32_t raw, struct mmio_insn *out)
{
    unsigned funct3 = bits(raw, 15, 13);
    unsigned rprime = 8 + bits(raw, 4, 2), rs1prime = 8 + bits(raw, 9, 7);
    unsigned rd = bits(raw, 11, 7), rs2 = bits(raw, 6, 2);
    /* Zero-extended offsets, scaled by the access width (RVC chapter, "Load and Store"). */
    int32_t off_w = (int32_t)(bits(raw, 12, 10) << 3 | bits(raw, 6, 6) << 2 | bits(raw, 5, 5) << 6);
    int32_t off_d = (int32_t)(bits(raw, 12, 10) << 3 | bits(raw, 6, 5) << 6);
    int32_t lsp_w = (int32_t)(bits(raw, 12, 12) << 5 | bits(raw, 6, 4) << 2 | bits(raw, 3, 2) << 6);
    int32_t lsp_d = (int32_t)(bits(raw, 12, 12) << 5 | bits(raw, 6, 5) << 3 | bits(raw, 4, 2) << 6);
    int32_t ssp_w = (int32_t)(bits(raw, 12, 9) << 2 | bits(raw, 8, 7) << 6);
    int32_t ssp_d = (int32_t)(bits(raw, 12, 10) << 3 | bits(raw, 9, 7) << 6);

    if (bits(raw, 1, 0) == 0) {
        switch (funct3) {
        case 1: /* C.FLD */
            return set(out, false, 8, false, rprime, 2, true, rs1prime, off_d);
        case 2: /* C.LW */
            return set(out, false, 4, true, rprime, 2, false, rs1prime, off_w);
        case 3: /* C.LD */
            return set(out, false, 8, false, rprime, 2, false, rs1prime, off_d);
        case 5: /* C.FSD */
            return set(out, true, 8, false, rprime, 2, true, rs1prime, off_d);
        case 6: /* C.SW */
            return set(out, true, 4, false, rprime, 2, false, rs1prime, off_w);
        case 7: /* C.SD */
            return set(out, true, 8, false, rprime, 2, false, rs1prime, off_d);
        default: /* C.ADDI4SPN, reserved/Zcb (100): not decoded */
            return false;
        }
    }
    if (bits(raw, 1, 0) == 2) {
        switch (funct3) {
        case 1: /* C.FLDSP */
            return set(out, false, 8, false, rd, 2, true, 2, lsp_d);
        case 2: /* C.LWSP; rd = x0 is reserved */
            return rd && set(out, false, 4, true, rd, 2, false, 2, lsp_w);
        case 3: /* C.LDSP; rd = x0 is reserved */
            return rd && set(out, false, 8, false, rd, 2, false, 2, lsp_d);
        case 5: /* C.FSDSP */
            return set(out, true, 8, false, rs2, 2, true, 2, ssp_d);
        case 6: /* C.SWSP */
            return set(out, true, 4, false, rs2, 2, false, 2, ssp_w);
        case 7: /* C.SDSP */
            return set(out, true, 8, false, rs2, 2, false, 2, ssp_d);
        default:
            return false;
        }
    }
    return false;
}

bool insn_decode_mmio(uint32_t raw, struct mmio_insn *out)
{
    switch (insn_length(raw)) {
    case 2:
        return decode16(raw & 0xffff, out);
    case 4:
        return decode32(raw, out);
    default:
        return false;
    }
}

/*
 * A transformed load/store has bit 0 = 1, and setting bit 1 gives a standard encoding of the
 * same kind as the trapping instruction; bits 1:0 = 01 mean the trapping instruction was
 * compressed (its 32-bit expansion was transformed). Bits 63:32 must be zero for RV64 (the
 * spec asks software to verify this). Zero and the implicit-access pseudoinstructions
 * (0x2000, 0x2020, 0x3000, 0x3020) have bit 0 = 0; AMOs, HLV/HSV and custom values decode to
 * something other than a basic load/store: all give ok = false.
 */
uint32_t insn_from_htinst(uint64_t htinst, bool *ok)
{
    uint32_t raw = (uint32_t)htinst | 2;
    struct mmio_insn in;

    *ok = !(htinst >> 32) && (htinst & 1) && decode32(raw, &in);
    return *ok ? raw : 0;
}

unsigned insn_htinst_len(uint64_t htinst)
{
    return (htinst & 2) ? 4 : 2;
}

unsigned insn_htinst_addr_offset(uint64_t htinst)
{
    return bits((uint32_t)htinst, 19, 15);
}

uint64_t insn_load_extend(const struct mmio_insn *in, uint64_t raw)
{
    unsigned shift;

    if (in->width >= 8)
        return raw;
    shift = 64 - 8U * in->width;
    if (in->sign_extend)
        return (uint64_t)((int64_t)(raw << shift) >> shift);
    return raw << shift >> shift;
}
