/* Guest ecall dispatch through the extension table. See sbi.h. */
#include "sbi.h"
#include "atomic.h"

#include "vcpu.h"

const struct sbi_ext *const sbi_extensions[SBI_EXT_COUNT] = {
        &sbi_ext_legacy, &sbi_ext_base, &sbi_ext_time, &sbi_ext_ipi,
        &sbi_ext_rfence, &sbi_ext_hsm,  &sbi_ext_srst, &sbi_ext_dbcn,
};

uint64_t sbi_calls[SBI_EXT_COUNT + 1];

static int find_index(unsigned long eid)
{
    for (int i = 0; i < SBI_EXT_COUNT; i++)
        if (eid >= sbi_extensions[i]->eid_first && eid <= sbi_extensions[i]->eid_last)
            return i;
    return -1;
}

const struct sbi_ext *sbi_find_ext(unsigned long eid)
{
    int i = find_index(eid);
    return i < 0 ? 0 : sbi_extensions[i];
}

void sbi_dispatch(struct vcpu *v)
{
    unsigned long *x = v->ctx.x;
    unsigned long eid = x[REG_A7], fid = x[REG_A6];
    int i = find_index(eid);

    /* Before the handler, so that handlers that redirect the guest (HSM, SRST) win. */
    v->ctx.sepc += 4;
    if (i < 0) {
        ATOMIC_INC(sbi_calls[SBI_EXT_COUNT]);
        x[REG_A0] = (unsigned long)SBI_ERR_NOT_SUPPORTED;
        return;
    }
    ATOMIC_INC(sbi_calls[i]);
    const struct sbi_ext *ext = sbi_extensions[i];
    struct sbi_ret r = ext->handle(v, eid, fid, &x[REG_A0]);
    x[REG_A0] = (unsigned long)r.error;
    if (!ext->legacy)
        x[REG_A1] = (unsigned long)r.value;
}

long sbi_hart_mask(const struct vm *vm, unsigned long mask, unsigned long base,
                   unsigned long *vcpus)
{
    unsigned long all = (1UL << vm->nvcpus) - 1;

    if (base == (unsigned long)-1) {
        *vcpus = all;
        return SBI_SUCCESS;
    }
    *vcpus = 0;
    for (unsigned bit = 0; bit < 64; bit++) {
        if (!(mask & (1UL << bit)))
            continue;
        if (base + bit < base || base + bit >= vm->nvcpus)
            return SBI_ERR_INVALID_PARAM;
        *vcpus |= 1UL << (base + bit);
    }
    return SBI_SUCCESS;
}
