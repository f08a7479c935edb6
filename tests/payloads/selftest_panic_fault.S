/*
 * Asks the kernel (started with --selftest) to panic with a message
 * whose argument is a non-canonical pointer: the #GP comes while the
 * panic formats it. The kernel must print one short line for that fault
 * ("PANIC fault while ending the run: ..."), never recurse, and end the run with
 * its one DONE status=fail.
 */
#include "core/abi/abi.h"

	.section .text.start, "ax"
	.globl _start
_start:
	movl	$SYS_ring3_selftest, %eax
	movl	$RING3_SELFTEST_PANIC_FAULT, %edi
	syscall
	movl	$SYS_exit, %eax		/* only if the kernel refused */
	movl	$1, %edi
	syscall
	ud2
	.section .note.GNU-stack, "", @progbits
