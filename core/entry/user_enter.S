/*
 * Entering ring 3 and coming back when the task ends.
 *
 * uint64_t user_enter(uint64_t entry, uint64_t user_rsp)
 *   Contract: interrupts off; GS_BASE = this CPU's block; the caller has
 *   set FS_BASE and KERNEL_GS_BASE (the user's GS base) for the task.
 *   Saves the callee-saved registers and RSP in the per-CPU block, makes
 *   the stack below them the task's kernel stack (TSS.RSP0), and IRETQs to
 *   entry in ring 3 with every other general register zero, through
 *   entry_return_user like every other return to ring 3.
 *   "Returns" when user_exit is called, with user_exit's argument.
 *
 * void user_exit(uint64_t value)
 *   Contract: kernel mode, GS_BASE = this CPU's block, on the task's
 *   kernel stack (inside a syscall or a trap from ring 3). Discards that
 *   stack and resumes user_enter's caller.
 */
#include "core/cpu/gdt.h"
#include "core/abi/layout.h"
#include "core/cpu/percpu.h"
#include "core/entry/frame_macros.h"

	.text
	.globl user_enter
	.type user_enter, @function
user_enter:
	pushq	%rbp
	pushq	%rbx
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	movq	%rsp, %gs:PERCPU_KCTX_RSP
	movq	%rsp, %rax
	andq	$-16, %rax			/* frames below stay 16-byte aligned */
	movq	%rax, %gs:PERCPU_TSS_RSP0

	/* A struct trap_frame for entry_return_user: the task's first
	 * "return" to ring 3, with every general register zero. */
	pushq	$SEL_UDATA			/* frame->ss */
	pushq	%rsi				/* frame->rsp */
	pushq	$USER_RFLAGS_INIT		/* frame->rflags */
	pushq	$SEL_UCODE			/* frame->cs */
	pushq	%rdi				/* frame->rip */
	pushq	$0				/* frame->error */
	pushq	$0				/* frame->vector */
	xorl	%eax, %eax
	xorl	%ebx, %ebx
	xorl	%ecx, %ecx
	xorl	%edx, %edx
	xorl	%esi, %esi
	xorl	%edi, %edi
	xorl	%ebp, %ebp
	xorl	%r8d, %r8d
	xorl	%r9d, %r9d
	xorl	%r10d, %r10d
	xorl	%r11d, %r11d
	xorl	%r12d, %r12d
	xorl	%r13d, %r13d
	xorl	%r14d, %r14d
	xorl	%r15d, %r15d
	PUSH_GPRS				/* frame->rax .. frame->r15, all zero */
	jmp	entry_return_user
	.size user_enter, . - user_enter

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
