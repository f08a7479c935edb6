/* expect: fault 13 err=0x10
 * expect-tcg-smap: fault 14 err=0x1
 * A far return to the kernel code selector: returning to a more
 * privileged level is #GP(selector). (QEMU's TCG with SMAP pops the far
 * pointer with a supervisor access and reports a #PF on the user stack.) */
#include "case.h"
	CASE_START
	pushq	$0x10
	leaq	1f(%rip), %rax
	pushq	%rax
	lretq
1:	EXIT 1
