/*
 * Architectural constants of the RISC-V privileged spec (20240411: machine chapter 3, supervisor
 * chapter 12, H chapter 18) shared by the hypervisor and the suite. Pure #defines, no includes:
 * the same values on the target and on the host. Names are REGISTER_FIELD after the spec's field
 * names; causes are EXC_*, interrupt numbers IRQ_* after the spec's xIP bit names.
 */
#ifndef HEXT_RISCV_ENCODING_H
#define HEXT_RISCV_ENCODING_H

/* mstatus fields (§3.1.6 "Machine Status Registers"; MPV and GVA: §18.4.1). */
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
#define MSTATUS_FS_SHIFT  13

/* FS field values (§3.1.6.6 "Extension Context Status", the FS/VS/XS encoding table). */
#define FS_OFF     0
#define FS_INITIAL 1
#define FS_CLEAN   2
#define FS_DIRTY   3

/* sstatus is a restricted view of mstatus (§12.1.1): same bits at the same positions. */
#define SSTATUS_SIE  MSTATUS_SIE
#define SSTATUS_SPIE MSTATUS_SPIE
#define SSTATUS_SPP  MSTATUS_SPP

/* hstatus fields (§18.2.1 "Hypervisor Status Register"). */
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

/* Interrupt numbers: bit positions in mip/mie (§3.1.9), sip/sie (§12.1.3) and hip/hie/hvip
 * (§18.2.3), also the exception code of an interrupt trap. */
#define IRQ_SSI  1
#define IRQ_VSSI 2
#define IRQ_MSI  3
#define IRQ_STI  5
#define IRQ_VSTI 6
#define IRQ_MTI  7
#define IRQ_SEI  9
#define IRQ_VSEI 10
#define IRQ_MEI  11
#define IRQ_SGEI 12

#define MIP_SSIP  (1ul << IRQ_SSI)
#define MIP_VSSIP (1ul << IRQ_VSSI)
#define MIP_STIP  (1ul << IRQ_STI)
#define MIP_VSTIP (1ul << IRQ_VSTI)
#define MIP_VSEIP (1ul << IRQ_VSEI)

/* xcause: the interrupt bit (§3.1.15 "mcause") and the exception codes (§18.6.1 "Trap Cause
 * Codes", whose table extends §3.1.15's with the H causes 10 and 20-23). */
#define CAUSE_INTERRUPT            (1ul << 63)
#define EXC_INSN_MISALIGNED        0
#define EXC_INSN_ACCESS            1
#define EXC_ILLEGAL_INSN           2
#define EXC_BREAKPOINT             3
#define EXC_LOAD_MISALIGNED        4
#define EXC_LOAD_ACCESS            5
#define EXC_STORE_MISALIGNED       6
#define EXC_STORE_ACCESS           7
#define EXC_ECALL_U                8
#define EXC_ECALL_HS               9
#define EXC_ECALL_VS               10
#define EXC_ECALL_M                11
#define EXC_INSN_PAGE_FAULT        12
#define EXC_LOAD_PAGE_FAULT        13
#define EXC_STORE_PAGE_FAULT       15
#define EXC_INSN_GUEST_PAGE_FAULT  20
#define EXC_LOAD_GUEST_PAGE_FAULT  21
#define EXC_VIRTUAL_INSN           22
#define EXC_STORE_GUEST_PAGE_FAULT 23

/* satp/vsatp/hgatp (§12.1.11 "satp", §18.2.10 "hgatp"): MODE values, ASID and VMID fields.
 * Masks are in place; shift right by the matching _SHIFT for the field's value. */
#define ATP_MODE_SHIFT   60
#define ATP_MODE_BARE    0
#define ATP_MODE_SV39    8
#define ATP_MODE_SV48    9
#define ATP_MODE_SV57    10
#define SATP_ASID_SHIFT  44
#define SATP_ASID_MASK   (0xfffful << SATP_ASID_SHIFT)
#define HGATP_VMID_SHIFT 44
#define HGATP_VMID_MASK  (0x3ffful << HGATP_VMID_SHIFT)

/* menvcfg/henvcfg fields (§3.1.18 "menvcfg", §18.2.5 "henvcfg"; CBIE/CBCFE/CBZE: Zicbom,
 * Zicboz; STCE: Sstc; PBMTE: Svpbmt; ADUE: Svadu). */
#define ENVCFG_CBIE_FLUSH (1ul << 4)
#define ENVCFG_CBCFE      (1ul << 6)
#define ENVCFG_CBZE       (1ul << 7)
#define ENVCFG_ADUE       (1ul << 61)
#define ENVCFG_PBMTE      (1ul << 62)
#define ENVCFG_STCE       (1ul << 63)

#endif
