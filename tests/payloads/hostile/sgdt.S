/* expect: fault 13 err=0x0
 * expect-no-umip: exit 0
 * With UMIP, SGDT in ring 3 is #GP, so the GDT's kernel address stays
 * hidden. Without UMIP (default QEMU CPU) it is allowed and harmless. */
#include "case.h"
	CASE_START
	sgdt	buf(%rip)
	EXIT 0
	.data
buf:	.space 16
