/*
 * Asks the kernel (started with --selftest) to rewrite a byte of its own
 * text through the direct map (or, from the files that include this one
 * with another ALIAS_WHICH, of its rodata, or of its IDT there or at its
 * link address). Each is read-only once the kernel is set up: a kernel
 * #PF (present, write) and a panic. If the write goes through, the call
 * returns 0 and the payload exits 0.
 */
#include "core/abi/abi.h"

#ifndef ALIAS_WHICH
#define ALIAS_WHICH RING3_IMAGE_ALIAS_TEXT
#endif

	.section .text.start, "ax"
	.globl _start
_start:
	movl	$SYS_ring3_selftest, %eax
	movl	$RING3_SELFTEST_IMAGE_ALIAS, %edi
	movl	$ALIAS_WHICH, %esi
	syscall
	movl	%eax, %edi
	movl	$SYS_exit, %eax
	syscall
	ud2
	.section .note.GNU-stack, "", @progbits
