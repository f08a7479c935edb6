/* expect: fault 6 err=0x0
 * An invalid opcode is contained. */
#include "case.h"
	CASE_START
	ud2
