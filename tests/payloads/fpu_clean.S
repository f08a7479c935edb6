/*
 * Checks, 10 times with a yield in between (so that fpu_dirty.S, run
 * before it or together with it, gets the CPU), that its extended state
 * is the architectural init state: x87 control word 0x37F, status 0,
 * every register empty, MXCSR 0x1F80, every XMM register zero and, with
 * AVX, every YMM register zero. Exit 0, or the number of the first check
 * that failed (1 x87, 2 MXCSR, 3 XMM, 4 YMM).
 */
#include "core/abi/abi.h"
#include "avx_usable.h"
	.section .text.start, "ax"
	.globl _start
_start:
	AVX_USABLE
1:	movl	$10, %r12d
check:
	fnstenv	env(%rip)			/* masks x87 exceptions: harmless, checked first */
	movzwl	env(%rip), %eax			/* control word */
	cmpl	$0x37f, %eax
	jne	bad_x87
	movzwl	env + 4(%rip), %eax		/* status word */
	testl	%eax, %eax
	jne	bad_x87
	movzwl	env + 8(%rip), %eax		/* tag word: 0xffff, all empty */
	cmpl	$0xffff, %eax
	jne	bad_x87
	stmxcsr	mxcsr(%rip)
	cmpl	$0x1f80, mxcsr(%rip)
	jne	bad_mxcsr
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
	movdqu	%xmm\n, dump + \n * 32(%rip)
	.endr
	cmpb	$0, have_avx(%rip)
	je	2f
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
	vextractf128 $1, %ymm\n, dump + \n * 32 + 16(%rip)
	.endr
2:	leaq	dump(%rip), %rsi
	movl	$(16 * 32 / 8), %ecx
3:	lodsq
	testq	%rax, %rax
	jnz	bad_vec
	decl	%ecx
	jnz	3b
	movl	$SYS_sched_yield, %eax
	syscall
	decl	%r12d
	jnz	check
	xorl	%edi, %edi
	jmp	out
bad_x87:
	movl	$1, %edi
	jmp	out
bad_mxcsr:
	movl	$2, %edi
	jmp	out
bad_vec:
	movl	$3, %edi
	cmpb	$0, have_avx(%rip)
	je	out
	movl	$4, %edi			/* XMM or YMM: reported as YMM with AVX */
out:	movl	$SYS_exit, %eax
	syscall
	ud2

	.bss
	.balign 32
env:	.space	28
mxcsr:	.space	4
dump:	.space	16 * 32
have_avx: .space 1
	.section .note.GNU-stack, "", @progbits
