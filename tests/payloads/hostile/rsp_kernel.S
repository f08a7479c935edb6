/* expect: exit 0
 * SYSCALL with RSP pointing at the kernel stack (TSS.RSP0): the kernel
 * builds its frame there anyway, from RSP0 it loads itself, and returns
 * the user's RSP exactly. */
#include "case.h"
	CASE_START
	KINFO
	movq	%rsp, %rbx
	movq	kinfo+KINFO_STACK(%rip), %rsp
	SYS	SYS_sched_yield
	movq	%rsp, %rcx
	movq	%rbx, %rsp
	cmpq	kinfo+KINFO_STACK(%rip), %rcx
	jne	1f
	testq	%rax, %rax
	jne	1f
	EXIT 0
1:	EXIT 1
	.bss
kinfo:	.space 128
