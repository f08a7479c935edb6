/*
 * Leaves extended state behind for whoever runs next: x87 registers
 * pushed and a different control word, MXCSR with FTZ/DAZ and all
 * exceptions unmasked but none pending, every XMM register (and, with
 * AVX, every YMM register's upper half) non-zero. Then yields 20 times,
 * so a payload running together with it (--together) runs in between,
 * checking after each yield that its own state came back (the control
 * words, the x87 top, XMM15 and, with AVX, YMM15's upper half), and
 * exits 0, or 5 if its own state was not restored.
 */
#include "core/abi/abi.h"
#include "avx_usable.h"
	.section .text.start, "ax"
	.globl _start
_start:
	fldcw	fcw(%rip)
	fld1
	fldpi
	fldl2e
	ldmxcsr	mxcsr(%rip)
	AVX_USABLE
	cmpb	$0, have_avx(%rip)
	je	1f
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
	vmovdqu	junk(%rip), %ymm\n
	.endr
	jmp	2f
1:
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
	movdqu	junk(%rip), %xmm\n
	.endr
2:	movl	$20, %ebx
3:	movl	$SYS_sched_yield, %eax
	syscall
	fnstcw	check(%rip)
	cmpw	$0x0c7f, check(%rip)
	jne	bad
	stmxcsr	check(%rip)
	cmpl	$0x8040, check(%rip)
	jne	bad
	fstl	check(%rip)			/* st(0): log2(e), pushed last */
	movq	check(%rip), %rax
	fldl2e
	fstpl	check(%rip)
	cmpq	check(%rip), %rax
	jne	bad
	movq	%xmm15, %rax
	movabsq	$0x0123456789abcdef, %rcx
	cmpq	%rcx, %rax
	jne	bad
	cmpb	$0, have_avx(%rip)
	je	4f
	vextractf128 $1, %ymm15, %xmm14
	movq	%xmm14, %rax
	movabsq	$0x1111111111111111, %rcx
	cmpq	%rcx, %rax
	jne	bad
4:	decl	%ebx
	jnz	3b
	movl	$SYS_exit, %eax
	xorl	%edi, %edi
	syscall
	ud2
bad:	movl	$SYS_exit, %eax
	movl	$5, %edi
	syscall
	ud2

	.section .rodata
	.balign 32
junk:	.quad	0x0123456789abcdef, 0xfedcba9876543210, 0x1111111111111111, 0x2222222222222222
fcw:	.short	0x0c7f				/* round toward zero, 24-bit precision */
	.balign 4
mxcsr:	.long	0x8040				/* FTZ, DAZ, every exception unmasked */
	.bss
check:	.space	8
have_avx: .space 1
	.section .note.GNU-stack, "", @progbits
