/* expect: fault 14 err=0x15
 * Executing a RET written on the stack: the stack is NX. */
#include "case.h"
	CASE_START
	subq	$16, %rsp
	movb	$0xc3, (%rsp)
	call	*%rsp
	EXIT 1
