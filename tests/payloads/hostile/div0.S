/* expect: fault 0 err=0x0
 * Divide by zero is contained. */
#include "case.h"
	CASE_START
	movl	$1, %eax
	xorl	%edx, %edx
	xorl	%ecx, %ecx
	divl	%ecx
	EXIT 1
