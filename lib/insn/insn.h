/*
 * Decoder for the loads and stores a guest's MMIO access can trap on (RV64 I/C/F/D).
 *
 * The hypervisor gets the trapping instruction either from htinst (a "transformed
 * instruction", privileged spec §18.6.3) or by reading guest memory (HLVX.HU); it decodes it
 * here, performs the access on a device model, and writes rd / advances sepc by len.
 */
#ifndef HEXT_LIB_INSN_H
#define HEXT_LIB_INSN_H

#include <stdbool.h>
#include <stdint.h>

struct mmio_insn {
    bool is_store;
    uint8_t width; /* bytes: 1, 2, 4 or 8 */
    bool sign_extend;
    uint8_t reg;    /* rd for loads, rs2 for stores; x0..x31 (f0..f31 when is_fp) */
    uint8_t len;    /* 2 (compressed) or 4 */
    bool is_fp;     /* FLW/FLD/FSW/FSD and compressed forms: the hypervisor refuses these */
    uint8_t base;   /* rs1 (x2 for the SP-relative compressed forms) */
    int32_t offset; /* the immediate: the access starts at x[base] + offset */
};

/* Instruction length from its low bits: 2 if bits 1:0 != 11, else 4 (longer encodings are
 * not loads/stores and give 0). */
unsigned insn_length(uint32_t raw);

/* raw: a 16-bit encoding (upper half ignored) or a 32-bit one. false for anything that is
 * not a load/store listed above (including reserved encodings such as C.LDSP with rd = x0). */
bool insn_decode_mmio(uint32_t raw, struct mmio_insn *out);

/*
 * htinst (or mtinst) -> the 32-bit load/store it describes, or *ok = false when htinst is 0,
 * a pseudoinstruction for an implicit VS-stage page-table access, or anything but a
 * transformed load/store. The returned word has bits 1:0 = 11 so insn_decode_mmio() takes it;
 * the original length (2 or 4) is given by insn_htinst_len().
 */
uint32_t insn_from_htinst(uint64_t htinst, bool *ok);
unsigned insn_htinst_len(uint64_t htinst);
/* The transformed instruction's "Addr. Offset" (bits 19:15, in place of rs1): faulting address
 * (stval) minus the access's first address; nonzero only for a misaligned access. */
unsigned insn_htinst_addr_offset(uint64_t htinst);

/* Value to write to rd for a load of in->width bytes that returned raw (sign or zero extended). */
uint64_t insn_load_extend(const struct mmio_insn *in, uint64_t raw);

#endif
