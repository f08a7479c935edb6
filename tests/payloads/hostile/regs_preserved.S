/* expect: exit 0
 * A syscall returns every register but RAX (result), RCX (return RIP) and
 * R11 (RFLAGS) exactly as it found them: no kernel value leaks through a
 * scratch register. */
#include "case.h"
	CASE_START
	pushfq
	popq	flags(%rip)	/* RFLAGS as SYSCALL will see them: MOVs below keep them */
	movabsq	$0x1111111111111111, %rbx
	movabsq	$0x2222222222222222, %rdx
	movabsq	$0x3333333333333333, %rsi
	movabsq	$0x4444444444444444, %rdi
	movabsq	$0x5555555555555555, %rbp
	movabsq	$0x6666666666666666, %r8
	movabsq	$0x7777777777777777, %r9
	movabsq	$0x8888888888888888, %r10
	movabsq	$0x9999999999999999, %r12
	movabsq	$0xaaaaaaaaaaaaaaaa, %r13
	movabsq	$0xbbbbbbbbbbbbbbbb, %r14
	movabsq	$0xcccccccccccccccc, %r15
	movl	$SYS_sched_yield, %eax
	syscall
ret_here:
	testq	%rax, %rax
	jnz	fail
	leaq	ret_here(%rip), %rax
	cmpq	%rax, %rcx
	jne	fail
	cmpq	flags(%rip), %r11
	jne	fail
	movabsq	$0x1111111111111111, %rax
	cmpq	%rax, %rbx
	jne	fail
	movabsq	$0x2222222222222222, %rax
	cmpq	%rax, %rdx
	jne	fail
	movabsq	$0x3333333333333333, %rax
	cmpq	%rax, %rsi
	jne	fail
	movabsq	$0x4444444444444444, %rax
	cmpq	%rax, %rdi
	jne	fail
	movabsq	$0x5555555555555555, %rax
	cmpq	%rax, %rbp
	jne	fail
	movabsq	$0x6666666666666666, %rax
	cmpq	%rax, %r8
	jne	fail
	movabsq	$0x7777777777777777, %rax
	cmpq	%rax, %r9
	jne	fail
	movabsq	$0x8888888888888888, %rax
	cmpq	%rax, %r10
	jne	fail
	movabsq	$0x9999999999999999, %rax
	cmpq	%rax, %r12
	jne	fail
	movabsq	$0xaaaaaaaaaaaaaaaa, %rax
	cmpq	%rax, %r13
	jne	fail
	movabsq	$0xbbbbbbbbbbbbbbbb, %rax
	cmpq	%rax, %r14
	jne	fail
	movabsq	$0xcccccccccccccccc, %rax
	cmpq	%rax, %r15
	jne	fail
	EXIT 0
fail:	EXIT 1
	.bss
flags:	.quad 0
