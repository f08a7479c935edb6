/*
 * Timing probes for the bench payload. Each probe times one execution of
 * its body between "lfence; rdtsc" and "rdtscp; lfence" (or "rdtsc;
 * lfence" on CPUs without RDTSCP) and returns the TSC delta. Every probe
 * is the same code but for its body, so subtracting the empty probe's
 * delta leaves the body's own cost; under QEMU -icount that difference is
 * an exact instruction count.
 *
 * uint64_t probe_<body>_<end>(uint64_t a0, uint64_t a1, uint64_t a2)
 *   a0..a2 arrive in RDI, RSI, RDX, which are also the first three
 *   syscall arguments: the probe hands them to the body unchanged (RDX
 *   is put back after RDTSC).
 */
#include "core/abi/abi.h"

.macro TSC_END_RDTSCP
	rdtscp			/* waits for the body to finish */
	lfence			/* nothing after it starts early */
.endm

.macro TSC_END_RDTSC
	rdtsc
	lfence
.endm

.macro PROBE name, nr, end
	.globl probe_\name\()_\end
	.type probe_\name\()_\end, @function
probe_\name\()_\end:
	pushq	%rbx
	pushq	%r12
	movq	%rdx, %r10	/* RDTSC overwrites RDX, the third argument */
	lfence			/* everything before has finished */
	rdtsc
	movl	%eax, %ebx
	movl	%edx, %r12d
	movq	%r10, %rdx	/* in every probe, so these two cancel out */
	movl	$\nr, %eax
	BODY_\name
	TSC_END_\end
	shlq	$32, %rdx
	orq	%rdx, %rax
	shlq	$32, %r12
	orq	%rbx, %r12
	subq	%r12, %rax
	popq	%r12
	popq	%rbx
	ret
	.size probe_\name\()_\end, . - probe_\name\()_\end
.endm

.macro BODY_empty
.endm
.macro BODY_syscall
	syscall
.endm
.macro BODY_int80
	int	$0x80
.endm
.macro BODY_call
	call	probe_leaf
.endm

	.text
probe_leaf:
	ret

.irp end, RDTSCP, RDTSC
	PROBE empty, SYS_getpid, \end
	PROBE syscall, SYS_getpid, \end
	PROBE int80, SYS_getpid, \end
	PROBE call, SYS_getpid, \end
.endr

/* The same shapes for other syscall numbers: the number is in RAX via
 * the probe's own MOV, so these are separate probes. */
.macro PROBE_NR name, nr
.macro BODY_\name
	syscall
.endm
.irp end, RDTSCP, RDTSC
	PROBE \name, \nr, \end
.endr
.endm

	PROBE_NR enosys, 1000
	PROBE_NR write, SYS_write
	.section .note.GNU-stack, "", @progbits
