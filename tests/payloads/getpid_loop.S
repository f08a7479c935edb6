/*
 * A runaway loop of syscalls (getpid), per-call lines off so the log
 * stays small: it is in the kernel half the time, and still ended by the
 * CPU-time limit, like spin.S.
 */
#include "core/abi/abi.h"
	.section .text.start, "ax"
	.globl _start
_start:
	movl	$SYS_ring3_report, %eax
	movl	$RING3_REPORT_QUIET, %edi
	syscall
1:	movl	$SYS_getpid, %eax
	syscall
	jmp	1b
	.section .note.GNU-stack, "", @progbits
