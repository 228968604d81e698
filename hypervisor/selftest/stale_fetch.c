/*
 * A device access whose instruction the hypervisor cannot read back: the guest turns Sv39 on,
 * runs a load from a page mapped at STALE_VA, then invalidates that page's PTE without
 * SFENCE.VMA and runs the load again, now on a device address. The hart may still fetch
 * through its cached translation (priv spec "Supervisor Memory-Management Fence": without the
 * fence, stale translations may be used), while the hypervisor's HLVX read of the instruction
 * walks the guest's tables and faults. The guest must then get the fault its own fetch would
 * have taken (instruction page fault, stval = sepc = the instruction's address); the run must
 * not end. Whether the stale translation is used is the implementation's choice; if the hart
 * refetches, it raises the same instruction page fault itself, and if the hypervisor decodes
 * from htinst instead of reading the instruction, the load completes: that is said, not failed.
 */
#include <stdint.h>

#include "riscv/encoding.h"
#include "selftest.h"

#define STALE_VA  0xc0000000UL /* VPN[2] = 3: a gigapage slot of its own */
#define PTE_V     1UL
#define PTE_R     2UL
#define PTE_W     4UL
#define PTE_X     8UL
#define PTE_A     0x40UL
#define PTE_D     0x80UL
#define PTE_LEAF  (PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D)
#define PPN(addr) ((unsigned long)(addr) >> 12 << 10)

extern char stale_page[]; /* start.S: one page holding "lw a0, 0(a0); ret" */
static uint64_t root[512] __attribute__((aligned(4096)));
static uint64_t mid[512] __attribute__((aligned(4096)));
static uint64_t leaf[512] __attribute__((aligned(4096)));

void check_stale_fetch(unsigned long device_word, unsigned long want)
{
    static volatile uint32_t ram_word = 0x1234;

    /* Identity gigapages for devices (0..1 GiB) and RAM (2..3 GiB); STALE_VA page by page. */
    root[0] = PPN(0) | PTE_LEAF;
    root[2] = PPN(0x80000000UL) | PTE_LEAF;
    root[3] = PPN(mid) | PTE_V;
    mid[0] = PPN(leaf) | PTE_V;
    leaf[0] = PPN(stale_page) | PTE_LEAF;
    __asm__ volatile("sfence.vma\n csrw satp, %0\n sfence.vma"
                     :
                     : "r"((unsigned long)ATP_MODE_SV39 << ATP_MODE_SHIFT | PPN(root) >> 10)
                     : "memory");

    unsigned long first = call_at(STALE_VA, (unsigned long)&ram_word);
    leaf[0] = 0; /* no SFENCE.VMA: the hart may go on using what it cached */
    trap_scause = 0;
    unsigned long got = call_at(STALE_VA, device_word);
    unsigned long cause = trap_scause, tval = trap_stval, epc = trap_sepc;

    __asm__ volatile("csrw satp, zero\n sfence.vma" : : : "memory");
    check("stale fetch: load through the page works", first, 0x1234);
    if (!cause) {
        check("stale fetch: the device load completed (decoded from htinst)", got, want);
        return;
    }
    /* An implementation whose HLVX reports the invalid PTE as an access fault (QEMU 7.2) leads
     * the hypervisor to the fetch's access fault (1) instead. */
    check("stale fetch: instruction page fault (12), or access fault (1)",
          cause == EXC_INSN_ACCESS ? EXC_INSN_PAGE_FAULT : cause, EXC_INSN_PAGE_FAULT);
    check("stale fetch: stval = the instruction", tval, STALE_VA);
    check("stale fetch: sepc = the instruction", epc, STALE_VA);
}
