/*
 * int cpu_wrmsr_checked(uint32_t msr, uint64_t value)
 *
 * WRMSR where the CPU may refuse it: CPUID can promise an MSR that a
 * hypervisor then rejects with #GP. A #GP at cpu_wrmsr_checked_insn
 * resumes at cpu_wrmsr_checked_fixup (core/entry/trap.c), which returns
 * -1; otherwise 0.
 * State on entry: kernel mode, the IDT loaded; EDI = the MSR, RSI = the value.
 */
	.text
	.globl cpu_wrmsr_checked, cpu_wrmsr_checked_insn, cpu_wrmsr_checked_fixup
	.type cpu_wrmsr_checked, @function
cpu_wrmsr_checked:
	movl	%edi, %ecx
	movl	%esi, %eax			/* the value in EDX:EAX */
	movq	%rsi, %rdx
	shrq	$32, %rdx
cpu_wrmsr_checked_insn:
	wrmsr
	xorl	%eax, %eax
	ret
cpu_wrmsr_checked_fixup:
	movl	$-1, %eax
	ret
	.size cpu_wrmsr_checked, . - cpu_wrmsr_checked

	.section .note.GNU-stack, "", @progbits
