/*
 * The bench program's timing probes. Each one runs its body once between
 * "lfence; rdtsc" and "rdtscp; lfence" (or "rdtsc; lfence" where the CPU
 * has no RDTSCP) and returns the TSC difference. All probes are one
 * template with a different body, so the empty probe's cost is the
 * timing pair's own, and subtracting it leaves the body's cost: under
 * QEMU -icount an exact instruction count.
 *
 * uint64_t probe_BODY_END(uint64_t a0, uint64_t a1, uint64_t a2, uint64_t nr)
 *   a0..a2 come in RDI, RSI, RDX, the first three syscall arguments, and
 *   reach the body unchanged (RDX is put back after RDTSC); nr comes in
 *   RCX and goes to RAX, the syscall number, in every probe alike.
 */

.macro END_RDTSCP
	rdtscp			/* the body has finished */
	lfence			/* nothing after starts early */
.endm

.macro END_RDTSC
	rdtsc
	lfence
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

.macro PROBE body, end
	.globl probe_\body\()_\end
	.type probe_\body\()_\end, @function
probe_\body\()_\end:
	pushq	%rbx
	pushq	%r12
	movq	%rdx, %r10	/* RDTSC overwrites RDX */
	lfence			/* everything before has finished */
	rdtsc
	movl	%eax, %ebx
	movl	%edx, %r12d
	movq	%r10, %rdx
	movl	%ecx, %eax
	BODY_\body
	END_\end
	shlq	$32, %rdx
	orq	%rdx, %rax
	shlq	$32, %r12
	orq	%rbx, %r12
	subq	%r12, %rax
	popq	%r12
	popq	%rbx
	ret
	.size probe_\body\()_\end, . - probe_\body\()_\end
.endm

	.text
probe_leaf:
	ret

.irp end, RDTSCP, RDTSC
.irp body, empty, syscall, int80, call
	PROBE \body, \end
.endr
.endr
	.section .note.GNU-stack, "", @progbits
