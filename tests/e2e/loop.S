/* A firmware that never ends and never prints: the runner's timeout must stop it. */
    .section .text
    .globl _start
_start:
    wfi
    j _start
