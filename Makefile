# ring3: from the UEFI shell to ring 3 and back.
#   make run     build, boot QEMU + OVMF, run the demo; exit 0 only on DONE status=pass
#   make test    host unit tests + end-to-end tests under QEMU
# Options: PAYLOAD=prog (a static Linux program or a flat .bin, run instead of
#          the built-in demo; several, space-separated, run one after another;
#          a bare name that is no file, like spin.bin, is the one built here),
#          ARGS='a "b c"' (the one PAYLOAD's arguments), ROOT=dir (the programs'
#          file tree at /), STDIN=file (their fd 0), TOGETHER=1 (run them at
#          once on each CPU), OPTIONS='--cpu-limit=2 ...' (the app's options),
#          CPU=max (QEMU CPU model), SMP=4 (CPUs), MEM=256 (MiB), TIMEOUT=seconds,
#          TRACE=1 (also --trace-irq, then a timeline of the run beside
#          build/serial.log: build/trace.json for Perfetto or chrome://tracing,
#          build/timeline.png; tools/ring3_timeline.py).

BUILD     := build
comma     := ,
CC        := gcc
LD        := ld
OBJCOPY   := objcopy
PYTHON    := python3

PAYLOAD   ?=
ARGS      ?=
ROOT      ?=
STDIN     ?=
TOGETHER  ?=
TRACE     ?=
OPTIONS   ?=
APP_OPTIONS := $(if $(TOGETHER),--together) $(if $(TRACE),--trace-irq) $(OPTIONS) \
	$(if $(STDIN),--stdin=$(notdir $(STDIN)))
# A PAYLOAD word with no '/' that is no file here names something this
# Makefile builds: a test payload (spin.bin), a test program (hello, its
# musl build) or the bench program; it is built, then put in the image.
PAYLOAD_BUILT = $(TEST_PAYLOADS) $(TEST_C_PAYLOADS) $(PROGRAMS_MUSL) $(BENCH)
payload_path = $(if $(or $(findstring /,$(1)),$(wildcard $(1))),$(1),$\
	$(or $(firstword $(filter %/$(1),$(PAYLOAD_BUILT))),$(1)))
PAYLOAD_PATHS = $(foreach p,$(PAYLOAD),$(call payload_path,$(p)))
# With ARGS, the program and its arguments go in a list file the app reads
# itself (the shell would treat quotes and % its own way).
RUN_LIST  := $(BUILD)/run.lst
IMAGE_NAMES := $(strip $(APP_OPTIONS) $(if $(ARGS),@$(notdir $(RUN_LIST))))
# Commands kept in variables: ARGS may hold commas, quotes and $$.
RUN_LIST_WRITE = printf '%s %s\n' '$(notdir $(PAYLOAD))' '$(subst ','\'',$(ARGS))' > $(RUN_LIST)
RUN_LIST_REFUSE = echo "make: ARGS needs exactly one PAYLOAD" >&2; exit 1
CPU       ?= qemu64
SMP       ?= 1
MEM       ?= 256
TIMEOUT   ?= 120

EFI_INC   := /usr/include/efi
EFI_LIB   := /usr/lib
EFI_CRT0  := $(EFI_LIB)/crt0-efi-x86_64.o
EFI_LDS   := $(EFI_LIB)/elf_x86_64_efi.lds

WARN      := -Wall -Wextra -Werror -Wno-unused-parameter
# The loader: a UEFI image built with gnu-efi's flags (see docs/design.md).
EFI_CFLAGS := -O2 -g $(WARN) -std=gnu11 -fpic -ffreestanding -fno-stack-protector \
	-fno-stack-check -fshort-wchar -mno-red-zone -maccumulate-outgoing-args \
	-fno-strict-aliasing -DGNU_EFI_USE_MS_ABI -I$(EFI_INC) -I$(EFI_INC)/x86_64 -I.
# The kernel: a freestanding ELF linked in the top 2 GiB. No gnu-efi flags
# or headers. It never touches SSE state: it runs on the entry paths.
CORE_CFLAGS := -O2 -g $(WARN) -std=gnu11 -ffreestanding -fno-pic -fno-pie -mcmodel=kernel \
	-mno-red-zone -mgeneral-regs-only -fno-stack-protector -fno-stack-check \
	-mindirect-branch=thunk-extern -mindirect-branch-register \
	-fno-asynchronous-unwind-tables -fno-strict-aliasing -Wmissing-prototypes -I.
# The payload: a static, position-dependent flat binary.
USER_CFLAGS := -O2 -g $(WARN) -std=gnu11 -ffreestanding -fno-pic -fno-pie -fno-stack-protector \
	-fno-asynchronous-unwind-tables -mno-red-zone -mgeneral-regs-only -I.
HOST_CFLAGS := -O1 -g $(WARN) -std=gnu11 -fsanitize=address,undefined -fno-sanitize-recover=all

# Sources are found, not listed: a new file or folder needs no edit here.
# core/boot/asm_offsets.c is not linked: it makes the offsets header (below).
ASM_OFFSETS_C := core/boot/asm_offsets.c
CORE_C   := $(filter-out $(ASM_OFFSETS_C),$(shell find core -name '*.c'))
CORE_S   := $(shell find core -name '*.S')
EFI_C    := $(shell find efi -name '*.c')
EFI_S    := $(shell find efi -name '*.S')
CORE_OBJ := $(patsubst %,$(BUILD)/%.o,$(CORE_C) $(CORE_S))
# Pure logic is marked in the file itself: its first line opens with
# '/* pure: ' (no CPU or EFI header: the unit tests build it for the host)
# or '/* pure, loader: ' (a kernel file the loader links too, built again
# with its flags).
first_line_tagged = $(sort $(shell awk 'FNR == 1 { if (index($$0, "/* $(1): ") == 1) print FILENAME; nextfile }' $(2)))
LOADER_SHARED := $(call first_line_tagged,pure$(comma) loader,$(CORE_C))
PURE_SRC := $(call first_line_tagged,pure,$(CORE_C) $(EFI_C)) $(LOADER_SHARED)
# The struct offsets the kernel's assembly uses, generated (docs/design.md).
ASM_OFFSETS := $(BUILD)/gen/asm_offsets.h
EFI_OBJ  := $(patsubst %,$(BUILD)/%.o,$(EFI_C) $(EFI_S)) \
	$(patsubst %,$(BUILD)/loader/%.o,$(LOADER_SHARED))
KERNEL   := $(BUILD)/kernel.elf

DEMO_BIN := $(BUILD)/user_payload/demo.bin
# The bench program: a static Linux ELF that runs under ring3 and Linux.
BENCH     := $(BUILD)/user_payload/bench/bench
USER_OBJ := $(BUILD)/user_payload/start.S.o $(BUILD)/user_payload/demo.c.o \
	$(BUILD)/user_payload/ulib.c.o $(BUILD)/user_payload/fmt.c.o

APP      := $(BUILD)/ring3.efi
IMAGE    := $(BUILD)/ring3.img

UNIT_SRC := $(wildcard tests/unit/*.c)

.PHONY: FORCE screenshot usb flash all deps run test unit e2e debug image clean payload test-payloads docs docs-check bench
all: $(APP) $(BENCH) $(IMAGE)

deps:
	@tools/deps.sh

$(BUILD)/core/%.c.o: core/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CORE_CFLAGS) -MMD -MP -c $< -o $@
# The dispatcher's plain jump stays a memory-indirect one (docs/design.md,
# "Speculation mitigations"); its other copy is a retpoline either way.
$(BUILD)/core/entry/syscall_dispatch.c.o: CORE_CFLAGS := $(filter-out -mindirect-branch-register,$(CORE_CFLAGS))
$(BUILD)/core/%.S.o: core/%.S $(ASM_OFFSETS)
	@mkdir -p $(dir $@)
	$(CC) $(CORE_CFLAGS) -I$(BUILD)/gen -MMD -MP -c $< -o $@
# asm_offsets.c compiled to assembly with the kernel's flags; each
# '.ascii "@asm_offset NAME VALUE"' line it holds becomes '#define NAME
# VALUE'. Written aside and moved, so no step leaves half a header; a
# marker that did not become a #define (or none at all) is an error.
$(BUILD)/gen/asm_offsets.s: $(ASM_OFFSETS_C)
	@mkdir -p $(dir $@)
	$(CC) $(CORE_CFLAGS) -MMD -MP -S $< -o $@
$(ASM_OFFSETS): $(BUILD)/gen/asm_offsets.s
	@{ echo '/* Generated from $(ASM_OFFSETS_C) by make: do not edit. */'; \
	  echo '#ifndef ASM_OFFSETS_H'; echo '#define ASM_OFFSETS_H'; \
	  echo '#ifndef __ASSEMBLER__'; echo '#error "assembly only: C uses offsetof"'; echo '#endif'; \
	  sed -n 's/^.*"@asm_offset \([A-Z0-9_]*\) \(-\{0,1\}[0-9][0-9]*\)".*$$/#define \1 \2/p' $<; \
	  echo '#endif'; } > $@.tmp
	@n=$$(grep -c '^[[:space:]]*\.ascii[[:space:]]*"@asm_offset ' $<); d=$$(grep -c '^#define [A-Z0-9_]* -\{0,1\}[0-9]' $@.tmp); \
	  [ "$$n" -gt 0 ] && [ "$$n" = "$$d" ] || \
	  { echo "make: $$n offset markers in $<, $$d in the header" >&2; rm -f $@.tmp; exit 1; }
	@mv $@.tmp $@
$(BUILD)/efi/%.c.o: efi/%.c
	@mkdir -p $(dir $@)
	$(CC) $(EFI_CFLAGS) -MMD -MP -c $< -o $@
$(BUILD)/efi/%.S.o: efi/%.S
	@mkdir -p $(dir $@)
	$(CC) $(EFI_CFLAGS) -MMD -MP -c $< -o $@
$(BUILD)/loader/%.c.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(EFI_CFLAGS) -MMD -MP -c $< -o $@
$(BUILD)/efi/builtin_payload.S.o: efi/builtin_payload.S $(DEMO_BIN)
	@mkdir -p $(dir $@)
	$(CC) $(EFI_CFLAGS) -DBUILTIN_PAYLOAD='"$(DEMO_BIN)"' -c $< -o $@
# The kernel travels inside ring3.efi, without its debug sections
# (build/kernel.elf keeps them, for gdb).
$(BUILD)/kernel.stripped: $(KERNEL)
	$(OBJCOPY) --strip-debug $< $@
$(BUILD)/efi/kernel_blob.S.o: efi/kernel_blob.S $(BUILD)/kernel.stripped
	@mkdir -p $(dir $@)
	$(CC) $(EFI_CFLAGS) -DKERNEL_ELF='"$(BUILD)/kernel.stripped"' -c $< -o $@

$(KERNEL): $(CORE_OBJ) core/boot/kernel.ld
	$(LD) -static -nostdlib -z max-page-size=4096 -z noexecstack -T core/boot/kernel.ld \
		$(CORE_OBJ) -o $@

$(BUILD)/ring3.so: $(EFI_OBJ)
	$(LD) -shared -Bsymbolic -nostdlib -znocombreloc -T $(EFI_LDS) $(EFI_CRT0) \
		$^ -o $@ -L$(EFI_LIB) -lefi -lgnuefi
$(APP): $(BUILD)/ring3.so
	$(OBJCOPY) -j .text -j .sdata -j .data -j .rodata -j .dynamic -j .dynsym \
		-j .rel -j .rela -j .rel.* -j .rela.* -j .reloc \
		--target efi-app-x86_64 --subsystem=10 $< $@

$(BUILD)/user_payload/%.c.o: user_payload/%.c
	@mkdir -p $(dir $@)
	$(CC) $(USER_CFLAGS) -MMD -MP -c $< -o $@
$(BUILD)/user_payload/fmt.c.o: core/lib/fmt.c
	@mkdir -p $(dir $@)
	$(CC) $(USER_CFLAGS) -MMD -MP -c $< -o $@
$(BUILD)/user_payload/%.S.o: user_payload/%.S
	@mkdir -p $(dir $@)
	$(CC) $(USER_CFLAGS) -c $< -o $@
$(BUILD)/user_payload/demo.elf: $(USER_OBJ) user_payload/link.ld
	$(LD) -static -nostdlib --no-warn-rwx-segments -T user_payload/link.ld $(USER_OBJ) -o $@
$(DEMO_BIN): $(BUILD)/user_payload/demo.elf
	$(OBJCOPY) -O binary $< $@
payload: $(DEMO_BIN) $(BENCH)

# The bench program (make bench; also on every image as "bench"): built
# with musl, so the one file runs under ring3 and as Linux's /init.
BENCH_SRC := $(wildcard user_payload/bench/*.c user_payload/bench/*.S)
$(BENCH): $(BENCH_SRC) user_payload/bench/bench.h $(wildcard core/abi/*.h)
	@mkdir -p $(dir $@)
	musl-gcc -static -O2 -Wall -Wextra -Werror -I. $(BENCH_SRC) -o $@

# Test payloads: one flat binary per tests/payloads/*.S.
TEST_PAYLOADS := $(patsubst tests/payloads/%.S,$(BUILD)/tests/payloads/%.bin,$(wildcard tests/payloads/*.S))
$(BUILD)/tests/payloads/%.o: tests/payloads/%.S
	@mkdir -p $(dir $@)
	$(CC) $(USER_CFLAGS) -MMD -MP -c $< -o $@
$(BUILD)/tests/payloads/%.elf: $(BUILD)/tests/payloads/%.o user_payload/link.ld
	$(LD) -static -nostdlib --no-warn-rwx-segments -T user_payload/link.ld $< -o $@
$(BUILD)/tests/payloads/%.bin: $(BUILD)/tests/payloads/%.elf
	$(OBJCOPY) -O binary $< $@

# The hostile suite (docs/hostile.md): one flat binary per case, plus
# int_00..int_31 from one template.
HOSTILE_DIR := $(BUILD)/tests/payloads/hostile
HOSTILE_S   := $(filter-out tests/payloads/hostile/int_n.S,$(wildcard tests/payloads/hostile/*.S))
HOSTILE_C   := $(wildcard tests/payloads/hostile/*.c)
INT_VECTORS := $(shell seq -w 0 31)
HOSTILE     := $(patsubst tests/payloads/hostile/%.S,$(HOSTILE_DIR)/%.bin,$(HOSTILE_S)) \
	$(patsubst tests/payloads/hostile/%.c,$(HOSTILE_DIR)/%.bin,$(HOSTILE_C)) \
	$(patsubst %,$(HOSTILE_DIR)/int_%.bin,$(INT_VECTORS))
ULIB_OBJ    := $(BUILD)/user_payload/start.S.o $(BUILD)/user_payload/ulib.c.o \
	$(BUILD)/user_payload/fmt.c.o
$(HOSTILE_DIR)/%.o: tests/payloads/hostile/%.S tests/payloads/hostile/case.h
	@mkdir -p $(dir $@)
	$(CC) $(USER_CFLAGS) -c $< -o $@
$(HOSTILE_DIR)/int_%.o: tests/payloads/hostile/int_n.S tests/payloads/hostile/case.h
	@mkdir -p $(dir $@)
	$(CC) $(USER_CFLAGS) -DVEC=$(shell expr $* + 0) -c $< -o $@
$(HOSTILE_DIR)/%.c.o: tests/payloads/hostile/%.c
	@mkdir -p $(dir $@)
	$(CC) $(USER_CFLAGS) -MMD -MP -c $< -o $@
$(HOSTILE_DIR)/%.elf: $(HOSTILE_DIR)/%.o user_payload/link.ld
	$(LD) -static -nostdlib --no-warn-rwx-segments -T user_payload/link.ld $< -o $@
$(HOSTILE_DIR)/%.elf: $(HOSTILE_DIR)/%.c.o $(ULIB_OBJ) user_payload/link.ld
	$(LD) -static -nostdlib --no-warn-rwx-segments -T user_payload/link.ld $(ULIB_OBJ) $< -o $@
$(HOSTILE_DIR)/%.bin: $(HOSTILE_DIR)/%.elf
	$(OBJCOPY) -O binary $< $@

# C test payloads beside the assembly ones.
TEST_C_PAYLOADS := $(patsubst tests/payloads/%.c,$(BUILD)/tests/payloads/%.bin,$(wildcard tests/payloads/*.c))
$(BUILD)/tests/payloads/%.c.o: tests/payloads/%.c
	@mkdir -p $(dir $@)
	$(CC) $(USER_CFLAGS) -MMD -MP -c $< -o $@
$(BUILD)/tests/payloads/%.elf: $(BUILD)/tests/payloads/%.c.o $(ULIB_OBJ) user_payload/link.ld
	$(LD) -static -nostdlib --no-warn-rwx-segments -T user_payload/link.ld $(ULIB_OBJ) $< -o $@

# The same C test payloads as static Linux ELFs, from the same objects, for
# comparing a run under ring3 with one on the host's Linux.
HOST_PAYLOADS := $(patsubst tests/payloads/%.c,$(BUILD)/tests/host/%,$(wildcard tests/payloads/*.c))
$(BUILD)/tests/host/%: $(BUILD)/tests/payloads/%.c.o $(ULIB_OBJ)
	@mkdir -p $(dir $@)
	$(LD) -static -nostdlib $(ULIB_OBJ) $< -o $@

# Unmodified static Linux programs (tests/programs/*.c), built with musl
# and with glibc: the same file runs under ring3 and on the host's Linux.
include tests/programs/programs.mk

test-payloads: $(TEST_PAYLOADS) $(TEST_C_PAYLOADS) $(HOSTILE) $(HOST_PAYLOADS) \
	$(PROGRAMS_MUSL) $(PROGRAMS_GLIBC)

# The boot disk: GPT, one EFI system partition, no BOOTX64.EFI, so OVMF's
# shell runs startup.nsh. PAYLOAD= adds that file and passes its name.
$(IMAGE): $(APP) $(BENCH) startup.nsh ovmf/mkimage.sh $(PAYLOAD_PATHS) $(STDIN) FORCE
	@$(if $(and $(ARGS),$(filter-out 1,$(words $(PAYLOAD)))),$(RUN_LIST_REFUSE))
	@$(if $(ARGS),$(RUN_LIST_WRITE))
	@RING3_ARGS="$(IMAGE_NAMES)" ovmf/mkimage.sh $@ $(APP) startup.nsh \
		$(if $(ROOT),--root $(ROOT)) --copy $(BENCH) $(if $(STDIN),--copy $(STDIN)) \
		$(if $(ARGS),--copy $(PAYLOAD_PATHS) --copy $(RUN_LIST),$(PAYLOAD_PATHS))
image: $(IMAGE)
FORCE:

# The USB stick: the same ESP, plus \EFI\BOOT\BOOTX64.EFI for firmware
# without a shell (it then boots the demo directly).
USB_IMAGE := $(BUILD)/ring3-usb.img
usb: $(APP) $(BENCH) $(PAYLOAD_PATHS)
	ovmf/mkimage.sh $(USB_IMAGE) $(APP) startup.nsh --bootx64 $(if $(ROOT),--root $(ROOT)) \
		--copy $(BENCH) $(PAYLOAD_PATHS)
	@echo "usb: $(USB_IMAGE) (write it with: make flash DEV=/dev/sdX)"
flash: usb
	ovmf/flash.sh $(USB_IMAGE) $(DEV)

# Plots need matplotlib, which Debian installs for its own python3.
PLOT_PYTHON := $(if $(wildcard /usr/bin/python3),/usr/bin/python3,$(PYTHON))
# TRACE=1: the timeline is drawn even when the run fails (it shows how);
# make's status is still the run's.
TIMELINE = $(PLOT_PYTHON) tools/ring3_timeline.py $(BUILD)/serial.log \
	--json $(BUILD)/trace.json --png $(BUILD)/timeline.png
run: deps all
	$(PYTHON) ovmf/run.py --image $(IMAGE) --cpu $(CPU) --smp $(SMP) --mem $(MEM) \
		--timeout $(TIMEOUT) --log $(BUILD)/serial.log; status=$$?; \
		$(if $(TRACE),$(TIMELINE) || status=1;) exit $$status

# The same machine, with a gdb stub; the app waits in efi_main for gdb, and
# build/ring3.gdb loads its symbols at the address the firmware chose.
DEBUG_IMAGE := $(BUILD)/ring3-debug.img
debug: deps all
	RING3_ARGS=--debug-wait ovmf/mkimage.sh $(DEBUG_IMAGE) $(APP) startup.nsh $(PAYLOAD_PATHS)
	$(PYTHON) ovmf/run.py --image $(DEBUG_IMAGE) --cpu $(CPU) --debug --so $(BUILD)/ring3.so --kernel $(KERNEL) \
		--gdb-script $(BUILD)/ring3.gdb --timeout 3600 --log $(BUILD)/serial-debug.log

$(BUILD)/unit_tests: $(UNIT_SRC) $(PURE_SRC) $(shell find core efi tests/unit -name '*.h')
	@mkdir -p $(dir $@)
	$(CC) $(HOST_CFLAGS) -I. $(UNIT_SRC) $(PURE_SRC) -o $@
unit: $(BUILD)/unit_tests
	$(BUILD)/unit_tests
	$(PYTHON) tests/tools/test_ring3_strace.py
	$(PLOT_PYTHON) tests/tools/test_ring3_timeline.py
	$(PYTHON) tests/tools/test_bench_report.py

e2e: deps all test-payloads
	$(PYTHON) tests/e2e/run_e2e.py --build $(BUILD)

# docs/screen.png: the final screen of a run (the app halts to keep it).
screenshot: deps all
	RING3_ARGS=--halt ovmf/mkimage.sh $(BUILD)/screenshot.img $(APP) startup.nsh
	$(PYTHON) ovmf/run.py --image $(BUILD)/screenshot.img --quiet --timeout 120 \
		--screendump docs/screen.png --log $(BUILD)/serial-screenshot.log

# Instruction counts under -icount, ring3 beside Linux (docs/bench.md);
# writes build/bench.json, build/bench.md and build/bench.png.
# VMLINUZ=path picks the Linux kernel (default: the newest /boot/vmlinuz-*).
bench: deps all $(BUILD)/tests/payloads/yield_pair.bin
	$(PYTHON) ovmf/bench.py --build $(BUILD) $(if $(VMLINUZ),--vmlinuz $(VMLINUZ))

# docs/hostile.md's table is generated from the cases' own comments.
docs:
	$(PYTHON) tests/e2e/hostile.py --update docs/hostile.md
docs-check:
	$(PYTHON) tests/e2e/hostile.py --check docs/hostile.md

test: deps
	$(MAKE) unit
	$(MAKE) docs-check
	$(MAKE) e2e

clean:
	rm -rf $(BUILD)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

# Keep intermediate payload objects and ELFs (for objdump and gdb). Named by
# pattern: a bare .SECONDARY: would make FORCE an intermediate that never
# forces, and the image would keep the payload of an earlier make run.
# .PRECIOUS takes the rules' own target patterns.
.PRECIOUS: $(BUILD)/tests/payloads/%.o $(BUILD)/tests/payloads/%.elf \
	$(HOSTILE_DIR)/%.o $(HOSTILE_DIR)/%.elf $(HOSTILE_DIR)/%.c.o
