/* expect: fault 13 err=0x0
 * CLTS is privileged. */
#include "case.h"
	CASE_START
	clts
	EXIT 1
