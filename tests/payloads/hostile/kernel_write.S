/* expect: fault 14 err=0x7
 * Writing the kernel stack (TSS.RSP0 - 8): #PF, protection, user, write. */
#include "case.h"
	CASE_START
	KINFO
	movq	kinfo+KINFO_STACK(%rip), %rax
	movq	$0, -8(%rax)
	EXIT 1
	.bss
kinfo:	.space 128
