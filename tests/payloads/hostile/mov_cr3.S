/* expect: fault 13 err=0x0
 * Loading CR3 is privileged: ring 3 cannot switch page tables. */
#include "case.h"
	CASE_START
	xorl	%eax, %eax
	movq	%rax, %cr3
	EXIT 1
