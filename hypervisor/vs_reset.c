/* The pure parts of vs_context.h: reset values and the hstatus/sstatus a vCPU starts with. */
#include "riscv/encoding.h"
#include "string.h"
#include "vcpu.h"
#include "vs_context.h"

#define HSTATUS_VSXL_64    (2UL << 32) /* §18.2.1: VSXL = 2 is XLEN 64 */
#define SSTATUS_FS_INITIAL ((unsigned long)FS_INITIAL << MSTATUS_FS_SHIFT)

void vs_reset(struct vs_state *s, unsigned long henvcfg, unsigned long hstateen0)
{
    memset(s, 0, sizeof(*s));
    s->htimedelta = 0;
    s->vstimecmp = ~0UL; /* no guest timer interrupt until the guest sets one */
    s->henvcfg = henvcfg;
    s->hcounteren = ~0UL; /* the guest reads every counter M-mode lets S-mode read */
    /* What the guest's firmware would hand it: OpenSBI lets U-mode read cycle, time and
     * instret (scounteren = 7), and Linux relies on it for rdtime in user space. */
    s->scounteren = 7;
    s->hstateen0 = hstateen0;
}

unsigned long vs_hstatus(bool vtw)
{
    return HSTATUS_VSXL_64 | HSTATUS_SPV | HSTATUS_SPVP | (vtw ? HSTATUS_VTW : 0);
}

/*
 * SPIE is what sret puts in the hypervisor's own sstatus.SIE while the guest runs, where it
 * enables nothing: HS interrupts are always enabled below HS (priv spec, "Machine Interrupt
 * Registers", global enables). A trap back then copies it to SPIE again, so the value sticks.
 * It is 1 because the 2024 Sail model fills vsstatus.SPIE on a trap into VS from that bit
 * instead of vsstatus.SIE (model/riscv_sys_control.sail: vsstatus[SPIE] = mstatus[SIE]): with
 * 0 there, every interrupt a Linux guest takes returns with its interrupts disabled, and a
 * kernel loop that waits for need_resched to clear with cond_resched() (which will not
 * schedule with interrupts off) spins forever (hypervisor/README.md, "Host deviations").
 */
unsigned long vs_sstatus(unsigned long uxl)
{
    return (uxl & MSTATUS_UXL) | SSTATUS_SPP | SSTATUS_SPIE | SSTATUS_FS_INITIAL;
}
