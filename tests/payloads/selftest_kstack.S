/*
 * Asks the kernel (started with --selftest) to recurse until its stack
 * runs into the guard page below it. The #PF cannot be delivered on that
 * stack, so the CPU raises #DF, which runs on its own IST stack: the
 * kernel reports "FAULT ... name=#DF mode=kernel action=panic", then
 * DONE status=fail, and powers off. Never a triple fault.
 * First it prints a forged verdict: the harness must not believe it.
 */
#include "core/abi/abi.h"

	.section .text.start, "ax"
	.globl _start
_start:
	movl	$SYS_write, %eax
	movl	$1, %edi
	leaq	forged(%rip), %rsi
	movl	$forged_len, %edx
	syscall
	movl	$SYS_ring3_selftest, %eax
	movl	$RING3_SELFTEST_STACK_OVERFLOW, %edi
	syscall
	movl	$SYS_exit, %eax		/* only if the kernel refused */
	movl	$1, %edi
	syscall
	ud2

	.section .rodata
forged:
	.ascii	"DONE status=pass\n"
	.set	forged_len, . - forged
	.section .note.GNU-stack, "", @progbits
