/* A firmware for QEMU virt that prints a verdict on the ns16550a UART (0x10000000) and
 * powers off through sifive_test (0x100000, 0x5555 = pass): a real emulator end to end. */
    .section .text
    .globl _start
_start:
    la   a0, message
    li   a1, 0x10000000
1:  lbu  a2, 0(a0)
    beqz a2, 2f
    sb   a2, 0(a1)
    addi a0, a0, 1
    j    1b
2:  li   a1, 0x100000
    li   a2, 0x5555
    sw   a2, 0(a1)
3:  j    3b

    .section .rodata
message:
    .asciz "hext e2e firmware\r\n[m] hext-verdict: PASS e2e, clock 0.001 s\r\n"
