/* On-blob layout of a flattened devicetree (Devicetree Specification v0.4, §5.2, §5.4.1). */
#ifndef HEXT_LIB_FDT_FORMAT_H
#define HEXT_LIB_FDT_FORMAT_H

#define DT_MAGIC 0xd00dfeedU

/* Header field offsets: ten big-endian u32s. */
#define DT_HDR_MAGIC        0
#define DT_HDR_TOTALSIZE    4
#define DT_HDR_OFF_STRUCT   8
#define DT_HDR_OFF_STRINGS  12
#define DT_HDR_OFF_RSVMAP   16
#define DT_HDR_VERSION      20
#define DT_HDR_LAST_COMP    24
#define DT_HDR_BOOT_CPUID   28
#define DT_HDR_SIZE_STRINGS 32
#define DT_HDR_SIZE_STRUCT  36
#define DT_HEADER_SIZE      40

/* Structure block tokens. */
#define DT_BEGIN_NODE 0x1
#define DT_END_NODE   0x2
#define DT_PROP       0x3
#define DT_NOP        0x4
#define DT_END        0x9

#endif
