/* expect: fault 13 err=0x0
 * RDMSR is privileged: ring 3 cannot read KERNEL_GS_BASE. */
#include "case.h"
	CASE_START
	movl	$0xC0000102, %ecx
	rdmsr
	EXIT 1
