/*
 * SBI dispatch for the guest (hypervisor/sbi*.c) on the host, against SBI spec v2.0: every
 * extension and function ID, unknown IDs and bad arguments. The vCPU services the handlers
 * call (timer, interrupts, fences, guest memory, console) are fakes that record what they saw.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "csr.h"
#include "sbi.h"
#include "vcpu.h"

/* ---- fakes of the vCPU services (vcpu.h) ---- */

#define FAKE_RAM_GPA  0x80000000UL
#define FAKE_RAM_SIZE 8192
/* Like gstage.c's two host backings: no single pointer for a span across this GPA. */
#define FAKE_RAM_SPLIT (FAKE_RAM_GPA + 4096)

static struct vm vm;
static struct options opts;
static uint8_t ram[FAKE_RAM_SIZE];
static unsigned long pending;
static uint64_t timer_deadline;
static int fence_i_calls, flush_calls;
static unsigned long ipi_set, fence_set;
static unsigned long flush_start, flush_size, flush_asid;
static bool flush_use_asid;
static char console[256];
static size_t console_len;
static const char *input;
static unsigned long guest_word_va, guest_word;

void vm_end(struct vm *v, enum vm_end how, const char *reason)
{
    if (v->end == VM_RUNNING) {
        v->end = how;
        snprintf(v->reason, sizeof(v->reason), "%s", reason);
    }
}

void *guest_ram_ptr(struct vm *v, uint64_t gpa, uint64_t len)
{
    (void)v;
    if (gpa < FAKE_RAM_GPA || gpa - FAKE_RAM_GPA > FAKE_RAM_SIZE ||
        len > FAKE_RAM_SIZE - (gpa - FAKE_RAM_GPA))
        return NULL;
    if (gpa < FAKE_RAM_SPLIT && gpa + len > FAKE_RAM_SPLIT)
        return NULL;
    return ram + (gpa - FAKE_RAM_GPA);
}

bool guest_read_ulong(struct vcpu *v, unsigned long gva, unsigned long *out)
{
    (void)v;
    if (gva != guest_word_va)
        return false;
    *out = guest_word;
    return true;
}

void vtimer_set(struct vcpu *v, uint64_t deadline)
{
    (void)v;
    pending &= ~MIP_VSTIP;
    timer_deadline = deadline;
}

void vcpu_set_pending(struct vcpu *v, unsigned long bits)
{
    (void)v;
    pending |= bits;
}

void vcpu_clear_pending(struct vcpu *v, unsigned long bits)
{
    (void)v;
    pending &= ~bits;
}

void vcpu_send_ipi(struct vcpu *self, unsigned long vcpus)
{
    (void)self;
    ipi_set |= vcpus;
    if (vcpus & 1)
        pending |= MIP_VSSIP;
}

void vcpu_fence_i(struct vcpu *self, unsigned long vcpus)
{
    (void)self;
    fence_i_calls++;
    fence_set = vcpus;
}

long vcpu_start(struct vcpu *target, unsigned long start_addr, unsigned long opaque)
{
    if (target->state != VCPU_STOPPED)
        return SBI_ERR_ALREADY_AVAILABLE;
    target->state = VCPU_START_PENDING;
    target->start_addr = start_addr;
    target->start_opaque = opaque;
    return SBI_SUCCESS;
}

void vcpu_stop_self(struct vcpu *v)
{
    v->state = VCPU_STOPPED;
}

void vcpu_wait_self(struct vcpu *v)
{
    v->waiting = true;
}

void vcpu_flush_vvma(struct vcpu *self, unsigned long vcpus, unsigned long start,
                     unsigned long size, bool use_asid, unsigned long asid)
{
    (void)self;
    /* vcpu.c walks a range page by page from start's page while below start + size: it must be
     * the whole space, or not empty and end below the top page (a page address past it wraps
     * to 0 and the walk never ends). */
    assert_true(size == -1UL || (size && start + size <= -4096UL));
    fence_set = vcpus;
    flush_calls++;
    flush_start = start;
    flush_size = size;
    flush_use_asid = use_asid;
    flush_asid = asid;
}

void guest_console_putc(struct vm *v, char c)
{
    (void)v;
    if (console_len + 1 < sizeof(console))
        console[console_len++] = c;
}

int host_getchar(void)
{
    return input && *input ? *input++ : -1;
}

/* ---- helpers ---- */

#define A1_SENTINEL 0x5a5a5a5aUL

static int setup(void **state)
{
    (void)state;
    memset(&vm, 0, sizeof(vm));
    options_default(&opts);
    vm.opt = &opts;
    vm.nvcpus = 1;
    for (unsigned i = 0; i < VM_MAX_VCPUS; i++) {
        vm.vcpu[i].vm = &vm;
        vm.vcpu[i].id = i;
        vm.vcpu[i].state = VCPU_STOPPED;
    }
    vm.vcpu[0].state = VCPU_STARTED;
    vm.mvendorid = 0x489;
    vm.marchid = 0x8000000000000007UL;
    vm.mimpid = 42;
    pending = 0;
    timer_deadline = 0;
    fence_i_calls = flush_calls = 0;
    ipi_set = fence_set = 0;
    flush_start = flush_size = flush_asid = 0;
    flush_use_asid = false;
    memset(console, 0, sizeof(console));
    console_len = 0;
    input = NULL;
    guest_word_va = guest_word = 0;
    memset(sbi_calls, 0, sizeof(sbi_calls));
    return 0;
}

/* One ecall from the guest: returns a0 (error), *value = a1. */
static long call(unsigned long eid, unsigned long fid, unsigned long a0, unsigned long a1,
                 unsigned long a2, unsigned long a3, unsigned long a4, long *value)
{
    struct vcpu *v = &vm.vcpu[0];
    unsigned long *x = v->ctx.x;
    x[REG_A0] = a0;
    x[REG_A1] = a1;
    x[REG_A2] = a2;
    x[REG_A3] = a3;
    x[REG_A4] = a4;
    x[REG_A5] = 0;
    x[REG_A6] = fid;
    x[REG_A7] = eid;
    v->ctx.sepc = 0x80201000;
    sbi_dispatch(v);
    assert_int_equal(v->ctx.sepc, 0x80201004); /* §3: ecall returns past itself */
    if (value)
        *value = (long)x[REG_A1];
    return (long)x[REG_A0];
}

static long call0(unsigned long eid, unsigned long fid, long *value)
{
    return call(eid, fid, 0, 0, 0, 0, 0, value);
}

/* ---- BASE, §4 ---- */

static void test_base(void **state)
{
    long v;
    (void)state;
    assert_int_equal(call0(SBI_EXT_BASE, 0, &v), SBI_SUCCESS);
    assert_int_equal(v, 0x02000000); /* §4.1: v2.0, major in bits 30:24 */
    assert_int_equal(call0(SBI_EXT_BASE, 1, &v), SBI_SUCCESS);
    assert_int_equal(v, SBI_IMPL_ID_HEXT);
    assert_int_equal(call0(SBI_EXT_BASE, 2, &v), SBI_SUCCESS);
    assert_int_equal(v, SBI_IMPL_VERSION_HEXT);
    assert_int_equal(call0(SBI_EXT_BASE, 4, &v), SBI_SUCCESS);
    assert_int_equal(v, 0x489);
    assert_int_equal(call0(SBI_EXT_BASE, 5, &v), SBI_SUCCESS);
    assert_int_equal((unsigned long)v, 0x8000000000000007UL);
    assert_int_equal(call0(SBI_EXT_BASE, 6, &v), SBI_SUCCESS);
    assert_int_equal(v, 42);
    assert_int_equal(call0(SBI_EXT_BASE, 7, NULL), SBI_ERR_NOT_SUPPORTED);
}

static void test_base_probe(void **state)
{
    static const unsigned long present[] = {0x10,       0x54494d45, 0x735049, 0x52464e43, 0x48534d,
                                            0x53525354, 0x4442434e, 0x00,     0x01,       0x08};
    static const unsigned long absent[] = {
            0x09,       0x0f, 0x504d55 /* PMU */, 0x535553 /* SUSP */, 0x43505043 /* CPPC */,
            0x12345678, ~0UL};
    long v;
    (void)state;
    for (size_t i = 0; i < sizeof(present) / sizeof(present[0]); i++) {
        assert_int_equal(call(SBI_EXT_BASE, 3, present[i], 0, 0, 0, 0, &v), SBI_SUCCESS);
        assert_int_equal(v, 1);
    }
    for (size_t i = 0; i < sizeof(absent) / sizeof(absent[0]); i++) {
        assert_int_equal(call(SBI_EXT_BASE, 3, absent[i], 0, 0, 0, 0, &v), SBI_SUCCESS);
        assert_int_equal(v, 0); /* §4.4: 0 = not available */
    }
}

static void test_unknown_extension(void **state)
{
    (void)state;
    assert_int_equal(call0(0x504d55, 0, NULL), SBI_ERR_NOT_SUPPORTED);
    assert_int_equal(call0(0x09, 0, NULL), SBI_ERR_NOT_SUPPORTED);
    assert_int_equal(call0(0x0f, 0, NULL), SBI_ERR_NOT_SUPPORTED);
    assert_int_equal(call0(~0UL, ~0UL, NULL), SBI_ERR_NOT_SUPPORTED);
    assert_int_equal(sbi_calls[SBI_EXT_COUNT], 4);
}

/* ---- TIME, §6 ---- */

static void test_time(void **state)
{
    (void)state;
    pending = MIP_VSTIP;
    assert_int_equal(call(SBI_EXT_TIME, 0, 123456, 0, 0, 0, 0, NULL), SBI_SUCCESS);
    assert_int_equal(timer_deadline, 123456);
    assert_int_equal(pending & MIP_VSTIP, 0); /* §6.1: clears the pending timer interrupt */
    assert_int_equal(call0(SBI_EXT_TIME, 1, NULL), SBI_ERR_NOT_SUPPORTED);
}

/* ---- IPI, §7 ---- */

static void test_ipi(void **state)
{
    (void)state;
    assert_int_equal(call(SBI_EXT_IPI, 0, 1, 0, 0, 0, 0, NULL), SBI_SUCCESS);
    assert_int_equal(pending, MIP_VSSIP);
    pending = 0;
    assert_int_equal(call(SBI_EXT_IPI, 0, 0, -1UL, 0, 0, 0, NULL), SBI_SUCCESS);
    assert_int_equal(pending, MIP_VSSIP); /* base -1: all harts */
    pending = 0;
    assert_int_equal(call(SBI_EXT_IPI, 0, 2, 0, 0, 0, 0, NULL), SBI_ERR_INVALID_PARAM);
    assert_int_equal(call(SBI_EXT_IPI, 0, 1, 1, 0, 0, 0, NULL), SBI_ERR_INVALID_PARAM);
    assert_int_equal(call(SBI_EXT_IPI, 0, 1, -2UL, 0, 0, 0, NULL), SBI_ERR_INVALID_PARAM);
    assert_int_equal(pending, 0);
    assert_int_equal(call(SBI_EXT_IPI, 0, 0, 0, 0, 0, 0, NULL), SBI_SUCCESS);
    assert_int_equal(pending, 0);
    assert_int_equal(call0(SBI_EXT_IPI, 1, NULL), SBI_ERR_NOT_SUPPORTED);
}

/* ---- RFENCE, §8 ---- */

static void test_rfence(void **state)
{
    (void)state;
    assert_int_equal(call(SBI_EXT_RFENCE, 0, 1, 0, 0, 0, 0, NULL), SBI_SUCCESS);
    assert_int_equal(fence_i_calls, 1);
    assert_int_equal(call(SBI_EXT_RFENCE, 1, 1, 0, 0x1000, 0x2000, 0, NULL), SBI_SUCCESS);
    assert_int_equal(flush_calls, 1);
    assert_int_equal(flush_start, 0x1000);
    assert_int_equal(flush_size, 0x2000);
    assert_false(flush_use_asid);
    assert_int_equal(call(SBI_EXT_RFENCE, 2, 0, -1UL, 0, -1UL, 7, NULL), SBI_SUCCESS);
    assert_int_equal(flush_calls, 2);
    assert_true(flush_use_asid);
    assert_int_equal(flush_asid, 7);
    assert_int_equal(flush_size, -1UL);
    /* §8.4-8.7: no H extension in the guest. */
    for (unsigned long fid = 3; fid <= 6; fid++)
        assert_int_equal(call(SBI_EXT_RFENCE, fid, 1, 0, 0, 0, 0, NULL), SBI_ERR_NOT_SUPPORTED);
    assert_int_equal(call0(SBI_EXT_RFENCE, 7, NULL), SBI_ERR_NOT_SUPPORTED);
    assert_int_equal(call(SBI_EXT_RFENCE, 1, 4, 0, 0, 0, 0, NULL), SBI_ERR_INVALID_PARAM);
    assert_int_equal(call(SBI_EXT_RFENCE, 0, 1, 3, 0, 0, 0, NULL), SBI_ERR_INVALID_PARAM);
    assert_int_equal(call(SBI_EXT_RFENCE, 1, 1, 0, -4096UL, 8192, 0, NULL),
                     SBI_ERR_INVALID_ADDRESS);
    assert_int_equal(flush_calls, 2);
    /* Ranges reaching the top page are valid (they end at or below 2^64) and flushed whole. */
    assert_int_equal(call(SBI_EXT_RFENCE, 1, 1, 0, 0xfffffffffffff800UL, 0x700, 0, NULL),
                     SBI_SUCCESS);
    assert_int_equal(flush_size, -1UL);
    assert_int_equal(call(SBI_EXT_RFENCE, 2, 1, 0, -4096UL, 4096, 5, NULL), SBI_SUCCESS);
    assert_int_equal(flush_start, 0);
    assert_int_equal(flush_size, -1UL);
    assert_int_equal(flush_calls, 4);
    /* Start 0, size 0 is the whole space (§8 preamble); size 0 elsewhere is an empty range. */
    assert_int_equal(call(SBI_EXT_RFENCE, 1, 1, 0, 0, 0, 0, NULL), SBI_SUCCESS);
    assert_int_equal(flush_size, -1UL);
    int calls = flush_calls;
    assert_int_equal(call(SBI_EXT_RFENCE, 1, 1, 0, 0x5000, 0, 0, NULL), SBI_SUCCESS);
    assert_int_equal(call(SBI_EXT_RFENCE, 2, 1, 0, -2UL, 0, 0, NULL), SBI_SUCCESS);
    assert_int_equal(flush_calls, calls);
}

/* ---- HSM, §9 ---- */

static void test_hsm(void **state)
{
    long v;
    (void)state;
    assert_int_equal(call(SBI_EXT_HSM, 0, 0, 0x80200000, 0, 0, 0, NULL), SBI_ERR_ALREADY_AVAILABLE);
    assert_int_equal(call(SBI_EXT_HSM, 0, 1, 0x80200000, 0, 0, 0, NULL), SBI_ERR_INVALID_PARAM);
    assert_int_equal(call(SBI_EXT_HSM, 2, 0, 0, 0, 0, 0, &v), SBI_SUCCESS);
    assert_int_equal(v, SBI_HSM_STARTED);
    assert_int_equal(call(SBI_EXT_HSM, 2, 1, 0, 0, 0, 0, NULL), SBI_ERR_INVALID_PARAM);
    assert_int_equal(call(SBI_EXT_HSM, 2, -1UL, 0, 0, 0, 0, NULL), SBI_ERR_INVALID_PARAM);
    assert_int_equal(call0(SBI_EXT_HSM, 4, NULL), SBI_ERR_NOT_SUPPORTED);
    assert_int_equal(vm.end, VM_RUNNING);
}

static void test_hsm_suspend(void **state)
{
    (void)state;
    /* §9.4 table 33. */
    assert_int_equal(call(SBI_EXT_HSM, 3, 0, 0, 0, 0, 0, NULL), SBI_SUCCESS);
    /* §9.4: a retentive suspend waits for an interrupt, like WFI (the hart goes to others). */
    assert_true(vm.vcpu[0].waiting);
    vm.vcpu[0].waiting = false;
    assert_int_equal(call(SBI_EXT_HSM, 3, 1, 0, 0, 0, 0, NULL), SBI_ERR_INVALID_PARAM);
    assert_int_equal(call(SBI_EXT_HSM, 3, 0x0fffffff, 0, 0, 0, 0, NULL), SBI_ERR_INVALID_PARAM);
    /* §9.4: an unimplemented platform-specific type is INVALID_PARAM, like a reserved one. */
    assert_int_equal(call(SBI_EXT_HSM, 3, 0x10000000, 0, 0, 0, 0, NULL), SBI_ERR_INVALID_PARAM);
    assert_int_equal(call(SBI_EXT_HSM, 3, 0x90000000, 0, 0, 0, 0, NULL), SBI_ERR_INVALID_PARAM);
    assert_int_equal(call(SBI_EXT_HSM, 3, 0x80000000, 0x80200000, 0, 0, 0, NULL),
                     SBI_ERR_NOT_SUPPORTED);
    assert_int_equal(call(SBI_EXT_HSM, 3, 0x80000001, 0, 0, 0, 0, NULL), SBI_ERR_INVALID_PARAM);
    assert_int_equal(call(SBI_EXT_HSM, 3, 0xffffffff, 0, 0, 0, 0, NULL), SBI_ERR_INVALID_PARAM);
    assert_int_equal(call(SBI_EXT_HSM, 3, 0x100000000UL, 0, 0, 0, 0, NULL), SBI_ERR_INVALID_PARAM);
}

/* Two vCPUs: the second starts stopped (Linux starts its secondary harts itself). */
static void test_hsm_two_vcpus(void **state)
{
    long v;
    (void)state;
    vm.nvcpus = 2;
    assert_int_equal(call(SBI_EXT_HSM, 2, 1, 0, 0, 0, 0, &v), SBI_SUCCESS);
    assert_int_equal(v, SBI_HSM_STOPPED);
    /* §9.1: start_addr must be memory the hart can execute: outside guest RAM it is not. */
    assert_int_equal(call(SBI_EXT_HSM, 0, 1, 0x1000, 7, 0, 0, NULL), SBI_ERR_INVALID_ADDRESS);
    assert_int_equal(call(SBI_EXT_HSM, 0, 1, FAKE_RAM_GPA + 0x100, 7, 0, 0, NULL), SBI_SUCCESS);
    assert_int_equal(vm.vcpu[1].start_addr, FAKE_RAM_GPA + 0x100);
    assert_int_equal(vm.vcpu[1].start_opaque, 7);
    assert_int_equal(call(SBI_EXT_HSM, 2, 1, 0, 0, 0, 0, &v), SBI_SUCCESS);
    assert_int_equal(v, SBI_HSM_START_PENDING);
    assert_int_equal(call(SBI_EXT_HSM, 0, 1, FAKE_RAM_GPA, 0, 0, 0, NULL),
                     SBI_ERR_ALREADY_AVAILABLE);
    vm.vcpu[1].state = VCPU_STARTED;
    /* Stopping one of two running harts does not end the run. */
    assert_int_equal(call0(SBI_EXT_HSM, 1, NULL), SBI_SUCCESS);
    assert_int_equal(vm.vcpu[0].state, VCPU_STOPPED);
    assert_int_equal(vm.end, VM_RUNNING);

    /* IPI and RFENCE hart masks now reach vCPU 1. */
    assert_int_equal(call(SBI_EXT_IPI, 0, 3, 0, 0, 0, 0, NULL), SBI_SUCCESS);
    assert_int_equal(ipi_set, 3);
    assert_int_equal(call(SBI_EXT_IPI, 0, 1, 1, 0, 0, 0, NULL), SBI_SUCCESS);
    assert_int_equal(ipi_set, 3);
    assert_int_equal(call(SBI_EXT_IPI, 0, 4, 0, 0, 0, 0, NULL), SBI_ERR_INVALID_PARAM);
    assert_int_equal(call(SBI_EXT_RFENCE, 1, 2, 0, 0, 0, 0, NULL), SBI_SUCCESS);
    assert_int_equal(fence_set, 2);
    assert_int_equal(call(SBI_EXT_RFENCE, 0, 0, -1UL, 0, 0, 0, NULL), SBI_SUCCESS);
    assert_int_equal(fence_set, 3);
}

static void test_hsm_stop_last_hart(void **state)
{
    long v;
    (void)state;
    assert_int_equal(call0(SBI_EXT_HSM, 1, NULL), SBI_SUCCESS);
    assert_int_equal(vm.end, VM_FAILED);
    assert_int_equal(call(SBI_EXT_HSM, 2, 0, 0, 0, 0, 0, &v), SBI_SUCCESS);
    assert_int_equal(v, SBI_HSM_STOPPED);
}

/* ---- SRST, §10 ---- */

static void srst(unsigned long type, unsigned long reason, long want_err, enum vm_end want_end)
{
    setup(NULL);
    assert_int_equal(call(SBI_EXT_SRST, 0, type, reason, 0, 0, 0, NULL), want_err);
    assert_int_equal(vm.end, want_end);
}

static void test_srst(void **state)
{
    (void)state;
    srst(0, 0, SBI_SUCCESS, VM_POWEROFF);
    srst(0, 1, SBI_SUCCESS, VM_FAILED);
    srst(1, 0, SBI_SUCCESS, VM_REBOOT);
    srst(2, 0, SBI_SUCCESS, VM_REBOOT);
    /* §10.1: platform-specific types and reasons this SBI does not implement (none) are
     * INVALID_PARAM, like reserved ones. */
    srst(0, 0xe0000000, SBI_ERR_INVALID_PARAM, VM_RUNNING);
    srst(0, 0xffffffff, SBI_ERR_INVALID_PARAM, VM_RUNNING);
    srst(3, 0, SBI_ERR_INVALID_PARAM, VM_RUNNING);
    srst(0xefffffff, 0, SBI_ERR_INVALID_PARAM, VM_RUNNING);
    srst(0xf0000000, 0, SBI_ERR_INVALID_PARAM, VM_RUNNING);
    srst(0x100000000UL, 0, SBI_ERR_INVALID_PARAM, VM_RUNNING);
    srst(0, 2, SBI_ERR_INVALID_PARAM, VM_RUNNING);
    srst(0, 0xdfffffff, SBI_ERR_INVALID_PARAM, VM_RUNNING);
    srst(0, 0x100000000UL, SBI_ERR_INVALID_PARAM, VM_RUNNING);
    setup(NULL);
    assert_int_equal(call0(SBI_EXT_SRST, 1, NULL), SBI_ERR_NOT_SUPPORTED);
    assert_int_equal(vm.end, VM_RUNNING);
}

static void test_srst_reboot_poweroff(void **state)
{
    (void)state;
    opts.reboot = OPT_REBOOT_POWEROFF;
    assert_int_equal(call(SBI_EXT_SRST, 0, 1, 0, 0, 0, 0, NULL), SBI_SUCCESS);
    assert_int_equal(vm.end, VM_POWEROFF);
}

/* ---- DBCN, §12 ---- */

static void test_dbcn(void **state)
{
    long v;
    (void)state;
    memcpy(ram + 16, "hello", 5);
    assert_int_equal(call(SBI_EXT_DBCN, 0, 5, FAKE_RAM_GPA + 16, 0, 0, 0, &v), SBI_SUCCESS);
    assert_int_equal(v, 5);
    assert_int_equal(call(SBI_EXT_DBCN, 2, 'X' | 0x100, 0, 0, 0, 0, NULL), SBI_SUCCESS);
    assert_string_equal(console, "helloX");
    assert_int_equal(call(SBI_EXT_DBCN, 0, 5, FAKE_RAM_GPA + 16, 1, 0, 0, NULL),
                     SBI_ERR_INVALID_PARAM);
    assert_int_equal(call(SBI_EXT_DBCN, 0, 5, 0x1000, 0, 0, 0, NULL), SBI_ERR_INVALID_PARAM);
    assert_int_equal(call(SBI_EXT_DBCN, 0, 8, FAKE_RAM_GPA + FAKE_RAM_SIZE - 4, 0, 0, 0, NULL),
                     SBI_ERR_INVALID_PARAM);
    assert_int_equal(call(SBI_EXT_DBCN, 0, -1UL, FAKE_RAM_GPA, 0, 0, 0, NULL),
                     SBI_ERR_INVALID_PARAM);
    assert_string_equal(console, "helloX");
    /* A buffer across the split of the host backings is still one guest-RAM buffer. */
    memcpy(ram + 4096 - 3, "split", 5);
    assert_int_equal(call(SBI_EXT_DBCN, 0, 5, FAKE_RAM_SPLIT - 3, 0, 0, 0, &v), SBI_SUCCESS);
    assert_int_equal(v, 5);
    assert_string_equal(console, "helloXsplit");
    input = "xyz";
    assert_int_equal(call(SBI_EXT_DBCN, 1, 8, FAKE_RAM_SPLIT - 1, 0, 0, 0, &v), SBI_SUCCESS);
    assert_int_equal(v, 3);
    assert_memory_equal(ram + 4095, "xyz", 3);
    input = "ab";
    assert_int_equal(call(SBI_EXT_DBCN, 1, 8, FAKE_RAM_GPA, 0, 0, 0, &v), SBI_SUCCESS);
    assert_int_equal(v, 2);
    assert_memory_equal(ram, "ab", 2);
    assert_int_equal(call(SBI_EXT_DBCN, 1, 8, FAKE_RAM_GPA, 0, 0, 0, &v), SBI_SUCCESS);
    assert_int_equal(v, 0);
    assert_int_equal(call0(SBI_EXT_DBCN, 3, NULL), SBI_ERR_NOT_SUPPORTED);
}

/* ---- legacy v0.1, §5 ---- */

static void test_legacy(void **state)
{
    long a1;
    (void)state;
    assert_int_equal(call(0x01, 0, 'Q', A1_SENTINEL, 0, 0, 0, &a1), 0);
    assert_int_equal(a1, A1_SENTINEL); /* legacy calls return in a0 only */
    assert_string_equal(console, "Q");
    assert_int_equal(call0(0x02, 0, NULL), -1);
    input = "z";
    assert_int_equal(call0(0x02, 0, NULL), 'z');
    assert_int_equal(call(0x00, 0, 999, 0, 0, 0, 0, NULL), 0);
    assert_int_equal(timer_deadline, 999);

    assert_int_equal(call(0x04, 0, 0, 0, 0, 0, 0, NULL), 0); /* NULL mask: every hart */
    assert_int_equal(pending, MIP_VSSIP);
    assert_int_equal(call0(0x03, 0, NULL), 0);
    assert_int_equal(pending, 0);
    guest_word_va = 0xffffffc000001000UL;
    guest_word = 1;
    assert_int_equal(call(0x04, 0, guest_word_va, 0, 0, 0, 0, NULL), 0);
    assert_int_equal(pending, MIP_VSSIP);
    guest_word = 2;
    assert_int_equal(call(0x04, 0, guest_word_va, 0, 0, 0, 0, NULL), SBI_ERR_INVALID_PARAM);
    assert_int_equal(call(0x04, 0, 0x1234, 0, 0, 0, 0, NULL), SBI_ERR_INVALID_ADDRESS);

    guest_word = 1;
    assert_int_equal(call(0x05, 0, guest_word_va, 0, 0, 0, 0, NULL), 0);
    assert_int_equal(fence_i_calls, 1);
    assert_int_equal(call(0x06, 0, 0, 0x4000, 0x1000, 0, 0, NULL), 0);
    assert_int_equal(flush_start, 0x4000);
    assert_false(flush_use_asid);
    assert_int_equal(call(0x07, 0, 0, 0x4000, 0x1000, 3, 0, NULL), 0);
    assert_true(flush_use_asid);
    assert_int_equal(flush_asid, 3);
    /* The same range rules as RFENCE (§5.7-5.8 name no errors; v2.0's code is reused). */
    assert_int_equal(call(0x06, 0, 0, 0xfffffffffffff800UL, 0x700, 0, 0, NULL), 0);
    assert_int_equal(flush_size, -1UL);
    int calls = flush_calls;
    assert_int_equal(call(0x07, 0, 0, -4096UL, 8192, 3, 0, NULL), SBI_ERR_INVALID_ADDRESS);
    assert_int_equal(flush_calls, calls);

    assert_int_equal(call0(0x08, 0, NULL), 0);
    assert_int_equal(vm.end, VM_POWEROFF);
}

static void test_call_counts(void **state)
{
    (void)state;
    call0(SBI_EXT_BASE, 0, NULL);
    call0(SBI_EXT_BASE, 1, NULL);
    call0(0x01, 0, NULL);
    call0(0x777, 0, NULL);
    assert_int_equal(sbi_calls[1], 2); /* base */
    assert_int_equal(sbi_calls[0], 1); /* legacy */
    assert_int_equal(sbi_calls[SBI_EXT_COUNT], 1);
    assert_string_equal(sbi_extensions[1]->name, "base");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
            cmocka_unit_test_setup(test_base, setup),
            cmocka_unit_test_setup(test_base_probe, setup),
            cmocka_unit_test_setup(test_unknown_extension, setup),
            cmocka_unit_test_setup(test_time, setup),
            cmocka_unit_test_setup(test_ipi, setup),
            cmocka_unit_test_setup(test_rfence, setup),
            cmocka_unit_test_setup(test_hsm, setup),
            cmocka_unit_test_setup(test_hsm_suspend, setup),
            cmocka_unit_test_setup(test_hsm_two_vcpus, setup),
            cmocka_unit_test_setup(test_hsm_stop_last_hart, setup),
            cmocka_unit_test_setup(test_srst, setup),
            cmocka_unit_test_setup(test_srst_reboot_poweroff, setup),
            cmocka_unit_test_setup(test_dbcn, setup),
            cmocka_unit_test_setup(test_legacy, setup),
            cmocka_unit_test_setup(test_call_counts, setup),
    };
    return cmocka_run_group_tests_name("hypervisor SBI", tests, NULL, NULL);
}
