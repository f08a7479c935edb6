/* expect: exit 0
 * INT 0x80 is the one DPL-3 gate: getpid through it returns the pid (as
 * gettid through SYSCALL does), and
 * RCX and R11 (clobbered by SYSCALL) survive it. */
#include "case.h"
	CASE_START
	SYS	SYS_gettid
	movq	%rax, %rbx
	movq	$0x1111, %rcx
	movq	$0x2222, %r11
	movl	$SYS_getpid, %eax
	int	$0x80
	cmpq	%rbx, %rax
	jne	1f
	cmpq	$0x1111, %rcx
	jne	1f
	cmpq	$0x2222, %r11
	jne	1f
	EXIT 0
1:	EXIT 1
