/* expect: fault 13 err=0x0
 * expect-tcg: fault 6 err=0x0
 * SYSENTER with SYSENTER_CS = 0 is #GP on Intel CPUs; AMD CPUs (and QEMU's
 * TCG) do not have SYSENTER in long mode at all: #UD. Either way there is
 * no second, unguarded entry point. */
#include "case.h"
	CASE_START
	sysenter
	EXIT 1
