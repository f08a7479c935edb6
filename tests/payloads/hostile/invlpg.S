/* expect: fault 13 err=0x0
 * INVLPG is privileged. */
#include "case.h"
	CASE_START
	invlpg	(%rsp)
	EXIT 1
