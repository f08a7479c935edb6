/* expect: fault 13 err=0x0
 * SYSRET from ring 3 is #GP. */
#include "case.h"
	CASE_START
	leaq	1f(%rip), %rcx
	movq	$0x2, %r11
	sysretq
1:	EXIT 1
