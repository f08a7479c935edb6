/* Bringing one CPU under this kernel's control. */
#ifndef CORE_CPU_SETUP_H
#define CORE_CPU_SETUP_H

#include "core/cpu/cpu_features.h"
#include "core/boot/handoff.h"

/*
 * RFLAGS bits SYSCALL clears on entry (SFMASK):
 *   IF    no interrupt before the entry has switched GS and stack;
 *   TF    no single-step trap on the first kernel instructions, which
 *         still run on the user's RSP and GS;
 *   DF    the C ABI and REP MOVS need DF=0: this replaces a CLD;
 *   AC    AC=1 would disable SMAP in ring 0: this replaces a CLAC;
 *   NT    a later IRET with NT set would fault (no task switches in
 *         long mode);
 *   IOPL  the kernel needs no I/O privilege from the user's flags;
 *   RF    no stale resume flag inside the kernel.
 * The arithmetic flags are left alone: nothing in the kernel reads them
 * before writing them.
 */
#define SYSCALL_RFLAGS_MASK (RFLAGS_IF | RFLAGS_TF | RFLAGS_DF | RFLAGS_AC | \
			     RFLAGS_NT | RFLAGS_IOPL | RFLAGS_RF)

/*
 * Make cpu the running CPU's: fill its block, TSS and GDT, load GDT,
 * segments, TR and the IDT, enable the CR4 protections the CPU has,
 * switch to its page tables, point GS_BASE at the block and program the
 * SYSCALL MSRs. After ExitBootServices, interrupts off, on cpu's kernel
 * stack; idt_init done.
 */
void cpu_setup(struct percpu *cpu, const struct handoff_cpu *hc, uint32_t cpu_id,
	       const struct cpu_features *feat);

#endif
