/*
 * Shared by the bad_return_* payloads (run with --selftest): ask the
 * kernel to return to this task through IRETQ with a selector ring 3
 * cannot load, entering by SYSCALL or by INT 0x80. The IRETQ faults in
 * ring 0 after SWAPGS; the kernel must take its own GS back and end only
 * this task: "FAULT ... mode=user action=terminated ... reason=bad-return".
 * If the kernel refuses the selftest, the payload exits 1 instead.
 */
#include "core/abi/abi.h"

.macro BAD_RETURN which, via
	.section .text.start, "ax"
	.globl _start
_start:
	movl	$SYS_ring3_selftest, %eax
	movl	$RING3_SELFTEST_BAD_RETURN, %edi
	movl	$\which, %esi
	.ifc \via, int80
	int	$0x80
	.else
	syscall
	.endif
	movl	$SYS_exit, %eax		/* only if the kernel refused */
	movl	$1, %edi
	syscall
	ud2
	.section .note.GNU-stack, "", @progbits
.endm
