/*
 * int fpu_restore_user(const void *area, uint64_t xcr0)
 *
 * Load an extended-state image that came from ring 3 (rt_sigreturn's
 * frame). The caller has checked it (core/lib/sigframe.c), but the load
 * runs under a fixup anyway, as Linux's does: a #GP at
 * fpu_restore_user_insn resumes at fpu_restore_user_fixup, which returns
 * -1 instead of a kernel fault.
 * State on entry: kernel mode, interrupts off; RDI = the image, 64-byte
 * aligned; RSI = XCR0, 0 for FXRSTOR.
 */
	.text
	.globl fpu_restore_user, fpu_restore_user_insn, fpu_restore_user_fx_insn, fpu_restore_user_fixup
	.type fpu_restore_user, @function
fpu_restore_user:
	movl	%esi, %eax			/* XRSTOR's feature mask: EDX:EAX */
	movq	%rsi, %rdx
	shrq	$32, %rdx
	testq	%rsi, %rsi
	jz	1f
fpu_restore_user_insn:
	xrstor64 (%rdi)
	xorl	%eax, %eax
	ret
1:
fpu_restore_user_fx_insn:
	fxrstor64 (%rdi)			/* a second faulting point: same fixup */
	xorl	%eax, %eax
	ret
fpu_restore_user_fixup:
	movl	$-1, %eax
	ret
	.size fpu_restore_user, . - fpu_restore_user

	.section .note.GNU-stack, "", @progbits
