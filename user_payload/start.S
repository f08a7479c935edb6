/*
 * Payload entry. State on entry (docs/abi.md): ring 3, RIP = 0x400000,
 * RSP 16-byte aligned at the top of the user stack, all other general
 * registers 0. main's return value becomes the exit code.
 */
#include "core/abi/abi.h"

	.section .text.start, "ax"
	.globl _start
_start:
	call	main
	movl	%eax, %edi
	movl	$SYS_exit, %eax
	syscall
	ud2			/* exit does not return */
	.section .note.GNU-stack, "", @progbits
