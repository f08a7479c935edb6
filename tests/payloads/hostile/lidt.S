/* expect: fault 13 err=0x0
 * LIDT is privileged: ring 3 cannot install its own exception handlers. */
#include "case.h"
	CASE_START
	lidt	idtr(%rip)
	EXIT 1
idtr:	.word 0
	.quad 0
