/*
 * Running a task in ring 3 and getting back to the scheduler.
 *
 * uint64_t user_run(const struct trap_frame *frame)
 *   Contract: kernel mode, interrupts off, GS_BASE = this CPU's block;
 *   the caller has loaded the task's CR3, FS_BASE, KERNEL_GS_BASE (the
 *   user's GS base) and extended state. Saves the callee-saved registers
 *   and RSP in the per-CPU block, makes the stack below them this CPU's
 *   kernel stack for ring 3 (TSS.RSP0), copies *frame to the top of it,
 *   exactly where an entry from ring 3 would build its frame, and returns
 *   to ring 3 through entry_return_user. "Returns" when user_exit is
 *   called, with user_exit's argument.
 *
 * void user_exit(uint64_t value)
 *   Contract: kernel mode, interrupts off, GS_BASE = this CPU's block, on
 *   this CPU's kernel stack below user_run's frame (in a syscall, a trap
 *   or an interrupt from ring 3). Discards that stack and resumes
 *   user_run's caller.
 *
 * One kernel stack per CPU: a task that is not running has no kernel
 * stack, only its saved frame (the kernel never sleeps in the middle of
 * a call; see docs/design.md, "Tasks").
 */
#include "core/cpu/percpu.h"
#include "core/entry/trap_frame.h"
#include "core/cpu/mitigation.h"
#include "asm_offsets.h"

	.text
	.globl user_run
	.type user_run, @function
user_run:
	pushq	%rbp
	pushq	%rbx
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	movq	%rsp, %gs:PERCPU_KCTX_RSP
	andq	$-16, %rsp			/* frames below stay 16-byte aligned */
	movq	%rsp, %gs:PERCPU_KSTACK_TOP
	testl	$MIT_BIT(MIT_PTI), mitigation_entry_flags(%rip)
	jnz	1f				/* TSS.RSP0 stays the entry stack */
	movq	%rsp, %gs:PERCPU_TSS_RSP0
1:
	subq	$FRAME_SIZE, %rsp
	movq	%rdi, %rsi			/* the task's frame ... */
	movq	%rsp, %rdi			/* ... where ring 3's entries put theirs */
	movl	$(FRAME_SIZE / 8), %ecx
	rep movsq				/* DF is clear in the kernel */
	jmp	entry_return_user
	.size user_run, . - user_run

	.globl user_exit
	.type user_exit, @function
user_exit:
	movq	%gs:PERCPU_KCTX_RSP, %rsp
	movq	%rdi, %rax
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbx
	popq	%rbp
	ret
	.size user_exit, . - user_exit

	.section .note.GNU-stack, "", @progbits
