/*
 * Asks the kernel (started with --selftest) to rewrite a byte of its own
 * text (or, from selftest_alias_rodata.S, of its rodata) through the
 * direct map. That alias is read-only once the kernel has patched
 * itself: a kernel #PF (present, write) and a panic. If the write goes
 * through, the call returns 0 and the payload exits 0.
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
