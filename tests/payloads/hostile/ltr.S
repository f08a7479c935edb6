/* expect: fault 13 err=0x0
 * LTR is privileged: ring 3 cannot pick another TSS (and its RSP0). */
#include "case.h"
	CASE_START
	movw	$0x38, %ax
	ltr	%ax
	EXIT 1
