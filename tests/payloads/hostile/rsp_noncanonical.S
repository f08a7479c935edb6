/* expect: exit 0
 * SYSCALL with a non-canonical RSP: harmless, because the kernel stack
 * comes from TSS.RSP0 and the user RSP is only stored, never used. */
#include "case.h"
	CASE_START
	movq	%rsp, %rbx
	movabsq	$0x8000000000000000, %rsp
	SYS	SYS_sched_yield
	movq	%rsp, %rcx
	movq	%rbx, %rsp
	movabsq	$0x8000000000000000, %rdx
	cmpq	%rdx, %rcx
	jne	1f
	testq	%rax, %rax
	jne	1f
	EXIT 0
1:	EXIT 1
