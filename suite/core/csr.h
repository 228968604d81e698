/* CSR numbers and the fields the suite uses (priv "CSR Listing" and the H chapter).
 */
#ifndef SUITE_CSR_H
#define SUITE_CSR_H

#include <stdint.h>

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
#define CSR_SSCRATCH   0x140
#define CSR_SEPC       0x141
#define CSR_SCAUSE     0x142
#define CSR_STVAL      0x143
#define CSR_SIP        0x144
#define CSR_STIMECMP   0x14d
#define CSR_SATP       0x180

/* Hypervisor (priv "Hypervisor and Virtual Supervisor CSRs"). */
#define CSR_HSTATUS    0x600
#define CSR_HEDELEG    0x602
#define CSR_HIDELEG    0x603
#define CSR_HIE        0x604
#define CSR_HTIMEDELTA 0x605
#define CSR_HCOUNTEREN 0x606
#define CSR_HGEIE      0x607
#define CSR_HENVCFG    0x60a
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

/* mstatus / sstatus / vsstatus fields (priv "mstatus"; MPV/GVA: [mstatus_mpv_op],
 * [mstatus_gva_op]). */
#define MSTATUS_SIE       (1ul << 1)
#define MSTATUS_MIE       (1ul << 3)
#define MSTATUS_SPIE      (1ul << 5)
#define MSTATUS_MPIE      (1ul << 7)
#define MSTATUS_SPP       (1ul << 8)
#define MSTATUS_MPP       (3ul << 11)
#define MSTATUS_FS        (3ul << 13)
#define MSTATUS_MPRV      (1ul << 17)
#define MSTATUS_SUM       (1ul << 18)
#define MSTATUS_MXR       (1ul << 19)
#define MSTATUS_TVM       (1ul << 20)
#define MSTATUS_TW        (1ul << 21)
#define MSTATUS_TSR       (1ul << 22)
#define MSTATUS_UXL       (3ul << 32)
#define MSTATUS_SXL       (3ul << 34)
#define MSTATUS_GVA       (1ul << 38)
#define MSTATUS_MPV       (1ul << 39)
#define MSTATUS_SD        (1ul << 63)
#define MSTATUS_MPP_SHIFT 11
#define FS_OFF            0
#define FS_INITIAL        1
#define FS_CLEAN          2
#define FS_DIRTY          3
#define MSTATUS_FS_SHIFT  13

/* hstatus fields (priv "Hypervisor Status (hstatus) Register"). */
#define HSTATUS_VSBE        (1ul << 5)
#define HSTATUS_GVA         (1ul << 6)
#define HSTATUS_SPV         (1ul << 7)
#define HSTATUS_SPVP        (1ul << 8)
#define HSTATUS_HU          (1ul << 9)
#define HSTATUS_VGEIN       (0x3ful << 12)
#define HSTATUS_VTVM        (1ul << 20)
#define HSTATUS_VTW         (1ul << 21)
#define HSTATUS_VTSR        (1ul << 22)
#define HSTATUS_VSXL        (3ul << 32)
#define HSTATUS_VGEIN_SHIFT 12

/* Interrupt numbers (priv "mip and mie"; H: "Trap Cause Codes"). */
#define IRQ_SSI     1
#define IRQ_VSSI    2
#define IRQ_MSI     3
#define IRQ_STI     5
#define IRQ_VSTI    6
#define IRQ_MTI     7
#define IRQ_SEI     9
#define IRQ_VSEI    10
#define IRQ_MEI     11
#define IRQ_SGEI    12
#define MIP_VS_BITS ((1ul << IRQ_VSSI) | (1ul << IRQ_VSTI) | (1ul << IRQ_VSEI))

/* Exception codes (priv [H_cause], table "hcauses"). */
#define EXC_INSN_MISALIGNED  0
#define EXC_INSN_ACCESS      1
#define EXC_ILLEGAL_INSN     2
#define EXC_BREAKPOINT       3
#define EXC_LOAD_MISALIGNED  4
#define EXC_LOAD_ACCESS      5
#define EXC_STORE_MISALIGNED 6
#define EXC_STORE_ACCESS     7
#define EXC_ECALL_U          8
#define EXC_ECALL_HS         9
#define EXC_ECALL_VS         10
#define EXC_ECALL_M          11
#define EXC_INSN_PAGE_FAULT  12
#define EXC_LOAD_PAGE_FAULT  13
#define EXC_STORE_PAGE_FAULT 15
#define EXC_INSN_GUEST_PAGE  20
#define EXC_LOAD_GUEST_PAGE  21
#define EXC_VIRTUAL_INSN     22
#define EXC_STORE_GUEST_PAGE 23
#define CAUSE_INTERRUPT      (1ul << 63)

/* satp/vsatp/hgatp MODE values (priv "satp", [hgatp_mode_sv]). */
#define ATP_MODE_SHIFT   60
#define ATP_MODE_BARE    0
#define ATP_MODE_SV39    8
#define ATP_MODE_SV48    9
#define ATP_MODE_SV57    10
#define HGATP_VMID_SHIFT 44
#define HGATP_VMID_MASK  (0x3ffful << HGATP_VMID_SHIFT)
#define SATP_ASID_SHIFT  44
#define SATP_ASID_MASK   (0xfffful << SATP_ASID_SHIFT)

/* menvcfg / henvcfg (priv "menvcfg", "henvcfg"). */
#define ENVCFG_STCE  (1ul << 63)
#define ENVCFG_PBMTE (1ul << 62)
#define ENVCFG_ADUE  (1ul << 61)

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
