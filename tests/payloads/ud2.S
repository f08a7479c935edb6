/*
 * A payload that makes one syscall, then executes an invalid opcode.
 * The kernel must report FAULT ... name=#UD mode=user action=terminated,
 * end this payload and carry on with the next.
 */
#include "core/abi/abi.h"

	.section .text.start, "ax"
	.globl _start
_start:
	movl	$SYS_getpid, %eax
	syscall
	movq	$0x1122334455667788, %rbx	/* shows up in the register dump */
	ud2
	.section .note.GNU-stack, "", @progbits
