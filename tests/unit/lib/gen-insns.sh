#!/bin/sh
# Prints assembly for insn_test.
#   gen-insns.sh loads   every RV64 integer and F/D load and store with varied registers and
#                        offsets (with RVC on, the assembler picks a compressed form wherever
#                        one exists; with .option norvc, the 32-bit equivalent)
#   gen-insns.sh others  instructions that are not plain loads/stores and must be rejected
set -eu

if [ "${1:-}" = others ]; then
    cat <<'ASM'
add x1,x2,x3
addi x10,x10,1
addi x8,x2,16
li x10,5
lui x5,0x12345
jal x1,.
jalr x0,0(x1)
beq x1,x2,.
mul x5,x6,x7
amoadd.w x1,x2,(x3)
amoswap.d x1,x2,(x3)
lr.d x5,(x6)
sc.w x5,x6,(x7)
fence rw,rw
fence.i
csrrw x1,sstatus,x2
ecall
ebreak
fmv.x.d x10,f1
fadd.d f1,f2,f3
hlv.w x10,(x11)
hlv.d x10,(x11)
hsv.w x10,(x11)
hlvx.hu x10,(x11)
vle32.v v1,(x10)
vse32.v v1,(x10)
c.nop
c.j .
ret
mv x10,x11
sfence.vma x0,x0
hfence.gvma x0,x0
wfi
ASM
    exit 0
fi

offsets="-2048 -8 0 4 8 60 124 128 248 252 256 504 2047"
bases="x0 x2 x8 x9 x15 x31"
regs=$(i=0; while [ $i -lt 32 ]; do printf 'x%d ' $i; i=$((i + 1)); done)
fregs=$(i=0; while [ $i -lt 32 ]; do printf 'f%d ' $i; i=$((i + 1)); done)

for op in lb lh lw ld lbu lhu lwu sb sh sw sd flw fld fsw fsd; do
    case $op in f*) rs=$fregs ;; *) rs=$regs ;; esac
    for r in $rs; do
        for b in $bases; do
            for o in $offsets; do
                echo "$op $r,$o($b)"
            done
        done
    done
done

