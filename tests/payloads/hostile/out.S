/* expect: fault 13 err=0x0
 * OUT from ring 3 (to COM1): no port access at all from user mode. */
#include "case.h"
	CASE_START
	movw	$0x3f8, %dx
	movb	$'X', %al
	outb	%al, %dx
	EXIT 1
