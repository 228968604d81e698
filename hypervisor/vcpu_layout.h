/*
 * Byte offsets into struct vcpu_ctx, shared by trap_vector.S and C (vcpu.h checks them with
 * static asserts). Register xN lives at N * 8.
 */
#ifndef HEXT_HYP_VCPU_LAYOUT_H
#define HEXT_HYP_VCPU_LAYOUT_H

#define VCPU_REG(n)    ((n)*8)
#define VCPU_SEPC      (32 * 8)
#define VCPU_SSTATUS   (33 * 8)
#define VCPU_HSTATUS   (34 * 8)
#define VCPU_HOST_SP   (35 * 8)
#define VCPU_STACK_TOP (36 * 8)

#endif
