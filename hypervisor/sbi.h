/*
 * The SBI the hypervisor offers its guest (SBI spec v2.0) and the IDs it uses to call its own
 * firmware. One file per extension (sbi_<name>.c) defines a struct sbi_ext; sbi.c lists them in
 * a table and dispatches guest ecalls (cause 10) through it.
 */
#ifndef HEXT_HYP_SBI_H
#define HEXT_HYP_SBI_H

#include <stdbool.h>
#include <stdint.h>

struct vcpu;
struct vm;

/* Extension IDs (SBI spec §3, chapters 4-12). */
#define SBI_EXT_LEGACY_SET_TIMER   0x00
#define SBI_EXT_LEGACY_PUTCHAR     0x01
#define SBI_EXT_LEGACY_GETCHAR     0x02
#define SBI_EXT_LEGACY_CLEAR_IPI   0x03
#define SBI_EXT_LEGACY_SEND_IPI    0x04
#define SBI_EXT_LEGACY_FENCE_I     0x05
#define SBI_EXT_LEGACY_SFENCE_VMA  0x06
#define SBI_EXT_LEGACY_SFENCE_ASID 0x07
#define SBI_EXT_LEGACY_SHUTDOWN    0x08
#define SBI_EXT_BASE               0x10
#define SBI_EXT_TIME               0x54494d45
#define SBI_EXT_IPI                0x735049
#define SBI_EXT_RFENCE             0x52464e43
#define SBI_EXT_HSM                0x48534d
#define SBI_EXT_SRST               0x53525354
#define SBI_EXT_DBCN               0x4442434e

/* Error codes (§3.2). */
#define SBI_SUCCESS               0
#define SBI_ERR_FAILED            -1
#define SBI_ERR_NOT_SUPPORTED     -2
#define SBI_ERR_INVALID_PARAM     -3
#define SBI_ERR_DENIED            -4
#define SBI_ERR_INVALID_ADDRESS   -5
#define SBI_ERR_ALREADY_AVAILABLE -6
#define SBI_ERR_ALREADY_STARTED   -7
#define SBI_ERR_ALREADY_STOPPED   -8

/* BASE functions (§4). */
#define SBI_BASE_GET_SPEC_VERSION 0
#define SBI_BASE_GET_IMPL_ID      1
#define SBI_BASE_GET_IMPL_VERSION 2
#define SBI_BASE_PROBE_EXT        3
#define SBI_BASE_GET_MVENDORID    4
#define SBI_BASE_GET_MARCHID      5
#define SBI_BASE_GET_MIMPID       6

/* Spec version 2.0 (§4.1: major in bits 30:24, minor in 23:0). */
#define SBI_SPEC_VERSION (2UL << 24)
/* Implementation ID: ASCII "hext". Not in the spec's table of registered IDs (§4.9), which ends
 * at small numbers, so it cannot collide with one. */
#define SBI_IMPL_ID_HEXT      0x68657874UL
#define SBI_IMPL_VERSION_HEXT 0x00000100UL /* 0.1 */

#define SBI_TIME_SET_TIMER 0

#define SBI_IPI_SEND_IPI 0

#define SBI_RFENCE_FENCE_I         0
#define SBI_RFENCE_SFENCE_VMA      1
#define SBI_RFENCE_SFENCE_VMA_ASID 2
#define SBI_RFENCE_HFENCE_LAST     6

#define SBI_HSM_HART_START      0
#define SBI_HSM_HART_STOP       1
#define SBI_HSM_HART_GET_STATUS 2
#define SBI_HSM_HART_SUSPEND    3
#define SBI_HSM_STARTED         0
#define SBI_HSM_STOPPED         1
#define SBI_HSM_START_PENDING   2
#define SBI_HSM_SUSPENDED       4

#define SBI_SRST_RESET       0
#define SBI_SRST_SHUTDOWN    0
#define SBI_SRST_COLD_REBOOT 1
#define SBI_SRST_WARM_REBOOT 2
#define SBI_SRST_REASON_NONE 0
#define SBI_SRST_REASON_FAIL 1

#define SBI_DBCN_WRITE      0
#define SBI_DBCN_READ       1
#define SBI_DBCN_WRITE_BYTE 2

struct sbi_ret {
    long error;
    long value;
};

struct sbi_ext {
    const char *name;
    unsigned long eid_first, eid_last;
    /* Legacy extensions (v0.1) return one value in a0 (error) and leave a1 alone. */
    bool legacy;
    struct sbi_ret (*handle)(struct vcpu *v, unsigned long eid, unsigned long fid,
                             const unsigned long *args);
};

extern const struct sbi_ext sbi_ext_legacy, sbi_ext_base, sbi_ext_time, sbi_ext_ipi, sbi_ext_rfence,
        sbi_ext_hsm, sbi_ext_srst, sbi_ext_dbcn;

/* The extension table: index i is what sbi_calls[i] counts; the last slot counts calls to
 * unknown extensions. */
#define SBI_EXT_COUNT 8
extern const struct sbi_ext *const sbi_extensions[SBI_EXT_COUNT];
extern uint64_t sbi_calls[SBI_EXT_COUNT + 1];

const struct sbi_ext *sbi_find_ext(unsigned long eid);
/* Handles the guest's ecall: reads a0-a7, writes a0/a1, advances sepc past the ecall. */
void sbi_dispatch(struct vcpu *v);

/* Shutdown or reboot on the guest's request (SRST, legacy shutdown): ends the run. */
void sbi_system_reset(struct vcpu *v, unsigned long type, unsigned long reason);

/* What an SBI fence's [start, start + size) asks for (sbi_fence_range.c). FENCE_RANGE_PAGES
 * ranges are not empty and end below the top page of the address space, so a page walk over
 * them terminates; FENCE_RANGE_ALL is passed on as start 0, size -1; FENCE_RANGE_NONE (size 0
 * elsewhere than start 0) fences nothing. */
enum fence_range { FENCE_RANGE_INVALID, FENCE_RANGE_NONE, FENCE_RANGE_ALL, FENCE_RANGE_PAGES };
enum fence_range sbi_fence_range(unsigned long start, unsigned long size);
/* The guest's remote SFENCE.VMA (RFENCE FIDs 1-2, legacy EIDs 6-7) on the vCPUs in targets:
 * SBI_SUCCESS or SBI_ERR_INVALID_ADDRESS. */
long sbi_remote_sfence_vma(struct vcpu *v, unsigned long targets, unsigned long start,
                           unsigned long size, bool use_asid, unsigned long asid);

/* Set of vCPUs (bit i: vCPU i) named by an SBI hart mask (§3.1). Returns SBI_SUCCESS or
 * SBI_ERR_INVALID_PARAM when the mask names a hart the guest does not have. */
long sbi_hart_mask(const struct vm *vm, unsigned long mask, unsigned long base,
                   unsigned long *vcpus);

#endif
