/*
 * Saving, restoring and clearing the general registers in struct
 * trap_frame order, and the page-table switch of an entry from ring 3.
 * Assembly only; shared by every kernel entry.
 */
#ifndef CORE_FRAME_MACROS_H
#define CORE_FRAME_MACROS_H

#include "core/cpu/mitigation.h"
#include "core/cpu/percpu.h"
#include "core/entry/trap_frame.h"

#ifdef __ASSEMBLER__
#include "asm_offsets.h"

/* Push the general registers, completing struct trap_frame. */
.macro PUSH_GPRS
	pushq	%rax		/* frame->rax */
	pushq	%rbx		/* frame->rbx */
	pushq	%rcx		/* frame->rcx */
	pushq	%rdx		/* frame->rdx */
	pushq	%rsi		/* frame->rsi */
	pushq	%rdi		/* frame->rdi */
	pushq	%rbp		/* frame->rbp */
	pushq	%r8		/* frame->r8 */
	pushq	%r9		/* frame->r9 */
	pushq	%r10		/* frame->r10 */
	pushq	%r11		/* frame->r11 */
	pushq	%r12		/* frame->r12 */
	pushq	%r13		/* frame->r13 */
	pushq	%r14		/* frame->r14 */
	pushq	%r15		/* frame->r15 */
.endm

.macro POP_GPRS
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%r11
	popq	%r10
	popq	%r9
	popq	%r8
	popq	%rbp
	popq	%rdi
	popq	%rsi
	popq	%rdx
	popq	%rcx
	popq	%rbx
	popq	%rax
.endm

/*
 * Zero the registers that still hold user values, once they are saved,
 * so no speculative path in the C code can use one (Linux's
 * PUSH_AND_CLEAR_REGS). RAX is left here: on a syscall it is the number,
 * which the dispatcher masks; RDI is the frame pointer set next; RSP is
 * the stack. 32-bit XORs zero the whole register.
 */
.macro CLEAR_GPRS
	xorl	%ebx, %ebx
	xorl	%ecx, %ecx
	xorl	%edx, %edx
	xorl	%esi, %esi
	xorl	%ebp, %ebp
	xorl	%r8d, %r8d
	xorl	%r9d, %r9d
	xorl	%r10d, %r10d
	xorl	%r11d, %r11d
	xorl	%r12d, %r12d
	xorl	%r13d, %r13d
	xorl	%r14d, %r14d
	xorl	%r15d, %r15d
.endm

/* The same where the choice is read at run time; rax=1 for entries
 * whose RAX is not a syscall number. */
.macro CLEAR_GPRS_IF_ON rax=0
	testl	$MIT_BIT(MIT_CLEAR_REGS), mitigation_entry_flags(%rip)
	jz	.Lclear_done\@
	.if \rax
	xorl	%eax, %eax
	.endif
	CLEAR_GPRS
.Lclear_done\@:
.endm

/*
 * Push a copy of an entry's frame as the CPU and the stub left it (vector
 * at off(%rax), error code, RIP, CS, RFLAGS, RSP, SS above): how an entry
 * that landed on another stack moves its frame to the kernel stack.
 */
.macro PUSH_FRAME_FROM_RAX off
	pushq	\off + FRAME_SS - FRAME_VECTOR(%rax)	/* frame->ss */
	pushq	\off + FRAME_RSP - FRAME_VECTOR(%rax)	/* frame->rsp */
	pushq	\off + FRAME_RFLAGS - FRAME_VECTOR(%rax)	/* frame->rflags */
	pushq	\off + FRAME_CS - FRAME_VECTOR(%rax)	/* frame->cs */
	pushq	\off + FRAME_RIP - FRAME_VECTOR(%rax)	/* frame->rip */
	pushq	\off + FRAME_ERROR - FRAME_VECTOR(%rax)	/* frame->error */
	pushq	\off(%rax)				/* frame->vector */
.endm

/*
 * Page-table isolation on an entry from ring 3, after SWAPGS, with the
 * CPU's frame (vector and error code on top) at RSP on this CPU's entry
 * stack: switch to the kernel's tables and move the frame to the top of
 * the kernel stack, where entries without isolation build it. Touches
 * RAX only to give it back. Nothing without isolation.
 */
.macro PTI_FRAME_TO_KERNEL
	testl	$MIT_BIT(MIT_PTI), mitigation_entry_flags(%rip)
	jz	.Lpti_done\@
	pushq	%rax				/* a scratch register, on the entry stack */
	movq	%gs:PERCPU_KERNEL_CR3, %rax
	movq	%rax, %cr3
	movq	%rsp, %rax
	movq	%gs:PERCPU_KSTACK_TOP, %rsp
	PUSH_FRAME_FROM_RAX 8
	movq	(%rax), %rax
.Lpti_done\@:
.endm

/* Page-table isolation: the kernel's tables, using scratch. */
.macro PTI_CR3_TO_KERNEL scratch
	testl	$MIT_BIT(MIT_PTI), mitigation_entry_flags(%rip)
	jz	.Lpti_cr3_done\@
	movq	%gs:PERCPU_KERNEL_CR3, \scratch
	movq	\scratch, %cr3
.Lpti_cr3_done\@:
.endm

#endif

#endif
