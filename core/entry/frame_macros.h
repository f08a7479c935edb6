/*
 * Saving and restoring the general registers in struct trap_frame order.
 * Assembly only; shared by every kernel entry.
 */
#ifndef CORE_FRAME_MACROS_H
#define CORE_FRAME_MACROS_H

#ifdef __ASSEMBLER__
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

#endif

#endif
