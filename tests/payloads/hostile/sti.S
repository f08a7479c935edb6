/* expect: fault 13 err=0x0
 * STI needs IOPL >= CPL as well. */
#include "case.h"
	CASE_START
	sti
	EXIT 1
