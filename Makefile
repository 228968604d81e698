# hext — a test bed for the RISC-V hypervisor extension. See README.md.
# Each part brings its own make fragment; this file only ties them together.

.DEFAULT_GOAL := all
include mk/config.mk
include lib/lib.mk
include guest/guest.mk
include runner/runner.mk
include hypervisor/hypervisor.mk
include suite/suite.mk
include platforms/platforms.mk
include tests/tests.mk

.PHONY: all deps run test bench clean format

all: images $(HEXT)

deps:
	@sh mk/deps.sh

# The main job: the hext hypervisor running a Linux guest on QEMU, judged by the runner.
run: deps
	@$(MAKE) --no-print-directory all
	@echo "hext: running the hext hypervisor with a Linux guest on QEMU (make run-linux: Linux alone)"
	$(HEXT) run --emu qemu hyp

run-linux: deps
	@$(MAKE) --no-print-directory all
	$(HEXT) run --emu qemu linux

test: deps
	@$(MAKE) --no-print-directory all unit-tests
	@UNIT_TESTS="$(UNIT_TESTS)" BUILD=$(BUILD) HEXT=$(HEXT) IMAGES=$(IMAGES) \
		CROSS_ELF=$(CROSS_ELF) FW_JUMP_ELF=$(FW_JUMP_ELF) sh tests/run-all.sh

bench: deps
	@$(MAKE) --no-print-directory all
	@sh tests/bench.sh

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

clean:
	rm -rf $(BUILD)
