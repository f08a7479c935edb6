/* expect: fault 3
 * INT3 reaches the breakpoint handler (its gate has DPL 3, as on Linux):
 * #BP, SIGTRAP; without a handler the task ends, as Linux ends it. */
#include "case.h"
	CASE_START
	int3
	EXIT 1
