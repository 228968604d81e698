/*
 * The address range of an SBI fence call (RFENCE, SBI spec v2.0 chapter 8, and the legacy
 * remote SFENCE.VMA calls, §5.7-5.8): [start, start + size). The hypervisor flushes such a
 * range page by page, so a range whose pages run past the top of the address space must never
 * reach that loop: its next page address would wrap to 0 and the walk would go on ~2^52 times.
 */
#include "sbi.h"
#include "vcpu.h"

#define PAGE_SIZE 4096UL

enum fence_range sbi_fence_range(unsigned long start, unsigned long size)
{
    /* §8 preamble: start 0 with size 0, or size 2^XLEN-1, is the entire address space. */
    if ((start == 0 && size == 0) || size == (unsigned long)-1)
        return FENCE_RANGE_ALL;
    /* An empty range elsewhere names no address: nothing to fence. (Not a page walk: one
     * from start's page up to start + 0 would still visit that page, or wrap in the top one.) */
    if (size == 0)
        return FENCE_RANGE_NONE;
    /* Past 2^XLEN the range names no addresses: "start_addr or size is not valid" (§8.2). */
    if (size - 1 > ~start)
        return FENCE_RANGE_INVALID;
    /* The last byte lies in the top page: flushing everything covers the range (an SFENCE.VMA
     * with rs1 = x0 orders every translation, priv spec "Supervisor Memory-Management Fence"). */
    if (start + (size - 1) >= -PAGE_SIZE)
        return FENCE_RANGE_ALL;
    return FENCE_RANGE_PAGES;
}

long sbi_remote_sfence_vma(struct vcpu *v, unsigned long targets, unsigned long start,
                           unsigned long size, bool use_asid, unsigned long asid)
{
    switch (sbi_fence_range(start, size)) {
    case FENCE_RANGE_INVALID:
        return SBI_ERR_INVALID_ADDRESS;
    case FENCE_RANGE_ALL:
        start = 0;
        size = (unsigned long)-1;
        break;
    case FENCE_RANGE_NONE:
        return SBI_SUCCESS;
    case FENCE_RANGE_PAGES:
        break;
    }
    if (targets)
        vcpu_flush_vvma(v, targets, start, size, use_asid, asid);
    return SBI_SUCCESS;
}
