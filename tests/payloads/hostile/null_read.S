/* expect: fault 14 err=0x4
 * A NULL read: page 0 is not mapped (#PF, not present, user, read). */
#include "case.h"
	CASE_START
	movq	0, %rax
	EXIT 1
