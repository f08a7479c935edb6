/* expect: fault 13 err=0x0
 * WBINVD is privileged. */
#include "case.h"
	CASE_START
	wbinvd
	EXIT 1
