/* expect: fault 13 err=0x10
 * expect-tcg-smap: fault 14 err=0x1
 * IRETQ to ring 0 from ring 3 is #GP(selector). (QEMU's TCG with SMAP
 * reads the frame with a supervisor access: #PF on the user stack.) */
#include "case.h"
	CASE_START
	movq	%rsp, %rax
	pushq	$0x18		/* ss */
	pushq	%rax		/* rsp */
	pushq	$0x2		/* rflags */
	pushq	$0x10		/* cs: kernel */
	leaq	1f(%rip), %rax
	pushq	%rax		/* rip */
	iretq
1:	EXIT 1
