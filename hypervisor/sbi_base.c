/* SBI BASE extension (SBI spec v2.0 chapter 4). */
#include "sbi.h"
#include "vcpu.h"

static struct sbi_ret base_handle(struct vcpu *v, unsigned long eid, unsigned long fid,
                                  const unsigned long *args)
{
    (void)eid;
    switch (fid) {
    case SBI_BASE_GET_SPEC_VERSION:
        return (struct sbi_ret){SBI_SUCCESS, (long)SBI_SPEC_VERSION};
    case SBI_BASE_GET_IMPL_ID:
        return (struct sbi_ret){SBI_SUCCESS, (long)SBI_IMPL_ID_HEXT};
    case SBI_BASE_GET_IMPL_VERSION:
        return (struct sbi_ret){SBI_SUCCESS, (long)SBI_IMPL_VERSION_HEXT};
    case SBI_BASE_PROBE_EXT:
        /* §4.4: 0 when the extension is not available, 1 when it is. */
        return (struct sbi_ret){SBI_SUCCESS, sbi_find_ext(args[0]) ? 1 : 0};
    case SBI_BASE_GET_MVENDORID:
        return (struct sbi_ret){SBI_SUCCESS, (long)v->vm->mvendorid};
    case SBI_BASE_GET_MARCHID:
        return (struct sbi_ret){SBI_SUCCESS, (long)v->vm->marchid};
    case SBI_BASE_GET_MIMPID:
        return (struct sbi_ret){SBI_SUCCESS, (long)v->vm->mimpid};
    default:
        return (struct sbi_ret){SBI_ERR_NOT_SUPPORTED, 0};
    }
}

const struct sbi_ext sbi_ext_base = {"base", SBI_EXT_BASE, SBI_EXT_BASE, false, base_handle};
