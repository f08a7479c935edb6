/*
 * AVX and XGETBV in ring 3: with AVX on (-cpu max: CR4.OSXSAVE and XCR0
 * set up by the kernel) both just work and it exits 0 after checking
 * that a YMM register holds all 256 bits. Without AVX (qemu64) the
 * VXORPS is #UD, which is contained like any fault.
 */
#include "core/abi/abi.h"
	.section .text.start, "ax"
	.globl _start
_start:
	vxorps	%ymm0, %ymm0, %ymm0
	vmovdqu	ones(%rip), %ymm1
	vpxor	%ymm1, %ymm0, %ymm0		/* ymm0 = all ones, the upper half too */
	vextractf128 $1, %ymm0, %xmm2
	movq	%xmm2, %rax
	cmpq	$-1, %rax
	jne	1f
	xorl	%ecx, %ecx
	xgetbv					/* XCR0 */
	andl	$7, %eax
	cmpl	$7, %eax			/* x87, SSE, AVX */
	jne	1f
	xorl	%edi, %edi
	jmp	2f
1:	movl	$1, %edi
2:	movl	$SYS_exit, %eax
	syscall
	ud2
	.section .rodata
	.balign 32
ones:	.quad	-1, -1, -1, -1
	.section .note.GNU-stack, "", @progbits
