/* expect: fault 13 err=0x0
 * Debug registers are privileged: no hardware breakpoints on the kernel. */
#include "case.h"
	CASE_START
	xorl	%eax, %eax
	movq	%rax, %dr7
	EXIT 1
