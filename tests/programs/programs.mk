# Static Linux programs for the Linux-ABI end-to-end tests: each
# tests/programs/NAME.c is built twice, with musl and with glibc, and
# both binaries run under ring3 and on the host's Linux, whose stdout
# and exit status must agree. Included by the main Makefile, which
# defines BUILD.
PROGRAM_NAMES := hello args malloc_stress files stdin_read sha256 abort exit_code edges \
	sig_faults sig_actions sig_stack_overflow sig_initial_state sig_sigreturn_edges sig_timers sig_hostile
# ring3-only programs (no host run to compare with): musl only.
PROGRAM_RING3_NAMES := pti_probe
PROGRAMS_MUSL  := $(patsubst %,$(BUILD)/tests/programs/musl/%,$(PROGRAM_NAMES) $(PROGRAM_RING3_NAMES))
PROGRAMS_GLIBC := $(patsubst %,$(BUILD)/tests/programs/glibc/%,$(PROGRAM_NAMES))
PROGRAM_CFLAGS := -static -O2 -Wall -Wextra -Werror

$(BUILD)/tests/programs/musl/%: tests/programs/%.c tests/programs/check.h
	@mkdir -p $(dir $@)
	musl-gcc $(PROGRAM_CFLAGS) -I. $< -o $@

$(BUILD)/tests/programs/glibc/%: tests/programs/%.c tests/programs/check.h
	@mkdir -p $(dir $@)
	gcc $(PROGRAM_CFLAGS) $< -o $@

# sig_initial_state has its own _start and no libc (the libc's start code
# would change the registers it looks at), so it is linked with
# -nostdlib; both compilers build it, named as the others are.
PROGRAM_NOLIBC_CFLAGS := -nostdlib -static -O2 -ffreestanding -fno-stack-protector \
	-Wall -Wextra -Werror

$(BUILD)/tests/programs/musl/sig_initial_state: tests/programs/sig_initial_state.c
	@mkdir -p $(dir $@)
	musl-gcc $(PROGRAM_NOLIBC_CFLAGS) $< -o $@

$(BUILD)/tests/programs/glibc/sig_initial_state: tests/programs/sig_initial_state.c
	@mkdir -p $(dir $@)
	gcc $(PROGRAM_NOLIBC_CFLAGS) $< -o $@

# hello again as a static PIE: ET_DYN, no interpreter, relocating itself
# (musl's rcrt1.o) at the base the loader gives it. Debian's musl-gcc
# specs turn -static-pie into a dynamic link (the musl interpreter and
# Scrt1.o), so the link is spelled out; the recipe checks the result.
MUSL_LIB := /usr/lib/x86_64-linux-musl
PROGRAMS_MUSL += $(BUILD)/tests/programs/musl/hello_pie

$(BUILD)/tests/programs/musl/hello_pie: tests/programs/hello.c
	@mkdir -p $(dir $@)
	musl-gcc -fPIE -O2 -Wall -Wextra -Werror -nostartfiles \
		-Wl,-static,-pie,--no-dynamic-linker,-z,text \
		$(MUSL_LIB)/rcrt1.o $(MUSL_LIB)/crti.o $$(musl-gcc -print-file-name=crtbeginS.o) \
		$< $$(musl-gcc -print-file-name=crtendS.o) $(MUSL_LIB)/crtn.o -o $@
	@readelf -h $@ | grep -q 'Type: *DYN' || { echo "$@: not ET_DYN"; rm -f $@; exit 1; }
	@! readelf -l $@ | grep -q INTERP || { echo "$@: has an interpreter"; rm -f $@; exit 1; }
