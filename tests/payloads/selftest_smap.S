/*
 * Asks the kernel (started with --selftest) to read this payload's first
 * byte without STAC. With SMAP on, that is a kernel #PF (present, read,
 * supervisor) and a panic: proof that SMAP is really enforced.
 */
#include "core/abi/abi.h"

	.section .text.start, "ax"
	.globl _start
_start:
	movl	$SYS_ring3_selftest, %eax
	movl	$RING3_SELFTEST_SMAP, %edi
	movl	$0x400000, %esi
	syscall
	movl	%eax, %edi		/* without SMAP: exit with the byte read */
	movl	$SYS_exit, %eax
	syscall
	ud2
	.section .note.GNU-stack, "", @progbits
