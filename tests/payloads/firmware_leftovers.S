/*
 * Run with --selftest, which makes the loader hand over a CPU with a
 * watchpoint armed on the handoff, CR4.TSD, CR4.PCE (and FSGSBASE) and
 * CR0.TS set. If the kernel cleared all of that, this payload's RDTSC
 * and SSE instructions just work, and its RDPMC is #GP(0), which ends
 * it: "FAULT ... vector=13 ... err=0x0" at the RDPMC. (On today's kernel
 * the watchpoint alone stopped the boot.)
 */
#include "core/abi/abi.h"

	.section .text.start, "ax"
	.globl _start
_start:
	rdtsc				/* CR4.TSD clear: allowed in ring 3 */
	xorps	%xmm0, %xmm0		/* CR0.TS clear: no #NM */
	movq	%rax, %xmm1
	addps	%xmm1, %xmm0
	xorl	%ecx, %ecx
	.globl firmware_leftovers_rdpmc
firmware_leftovers_rdpmc:
	rdpmc				/* CR4.PCE clear: #GP(0) */
	movl	$SYS_exit, %eax		/* only if RDPMC was allowed */
	movl	$1, %edi
	syscall
	ud2
	.section .note.GNU-stack, "", @progbits
