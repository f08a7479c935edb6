/* expect: fault 13 err=0x1a
 * expect-tcg: fault 13 err=0x32
 * INT3 through a DPL-0 gate: #GP with the IDT vector in the error code
 * ((3 << 3) | 2): no breakpoint handler is reachable from ring 3. QEMU's
 * TCG reports (3 << 4) | 2. */
#include "case.h"
	CASE_START
	int3
	EXIT 1
