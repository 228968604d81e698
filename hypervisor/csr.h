/*
 * CSR accessors and fences the hypervisor uses (privileged spec chapters 12 and 18); the
 * architectural constants are in lib/riscv/encoding.h.
 */
#ifndef HEXT_HYP_CSR_H
#define HEXT_HYP_CSR_H

#include <stdint.h>

#include "riscv/encoding.h"

/* GCC 12 has no -march spelling for H, so each asm statement enables it for itself. */
#define H_ASM(insn) ".option push\n.option arch, +h\n" insn "\n.option pop"

#define csr_read(csr)                                                                              \
    ({                                                                                             \
        unsigned long __v;                                                                         \
        __asm__ volatile(H_ASM("csrr %0, " #csr) : "=r"(__v) : : "memory");                        \
        __v;                                                                                       \
    })
#define csr_write(csr, val) __asm__ volatile(H_ASM("csrw " #csr ", %0") : : "rK"(val) : "memory")
#define csr_set(csr, val)   __asm__ volatile(H_ASM("csrs " #csr ", %0") : : "rK"(val) : "memory")
#define csr_clear(csr, val) __asm__ volatile(H_ASM("csrc " #csr ", %0") : : "rK"(val) : "memory")

/* Sizes of the tables indexed by cause (exit handlers, statistics): codes up to the last H one. */
#define EXC_COUNT 24
#define IRQ_COUNT 16

static inline void hfence_gvma_all(void)
{
    __asm__ volatile(H_ASM("hfence.gvma zero, zero") : : : "memory");
}

/* hfence.vvma applies to the VMID in the current hgatp (§18.3.2). */
static inline void hfence_vvma_all(void)
{
    __asm__ volatile(H_ASM("hfence.vvma zero, zero") : : : "memory");
}

static inline void hfence_vvma(unsigned long vaddr, unsigned long asid)
{
    __asm__ volatile(H_ASM("hfence.vvma %0, %1") : : "r"(vaddr), "r"(asid) : "memory");
}

static inline void hfence_vvma_addr(unsigned long vaddr)
{
    __asm__ volatile(H_ASM("hfence.vvma %0, zero") : : "r"(vaddr) : "memory");
}

static inline void hfence_vvma_asid(unsigned long asid)
{
    __asm__ volatile(H_ASM("hfence.vvma zero, %0") : : "r"(asid) : "memory");
}

static inline void fence_i(void)
{
    __asm__ volatile("fence.i" : : : "memory");
}

#endif
