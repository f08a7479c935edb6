/*
 * Run together with copies of itself (--together) on one CPU: in rounds,
 * load a pattern of its own (seeded by its pid and the round number, so
 * a stale saved context from an earlier round cannot pass) into all 16 general
 * registers, RSP included, xmm0-15 and, where AVX is on, the full
 * ymm0-15, spin in ring 3 with interrupts on, then store every register
 * and compare with the pattern. The timer preempts it in the middle of
 * rounds and runs the others (different patterns in the same registers):
 * any register not saved and restored exactly, or leaked from another
 * task, is a mismatch. Runs until it has used 300 ms of CPU time, then
 * exits 0 (1: a general register differed, 2: a vector register did).
 */
#include "core/abi/abi.h"
#include "avx_usable.h"

#define SPINS      20000        /* one round's spin, in ring 3, no syscalls */
#define CPU_NS     300000000    /* how long to keep going, in CPU time */
#define GPRS       16
#define VECS       16
#define VEC_BYTES  32

.macro SYS nr
	movl	$\nr, %eax
	syscall
.endm

	.section .text.start, "ax"
	.globl _start
_start:
	movq	%rsp, saved_rsp(%rip)
	SYS	SYS_getpid
	movq	%rax, seed(%rip)

	/* AVX usable: CPUID.1:ECX OSXSAVE and AVX, and XCR0 has SSE and AVX. */
	AVX_USABLE
1:
round:
	/* This round's pattern: a linear congruential sequence from the
	 * seed and the round number. */
	incq	rounds(%rip)
	leaq	expect(%rip), %rdi
	movl	$(GPRS + VECS * VEC_BYTES / 8), %ecx
	movq	seed(%rip), %rax
	shlq	$32, %rax
	xorq	rounds(%rip), %rax
	movabsq	$6364136223846793005, %rbx
	movabsq	$1442695040888963407, %rdx
2:	imulq	%rbx, %rax
	addq	%rdx, %rax
	movq	%rax, (%rdi)
	addq	$8, %rdi
	decl	%ecx
	jnz	2b

	movl	$SPINS, spins(%rip)
	cmpb	$0, have_avx(%rip)
	je	3f
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
	vmovdqu	expect + GPRS * 8 + \n * VEC_BYTES(%rip), %ymm\n
	.endr
	jmp	4f
3:
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
	movdqu	expect + GPRS * 8 + \n * VEC_BYTES(%rip), %xmm\n
	.endr
4:
	/* General registers last; RSP too: the spin uses no stack, and an
	 * interrupt from ring 3 switches to the kernel's stack anyway. */
	movq	expect + 0 * 8(%rip), %rax
	movq	expect + 1 * 8(%rip), %rbx
	movq	expect + 2 * 8(%rip), %rcx
	movq	expect + 3 * 8(%rip), %rdx
	movq	expect + 4 * 8(%rip), %rsi
	movq	expect + 5 * 8(%rip), %rdi
	movq	expect + 6 * 8(%rip), %rbp
	movq	expect + 7 * 8(%rip), %rsp
	movq	expect + 8 * 8(%rip), %r8
	movq	expect + 9 * 8(%rip), %r9
	movq	expect + 10 * 8(%rip), %r10
	movq	expect + 11 * 8(%rip), %r11
	movq	expect + 12 * 8(%rip), %r12
	movq	expect + 13 * 8(%rip), %r13
	movq	expect + 14 * 8(%rip), %r14
	movq	expect + 15 * 8(%rip), %r15
5:	decl	spins(%rip)
	jnz	5b
	movq	%rax, dump + 0 * 8(%rip)
	movq	%rbx, dump + 1 * 8(%rip)
	movq	%rcx, dump + 2 * 8(%rip)
	movq	%rdx, dump + 3 * 8(%rip)
	movq	%rsi, dump + 4 * 8(%rip)
	movq	%rdi, dump + 5 * 8(%rip)
	movq	%rbp, dump + 6 * 8(%rip)
	movq	%rsp, dump + 7 * 8(%rip)
	movq	%r8, dump + 8 * 8(%rip)
	movq	%r9, dump + 9 * 8(%rip)
	movq	%r10, dump + 10 * 8(%rip)
	movq	%r11, dump + 11 * 8(%rip)
	movq	%r12, dump + 12 * 8(%rip)
	movq	%r13, dump + 13 * 8(%rip)
	movq	%r14, dump + 14 * 8(%rip)
	movq	%r15, dump + 15 * 8(%rip)
	movq	saved_rsp(%rip), %rsp
	cmpb	$0, have_avx(%rip)
	je	6f
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
	vmovdqu	%ymm\n, dump + GPRS * 8 + \n * VEC_BYTES(%rip)
	.endr
	movl	$VEC_BYTES, %edx		/* bytes of each vector register compared */
	jmp	7f
6:
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
	movdqu	%xmm\n, dump + GPRS * 8 + \n * VEC_BYTES(%rip)
	.endr
	movl	$16, %edx
7:
	leaq	expect(%rip), %rsi
	leaq	dump(%rip), %rdi
	movl	$(GPRS * 8), %ecx
	repe cmpsb
	jne	fail_gpr
	xorl	%ebx, %ebx			/* vector register number */
8:	movl	%ebx, %eax
	shll	$5, %eax			/* * VEC_BYTES */
	leaq	expect + GPRS * 8(%rip), %rsi
	leaq	dump + GPRS * 8(%rip), %rdi
	addq	%rax, %rsi
	addq	%rax, %rdi
	movl	%edx, %ecx
	repe cmpsb
	jne	fail_vec
	incl	%ebx
	cmpl	$VECS, %ebx
	jne	8b

	/* Enough CPU time? */
	movl	$SYS_clock_gettime, %eax
	movl	$CLOCK_PROCESS_CPUTIME_ID, %edi
	leaq	ts(%rip), %rsi
	syscall
	movq	ts(%rip), %rax			/* seconds */
	imulq	$1000000000, %rax
	addq	ts + 8(%rip), %rax
	cmpq	$CPU_NS, %rax
	jb	round
	movl	$0, %edi
	jmp	out
fail_gpr:
	movl	$1, %edi
	jmp	out
fail_vec:
	movl	$2, %edi
out:	SYS	SYS_exit
	ud2

	.bss
	.balign 32
expect:	.space	GPRS * 8 + VECS * VEC_BYTES
dump:	.space	GPRS * 8 + VECS * VEC_BYTES
ts:	.space	16
saved_rsp: .space 8
seed:	.space	8
rounds:	.space	8
spins:	.space	4
have_avx: .space 1
	.section .note.GNU-stack, "", @progbits
