/* The guest's PLIC: lib's model; context i is vCPU i's S-level external interrupt (VSEIP). */
#include "atomic.h"
#include "csr.h"
#include "guest_fdt.h"
#include "stats.h"
#include "vcpu.h"
#include "vdev.h"

uint64_t plic_vdev_window(const struct vm *vm)
{
    (void)vm;
    return PLIC_MMIO_SIZE;
}

bool plic_vdev_access(struct vm *vm, uint64_t off, unsigned width, bool is_store, uint64_t *val)
{
    ATOMIC_INC(stats.mmio_plic);
    if (width != 4 || (off & 3))
        return false; /* PLIC registers are 32 bits wide (PLIC spec §1) */
    if (is_store)
        plic_write(&vm->plic, off, (uint32_t)*val);
    else
        *val = plic_read(&vm->plic, off);
    vdev_update_irqs(vm);
    return true;
}

_Static_assert(VPLIC_CONTEXTS >= VM_MAX_VCPUS, "one PLIC context per vCPU");

/* Called with vm->lock held. Each context's output is a line into its vCPU; the vCPU is told
 * only when its line changed (vcpu_set_lines), and never reads the PLIC. */
void vdev_update_irqs(struct vm *vm)
{
    plic_set_level(&vm->plic, VUART_IRQ, vm->uart_line);
    for (unsigned i = 0; i < vm->nvcpus; i++)
        vcpu_set_lines(&vm->vcpu[i], MIP_VSEIP, plic_context_pending(&vm->plic, i) ? MIP_VSEIP : 0);
}
