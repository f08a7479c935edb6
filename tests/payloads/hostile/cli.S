/* expect: fault 13 err=0x0
 * CLI needs IOPL >= CPL; IOPL is 0, so ring 3 cannot mask interrupts. */
#include "case.h"
	CASE_START
	cli
	EXIT 1
