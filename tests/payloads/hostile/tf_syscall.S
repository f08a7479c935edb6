/* expect: fault 1 err=0x0 iret_returns=1
 * TF set before SYSCALL: the kernel returns with IRETQ, not SYSRET (the
 * SUMMARY's iret_returns=1), and the single-step trap then arrives in
 * ring 3 after one instruction, where it is contained like any fault. */
#include "case.h"
	CASE_START
	movl	$SYS_getpid, %eax
	pushfq
	orq	$0x100, (%rsp)
	popfq			/* TF on from the next instruction: SYSCALL */
	syscall			/* SFMASK clears TF inside; R11 keeps it */
	nop			/* #DB after this one, back in ring 3 */
	EXIT 1
