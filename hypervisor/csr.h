/*
 * CSR numbers, bits and accessors the hypervisor uses (privileged spec chapters 12 and 18).
 * Names follow the spec so a reader can look each one up.
 */
#ifndef HEXT_HYP_CSR_H
#define HEXT_HYP_CSR_H

#include <stdint.h>

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

/* sstatus (§12.1.1). */
#define SSTATUS_SIE  (1UL << 1)
#define SSTATUS_SPIE (1UL << 5)
#define SSTATUS_SPP  (1UL << 8)
#define SSTATUS_FS   (3UL << 13)
#define SSTATUS_SUM  (1UL << 18)

/* hstatus (§18.2.1). */
#define HSTATUS_GVA  (1UL << 6)
#define HSTATUS_SPV  (1UL << 7)
#define HSTATUS_SPVP (1UL << 8)
#define HSTATUS_VTW  (1UL << 21)

/* scause exception codes (§12.1.8, table 22 of §18.6.1). */
#define EXC_INSN_MISALIGNED   0
#define EXC_INSN_ACCESS       1
#define EXC_ILLEGAL_INSN      2
#define EXC_BREAKPOINT        3
#define EXC_LOAD_MISALIGNED   4
#define EXC_LOAD_ACCESS       5
#define EXC_STORE_MISALIGNED  6
#define EXC_STORE_ACCESS      7
#define EXC_ECALL_U           8
#define EXC_ECALL_VS          10
#define EXC_INSN_PAGE_FAULT   12
#define EXC_LOAD_PAGE_FAULT   13
#define EXC_STORE_PAGE_FAULT  15
#define EXC_INSN_GUEST_FAULT  20
#define EXC_LOAD_GUEST_FAULT  21
#define EXC_VIRTUAL_INSN      22
#define EXC_STORE_GUEST_FAULT 23
#define EXC_COUNT             24
#define CAUSE_INTERRUPT       (1UL << 63)

/* Interrupt numbers (§12.1.3, §18.2.3). */
#define IRQ_S_SOFT   1
#define IRQ_S_TIMER  5
#define IRQ_VS_SOFT  2
#define IRQ_VS_TIMER 6
#define IRQ_VS_EXT   10
#define IRQ_COUNT    16
#define MIP_SSIP     (1UL << IRQ_S_SOFT)
#define MIP_STIP     (1UL << IRQ_S_TIMER)
#define MIP_VSSIP    (1UL << IRQ_VS_SOFT)
#define MIP_VSTIP    (1UL << IRQ_VS_TIMER)
#define MIP_VSEIP    (1UL << IRQ_VS_EXT)

/* henvcfg (§18.2.5, Zicbom/Zicboz/Sstc fields). */
#define ENVCFG_CBIE_FLUSH (1UL << 4)
#define ENVCFG_CBCFE      (1UL << 6)
#define ENVCFG_CBZE       (1UL << 7)
#define ENVCFG_STCE       (1UL << 63)

/* hgatp (§18.2.10). */
#define HGATP_MODE_SHIFT 60
#define HGATP_VMID_SHIFT 44
#define HGATP_VMID_MASK  0x3fffUL

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
