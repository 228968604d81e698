/*
 * SBI DBCN extension (SBI spec v2.0 chapter 12), offered to the guest although the host's
 * OpenSBI 1.1 lacks it: output goes through the guest console (console.c), input comes from
 * the host's legacy getchar.
 */
#include "sbi.h"
#include "vcpu.h"

#define PAGE_SIZE 4096UL

/* Guest RAM is backed by more than one host range (gstage.c: split at 0x80200000), and
 * guest_ram_ptr() answers only for a span inside one of them; the backings are split at page
 * boundaries, so a span that stays in one page always has a single host pointer. */
static char *page_span(struct vm *vm, unsigned long gpa, unsigned long left, unsigned long *n)
{
    *n = PAGE_SIZE - (gpa & (PAGE_SIZE - 1));
    if (*n > left)
        *n = left;
    return guest_ram_ptr(vm, gpa, *n);
}

/* §3.1.2 (shared memory physical address range): every byte must be memory the guest may
 * access, or the call fails. The walk ends at the first page outside guest RAM. */
static bool buffer_in_ram(struct vm *vm, unsigned long gpa, unsigned long len)
{
    unsigned long n;
    if (len > ~gpa)
        return false;
    for (; len; gpa += n, len -= n)
        if (!page_span(vm, gpa, len, &n))
            return false;
    return true;
}

static unsigned long console_write(struct vm *vm, unsigned long gpa, unsigned long len)
{
    unsigned long n, done = 0;
    for (; done < len; gpa += n, done += n) {
        const char *buf = page_span(vm, gpa, len - done, &n);
        for (unsigned long i = 0; i < n; i++)
            guest_console_putc(vm, buf[i]);
    }
    return done;
}

/* §12.2: reads what the console has, at most len bytes, never waiting. */
static unsigned long console_read(struct vm *vm, unsigned long gpa, unsigned long len)
{
    unsigned long done = 0, room = 0;
    char *buf = 0;
    int c;
    while (done < len && (c = host_getchar()) >= 0) {
        if (!room)
            buf = page_span(vm, gpa + done, len - done, &room);
        *buf++ = (char)c;
        room--;
        done++;
    }
    return done;
}

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
    if (base_hi || !buffer_in_ram(v->vm, base_lo, len))
        return (struct sbi_ret){SBI_ERR_INVALID_PARAM, 0};
    unsigned long done = fid == SBI_DBCN_WRITE ? console_write(v->vm, base_lo, len)
                                               : console_read(v->vm, base_lo, len);
    return (struct sbi_ret){SBI_SUCCESS, (long)done};
}

const struct sbi_ext sbi_ext_dbcn = {"dbcn", SBI_EXT_DBCN, SBI_EXT_DBCN, false, dbcn_handle};
