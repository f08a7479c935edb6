/* expect: fault 13 err=0x0
 * Even reading a control register is privileged. */
#include "case.h"
	CASE_START
	movq	%cr0, %rax
	EXIT 1
