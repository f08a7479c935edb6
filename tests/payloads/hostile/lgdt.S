/* expect: fault 13 err=0x0
 * LGDT is privileged: ring 3 cannot install its own segments. */
#include "case.h"
	CASE_START
	lgdt	gdtr(%rip)
	EXIT 1
gdtr:	.word 0
	.quad 0
