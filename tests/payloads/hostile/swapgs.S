/* expect: fault 13 err=0x0
 * SWAPGS outside ring 0 is #GP: ring 3 cannot reach KERNEL_GS_BASE this way. */
#include "case.h"
	CASE_START
	swapgs
	EXIT 1
