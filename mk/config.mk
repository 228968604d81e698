# Settings every part shares. Each can be overridden on the command line:
#   make run LINUX_SRC=~/linux OPENSBI_DIR=~/opensbi/build/platform/generic/firmware QEMU=~/qemu/build/qemu-system-riscv64

BUILD       ?= build
IMAGES      := $(BUILD)/images

# Cross compilers (Debian: gcc-riscv64-linux-gnu, gcc-riscv64-unknown-elf).
CROSS_LINUX ?= riscv64-linux-gnu-
CROSS_ELF   ?= riscv64-unknown-elf-

# Guest kernel: Debian's linux-source-6.12 is unpacked under $(BUILD) unless LINUX_SRC names a tree.
LINUX_TARBALL ?= /usr/src/linux-source-6.12.tar.xz
LINUX_SRC     ?= $(BUILD)/linux-source-6.12

# Firmware: Debian's OpenSBI fw_jump (jumps to 0x80200000 with a1 = FDT).
OPENSBI_DIR ?= /usr/lib/riscv64-linux-gnu/opensbi/generic
FW_JUMP_BIN ?= $(OPENSBI_DIR)/fw_jump.bin
FW_JUMP_ELF ?= $(OPENSBI_DIR)/fw_jump.elf

# Emulators: looked up on PATH unless given. The runner reads the same variables.
QEMU  ?= qemu-system-riscv64
SPIKE ?= spike
SAIL  ?= sail_riscv_sim
export QEMU SPIKE SAIL

# Host C (runner, unit tests) and freestanding target C (hypervisor, suite).
HOST_CC     ?= cc
HOST_CFLAGS ?= -std=gnu11 -O2 -g -Wall -Wextra -Werror
TARGET_CC     := $(CROSS_ELF)gcc
TARGET_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -ffreestanding -fno-builtin \
                 -nostdlib -mcmodel=medany -march=rv64imafdc_zicsr_zifencei -mabi=lp64d \
                 -fno-pic -fno-common -fno-stack-protector -fno-omit-frame-pointer

HEXT := $(BUILD)/runner/hext
