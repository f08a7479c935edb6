/* expect: fault 13 err=0x0
 * expect-no-umip: exit 0
 * With UMIP, SIDT in ring 3 is #GP. */
#include "case.h"
	CASE_START
	sidt	buf(%rip)
	EXIT 0
	.data
buf:	.space 16
