/*
 * The kernel's indirect branches (GCC's -mindirect-branch=thunk-extern
 * -mindirect-branch-register): every `call *%reg` or `jmp *%reg` of the C
 * code becomes a call or jump to __x86_indirect_thunk_<reg>.
 *
 * Contract: the target is in <reg>; the thunk branches there with the
 * stack as the caller left it. It starts as a plain `jmp *%reg`; when
 * the retpoline mitigation is on, the boot (mitigation_hw.c) turns that
 * first instruction into a short jump to the retpoline below, before
 * any AP runs. A retpoline's RET is predicted from the RSB entry its own
 * CALL made, which points at a speculation trap, so no branch history
 * ring 3 trained can send the CPU elsewhere. Each thunk is listed in
 * .rodata.thunk_patches with its retpoline.
 */
.macro THUNK reg
	.globl __x86_indirect_thunk_\reg
	.type __x86_indirect_thunk_\reg, @function
	.balign 32
__x86_indirect_thunk_\reg:
	jmp	*%\reg			/* 2 or 3 bytes; the patch needs 2 */
	int3
.Lretpoline_\reg:
	call	1f
2:	pause				/* the speculative RET lands here ... */
	lfence
	jmp	2b			/* ... and goes nowhere */
1:	movq	%\reg, (%rsp)		/* the real RET goes to the target */
	ret
	.size __x86_indirect_thunk_\reg, . - __x86_indirect_thunk_\reg
	.pushsection .rodata.thunk_patches, "a"
	.quad	__x86_indirect_thunk_\reg, .Lretpoline_\reg
	.popsection
.endm

	.text
	.irp reg, rax, rbx, rcx, rdx, rsi, rdi, rbp, r8, r9, r10, r11, r12, r13, r14, r15
	THUNK \reg
	.endr

	.section .note.GNU-stack, "", @progbits
