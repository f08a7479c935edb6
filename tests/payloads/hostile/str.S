/* expect: fault 13 err=0x0
 * expect-no-umip: exit 0
 * With UMIP, STR (task register) in ring 3 is #GP. */
#include "case.h"
	CASE_START
	str	%ax
	EXIT 0
