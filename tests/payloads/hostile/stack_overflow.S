/* expect: fault 14 err=0x6
 * Pushing past the 64 KiB user stack hits the unmapped guard page below it. */
#include "case.h"
	CASE_START
1:	pushq	$0
	jmp	1b
