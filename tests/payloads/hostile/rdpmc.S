/* expect: fault 13 err=0x0
 * RDPMC with CR4.PCE clear is #GP in ring 3. */
#include "case.h"
	CASE_START
	xorl	%ecx, %ecx
	rdpmc
	EXIT 1
