/*
 * XGETBV alone, as the first thing the payload does: avx.S reaches it
 * only after VXORPS, which faults first without AVX, so this is the one
 * that shows XGETBV's own #UD (CR4.OSXSAVE clear, qemu64) contained.
 * With XSAVE on (-cpu max) it reads XCR0 and exits 0 when x87 and SSE
 * are in it, else 1.
 */
#include "core/abi/abi.h"
	.section .text.start, "ax"
	.globl _start
_start:
	xorl	%ecx, %ecx			/* XCR0 */
	xgetbv
	andl	$3, %eax
	cmpl	$3, %eax			/* x87, SSE */
	setne	%dil
	movzbl	%dil, %edi
	movl	$SYS_exit, %eax
	syscall
	ud2
	.section .note.GNU-stack, "", @progbits
