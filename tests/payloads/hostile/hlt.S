/* expect: fault 13 err=0x0
 * HLT is privileged: ring 3 cannot stop the CPU. */
#include "case.h"
	CASE_START
	hlt
	EXIT 1
