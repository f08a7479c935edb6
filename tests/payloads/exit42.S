/*
 * The smallest useful payload, in assembly: print a line, exit with 42.
 * Proves PAYLOAD= runs a file of the user's own and reports its exit code.
 */
#include "core/abi/abi.h"

	.section .text.start, "ax"
	.globl _start
_start:
	movl	$SYS_write, %eax
	movl	$FD_STDOUT, %edi
	leaq	msg(%rip), %rsi
	movl	$msg_len, %edx
	syscall
	movl	$SYS_exit, %eax
	movl	$42, %edi
	syscall
	ud2
msg:	.ascii "custom payload: hello, exiting with 42\n"
	.set msg_len, . - msg
	.section .note.GNU-stack, "", @progbits
