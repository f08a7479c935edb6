/* expect: fault 13 err=0x0
 * WRMSR is privileged: ring 3 cannot point LSTAR elsewhere. */
#include "case.h"
	CASE_START
	movl	$0xC0000082, %ecx
	xorl	%eax, %eax
	xorl	%edx, %edx
	wrmsr
	EXIT 1
