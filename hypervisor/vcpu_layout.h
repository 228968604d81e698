/*
 * Byte offsets into struct vcpu_ctx, shared by trap_vector.S and C (vcpu.h checks them with
 * static asserts). Register xN lives at N * 8.
 */
#ifndef HEXT_HYP_VCPU_LAYOUT_H
#define HEXT_HYP_VCPU_LAYOUT_H

#define VCPU_REG(n)  ((n)*8)
#define VCPU_SEPC    (32 * 8)
#define VCPU_SSTATUS (33 * 8)
#define VCPU_HSTATUS (34 * 8)
#define VCPU_HOST_SP (35 * 8)
#define VCPU_PCPU    (36 * 8)

/* struct pcpu (sched.h) starts with its stack top, which boot.S loads for a secondary hart;
 * boot.S also reads its hartid and may set via_payload_entry (sched.h checks the offsets). */
#define PCPU_STACK_TOP         0
#define PCPU_HARTID            16
#define PCPU_VIA_PAYLOAD_ENTRY 24

#endif
