/* The guest's PLIC: lib's model; context i is vCPU i's S-level external interrupt (VSEIP). */
#include "atomic.h"
#include "csr.h"
#include "guest_fdt.h"
#include "stats.h"
#include "vcpu.h"
#include "vdev.h"

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

/* Called with vm->lock held. Another vCPU is told only when its line changed: it then reads
 * the PLIC itself (vcpu.c), so a stale notification can do no harm. */
void vdev_update_irqs(struct vm *vm)
{
    struct vcpu *self = vcpu_current();

    plic_set_level(&vm->plic, VUART_IRQ, vm->uart_line);
    for (unsigned i = 0; i < vm->nvcpus; i++) {
        struct vcpu *v = &vm->vcpu[i];
        bool level = plic_context_pending(&vm->plic, i);
        if (v != self && level == vm->eip[i])
            continue;
        vm->eip[i] = level;
        if (level)
            vcpu_set_pending(v, MIP_VSEIP);
        else
            vcpu_clear_pending(v, MIP_VSEIP);
    }
}
