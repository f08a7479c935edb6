/* expect: exit 0
 * The documented entry state: every general register 0 but RSP, which is
 * 0x7fffffff0000; RFLAGS 0x202 (IF set, so the timer can preempt; nothing
 * else but the fixed bit). */
#include "case.h"
	CASE_START
	orq	%rax, %rbx
	orq	%rcx, %rbx
	orq	%rdx, %rbx
	orq	%rsi, %rbx
	orq	%rdi, %rbx
	orq	%rbp, %rbx
	orq	%r8, %rbx
	orq	%r9, %rbx
	orq	%r10, %rbx
	orq	%r11, %rbx
	orq	%r12, %rbx
	orq	%r13, %rbx
	orq	%r14, %rbx
	orq	%r15, %rbx
	jnz	1f
	movabsq	$0x7fffffff0000, %rax
	cmpq	%rax, %rsp
	jne	1f
	pushfq
	popq	%rax
	andq	$~0x8d5, %rax	/* the OR above set arithmetic flags: ignore them */
	cmpq	$0x202, %rax
	jne	1f
	EXIT 0
1:	EXIT 1
