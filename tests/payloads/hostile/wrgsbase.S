/* expect: fault 6 err=0x0
 * CR4.FSGSBASE stays off: ring 3 cannot set a GS base without the
 * kernel's check (arch_prctl), so WRGSBASE is #UD. */
#include "case.h"
	CASE_START
	xorl	%eax, %eax
	wrgsbase %rax
	EXIT 1
