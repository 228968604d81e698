/* CSR numbers the suite uses (priv "CSR Listing" and the H chapter) and M-mode accessors; the
 * fields and codes are in lib/riscv/encoding.h. */
#ifndef SUITE_CSR_H
#define SUITE_CSR_H

#include <stdint.h>

#include "riscv/encoding.h"

/* Unprivileged counters and floating point. */
#define CSR_FFLAGS  0x001
#define CSR_FCSR    0x003
#define CSR_CYCLE   0xc00
#define CSR_TIME    0xc01
#define CSR_INSTRET 0xc02

/* Supervisor. */
#define CSR_SSTATUS    0x100
#define CSR_SIE        0x104
#define CSR_STVEC      0x105
#define CSR_SCOUNTEREN 0x106
#define CSR_SENVCFG    0x10a
#define CSR_SSTATEEN0  0x10c
#define CSR_SSCRATCH   0x140
#define CSR_SEPC       0x141
#define CSR_SCAUSE     0x142
#define CSR_STVAL      0x143
#define CSR_SIP        0x144
#define CSR_STIMECMP   0x14d
#define CSR_SATP       0x180
#define CSR_SISELECT   0x150 /* AIA (Sscsrind) */
#define CSR_STOPI      0xdb0

/* Hypervisor (priv "Hypervisor and Virtual Supervisor CSRs"). */
#define CSR_HSTATUS    0x600
#define CSR_HEDELEG    0x602
#define CSR_HIDELEG    0x603
#define CSR_HIE        0x604
#define CSR_HTIMEDELTA 0x605
#define CSR_HCOUNTEREN 0x606
#define CSR_HGEIE      0x607
#define CSR_HENVCFG    0x60a
#define CSR_HSTATEEN0  0x60c
#define CSR_HTVAL      0x643
#define CSR_HIP        0x644
#define CSR_HVIP       0x645
#define CSR_HTINST     0x64a
#define CSR_HGATP      0x680
#define CSR_HGEIP      0xe12

/* Virtual supervisor (same section). */
#define CSR_VSSTATUS  0x200
#define CSR_VSIE      0x204
#define CSR_VSTVEC    0x205
#define CSR_VSSCRATCH 0x240
#define CSR_VSEPC     0x241
#define CSR_VSCAUSE   0x242
#define CSR_VSTVAL    0x243
#define CSR_VSIP      0x244
#define CSR_VSTIMECMP 0x24d
#define CSR_VSATP     0x280
#define CSR_VSISELECT 0x250 /* AIA (Ssaia) */
#define CSR_VSIREG    0x251

/* Machine. */
#define CSR_MVENDORID  0xf11
#define CSR_MARCHID    0xf12
#define CSR_MIMPID     0xf13
#define CSR_MHARTID    0xf14
#define CSR_MSTATUS    0x300
#define CSR_MISA       0x301
#define CSR_MEDELEG    0x302
#define CSR_MIDELEG    0x303
#define CSR_MIE        0x304
#define CSR_MTVEC      0x305
#define CSR_MCOUNTEREN 0x306
#define CSR_MENVCFG    0x30a
#define CSR_MSTATEEN0  0x30c
#define CSR_MSCRATCH   0x340
#define CSR_MEPC       0x341
#define CSR_MCAUSE     0x342
#define CSR_MTVAL      0x343
#define CSR_MIP        0x344
#define CSR_MTINST     0x34a
#define CSR_MTVAL2     0x34b
#define CSR_PMPCFG0    0x3a0
#define CSR_PMPADDR0   0x3b0
#define CSR_PMPADDR1   0x3b1
#define CSR_MCYCLE     0xb00
#define CSR_MINSTRET   0xb02

/* Smstateen: bits of mstateen0/hstateen0 (priv "State Enable 0 Registers"). */
#define STATEEN0_SE0    (1ul << 63)
#define STATEEN0_ENVCFG (1ul << 62)
#define STATEEN0_CSRIND (1ul << 60)
#define STATEEN0_AIA    (1ul << 59)
#define STATEEN0_IMSIC  (1ul << 58)

/* The VS-level interrupts, the ones hideleg can delegate (§18.2.2). */
#define MIP_VS_BITS (MIP_VSSIP | MIP_VSTIP | MIP_VSEIP)

#define CSR_STR_(x) #x
#define CSR_STR(x)  CSR_STR_(x)

/* Direct access from M-mode with a CSR number known at compile time. */
#define csr_read(csr)                                                                              \
    ({                                                                                             \
        uint64_t v_;                                                                               \
        __asm__ volatile("csrr %0, " CSR_STR(csr) : "=r"(v_));                                     \
        v_;                                                                                        \
    })
#define csr_write(csr, val) __asm__ volatile("csrw " CSR_STR(csr) ", %0" ::"rK"((uint64_t)(val)))
#define csr_set(csr, val)   __asm__ volatile("csrs " CSR_STR(csr) ", %0" ::"rK"((uint64_t)(val)))
#define csr_clear(csr, val) __asm__ volatile("csrc " CSR_STR(csr) ", %0" ::"rK"((uint64_t)(val)))
#define csr_swap(csr, val)                                                                         \
    ({                                                                                             \
        uint64_t v_;                                                                               \
        __asm__ volatile("csrrw %0, " CSR_STR(csr) ", %1" : "=r"(v_) : "rK"((uint64_t)(val)));     \
        v_;                                                                                        \
    })

#endif
