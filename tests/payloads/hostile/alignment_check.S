/* expect: fault 17 err=0x0
 * expect-tcg: exit 2
 * With CR0.AM on, RFLAGS.AC set in ring 3 makes a misaligned load #AC.
 * QEMU's TCG does not emulate alignment checks: there the load succeeds
 * and the case exits 2 instead (on hardware: fault 17). */
#include "case.h"
	CASE_START
	pushfq
	orq	$0x40000, (%rsp)
	popfq
	leaq	buf+1(%rip), %rax
	movl	(%rax), %eax
	EXIT 2
	.data
	.balign 8
buf:	.space 16
