/* expect: exit 0
 * ring3_selftest (deliberate kernel faults) is refused with -EPERM unless
 * the app was started with --selftest. */
#include "case.h"
	CASE_START
	movl	$RING3_SELFTEST_NULL_DEREF, %edi
	SYS	SYS_ring3_selftest
	cmpq	$-EPERM, %rax
	jne	1f
	EXIT 0
1:	EXIT 1
