/*
 * Running code at a chosen privilege: set mstatus.MPP/MPV and mepc, mret into the trampoline,
 * and come back through the trap handler (trap.c) with a record of what happened.
 */
#include "internal.h"

struct run_state run_state;

static const struct {
    unsigned priv; /* mstatus.MPP */
    bool virt;     /* mstatus.MPV */
} mode_bits[] = {
        [MODE_M] = {3, false}, [MODE_HS] = {1, false}, [MODE_U] = {0, false},
        [MODE_VS] = {1, true}, [MODE_VU] = {0, true},
};

static struct trap run_raw(enum mode mode, uint64_t fn, uint64_t a0, uint64_t a1, uint64_t *ret)
{
    uint64_t mstatus = csr_read(CSR_MSTATUS);

    /* MPIE = 0: an M-mode run keeps interrupts off, like the framework around it. */
    mstatus &= ~(MSTATUS_MPP | MSTATUS_MPV | MSTATUS_MPIE | MSTATUS_MPRV);
    mstatus |= (uint64_t)mode_bits[mode].priv << MSTATUS_MPP_SHIFT;
    if (mode_bits[mode].virt)
        mstatus |= MSTATUS_MPV;
    csr_write(CSR_MSTATUS, mstatus);
    csr_write(CSR_MEPC, (uintptr_t)lower_trampoline);
    run_state.trap = (struct trap){0};
    run_state.ret = 0;
    watchdog_arm();
    run_state.active = true;
    if (run_setjmp(&run_state.ctx) == 0)
        lower_enter(a0, a1, fn, (uintptr_t)lower_stack_top);
    watchdog_disarm();
    csr_write(CSR_MSCRATCH, (uintptr_t)trap_stack_top);
    if (ret && !run_state.trap.taken)
        *ret = run_state.ret;
    return run_state.trap;
}

struct trap run_in(enum mode mode, lower_fn fn, uint64_t arg, uint64_t *ret)
{
    return run_raw(mode, (uintptr_t)fn, arg, 0, ret);
}

struct trap exec_insn(enum mode mode, uint32_t insn, uint64_t a0, uint64_t a1, uint64_t *ret)
{
    *(volatile uint32_t *)insn_slot = insn;
    __asm__ volatile("fence.i" ::: "memory");
    return run_raw(mode, (uintptr_t)insn_slot, a0, a1, ret);
}

static uint32_t insn_csr(unsigned funct3, unsigned rd, unsigned csr, unsigned rs1)
{
    return (csr << 20) | (rs1 << 15) | (funct3 << 12) | (rd << 7) | 0x73;
}

uint32_t insn_csrrw(unsigned rd, unsigned csr, unsigned rs1)
{
    return insn_csr(1, rd, csr, rs1);
}

uint32_t insn_csrrs(unsigned rd, unsigned csr, unsigned rs1)
{
    return insn_csr(2, rd, csr, rs1);
}

uint32_t insn_csrrc(unsigned rd, unsigned csr, unsigned rs1)
{
    return insn_csr(3, rd, csr, rs1);
}

/* csrrs with rs1 = x0 reads without a write, so read-only CSRs do not fault (priv "CSR
 * Instructions"). */
struct trap csr_read_in(enum mode mode, unsigned csr, uint64_t *val)
{
    return exec_insn(mode, insn_csrrs(REG_A0, csr, REG_ZERO), 0, 0, val);
}

struct trap csr_write_in(enum mode mode, unsigned csr, uint64_t val)
{
    return exec_insn(mode, insn_csrrw(REG_ZERO, csr, REG_A0), val, 0, NULL);
}

struct trap csr_set_in(enum mode mode, unsigned csr, uint64_t bits)
{
    return exec_insn(mode, insn_csrrs(REG_ZERO, csr, REG_A0), bits, 0, NULL);
}

struct trap csr_clear_in(enum mode mode, unsigned csr, uint64_t bits)
{
    return exec_insn(mode, insn_csrrc(REG_ZERO, csr, REG_A0), bits, 0, NULL);
}

uint64_t run_return_addr(void)
{
    return (uintptr_t)run_return;
}

uint64_t insn_slot_addr(void)
{
    return (uintptr_t)insn_slot;
}

const char *mode_name(enum mode mode)
{
    static const char *const names[] = {"M", "HS", "U", "VS", "VU"};

    return names[mode];
}
