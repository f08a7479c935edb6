/* expect: exit 0
 * SYSCALL with RSP = 0: the entry never touches the user stack, so the
 * call works and returns RSP unchanged. */
#include "case.h"
	CASE_START
	movq	%rsp, %rbx
	xorl	%esp, %esp
	SYS	SYS_sched_yield
	movq	%rsp, %rcx
	movq	%rbx, %rsp
	testq	%rcx, %rcx
	jnz	1f
	testq	%rax, %rax
	jne	1f
	EXIT 0
1:	EXIT 1
