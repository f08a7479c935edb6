/* expect: fault 14 err=0x6
 * A NULL write (#PF, not present, user, write). */
#include "case.h"
	CASE_START
	movq	$1, 0
	EXIT 1
