/*
 * Asks the kernel (started with --selftest) to call a RET in this
 * payload. With SMEP on, the instruction fetch from a user page in ring 0
 * is a kernel #PF (present, fetch) and a panic: proof that SMEP is
 * really enforced.
 */
#include "core/abi/abi.h"

	.section .text.start, "ax"
	.globl _start
_start:
	movl	$SYS_ring3_selftest, %eax
	movl	$RING3_SELFTEST_SMEP, %edi
	leaq	user_ret(%rip), %rsi
	syscall
	movl	$SYS_exit, %eax		/* without SMEP: the kernel ran it and came back */
	movl	$3, %edi
	syscall
	ud2
user_ret:
	ret
	.section .note.GNU-stack, "", @progbits
