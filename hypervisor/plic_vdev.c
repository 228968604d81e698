/* The guest's PLIC: lib's model; context i is vCPU i's S-level external interrupt (VSEIP). */
#include "csr.h"
#include "guest_fdt.h"
#include "stats.h"
#include "vcpu.h"
#include "vdev.h"

bool plic_vdev_access(struct vm *vm, uint64_t off, unsigned width, bool is_store, uint64_t *val)
{
    stats.mmio_plic++;
    if (width != 4 || (off & 3))
        return false; /* PLIC registers are 32 bits wide (PLIC spec §1) */
    if (is_store)
        plic_write(&vm->plic, off, (uint32_t)*val);
    else
        *val = plic_read(&vm->plic, off);
    vdev_update_irqs(vm);
    return true;
}

void vdev_update_irqs(struct vm *vm)
{
    plic_set_level(&vm->plic, VUART_IRQ, vm->uart_line);
    for (unsigned i = 0; i < vm->nvcpus && i < VPLIC_CONTEXTS; i++) {
        if (plic_context_pending(&vm->plic, i))
            vcpu_set_pending(&vm->vcpu[i], MIP_VSEIP);
        else
            vcpu_clear_pending(&vm->vcpu[i], MIP_VSEIP);
    }
}
