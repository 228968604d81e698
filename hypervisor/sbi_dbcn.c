/*
 * SBI DBCN extension (SBI spec v2.0 chapter 12), offered to the guest although the host's
 * OpenSBI 1.1 lacks it: output goes through the guest console (console.c), input comes from
 * the host's legacy getchar.
 */
#include "sbi.h"
#include "vcpu.h"

static struct sbi_ret dbcn_handle(struct vcpu *v, unsigned long eid, unsigned long fid,
                                  const unsigned long *args)
{
    unsigned long len = args[0], base_lo = args[1], base_hi = args[2];
    (void)eid;

    if (fid == SBI_DBCN_WRITE_BYTE) {
        guest_console_putc(v->vm, (char)(args[0] & 0xff));
        return (struct sbi_ret){SBI_SUCCESS, 0};
    }
    if (fid != SBI_DBCN_WRITE && fid != SBI_DBCN_READ)
        return (struct sbi_ret){SBI_ERR_NOT_SUPPORTED, 0};

    /* §12.1: the buffer is guest-physical memory; on RV64 base_hi holds bits above 63. */
    char *buf = base_hi ? 0 : guest_ram_ptr(v->vm, base_lo, len);
    if (!buf)
        return (struct sbi_ret){SBI_ERR_INVALID_PARAM, 0};

    unsigned long done = 0;
    if (fid == SBI_DBCN_WRITE) {
        for (; done < len; done++)
            guest_console_putc(v->vm, buf[done]);
    } else {
        int c;
        while (done < len && (c = host_getchar()) >= 0)
            buf[done++] = (char)c;
    }
    return (struct sbi_ret){SBI_SUCCESS, (long)done};
}

const struct sbi_ext sbi_ext_dbcn = {"dbcn", SBI_EXT_DBCN, SBI_EXT_DBCN, false, dbcn_handle};
