/*
 * void efi_enter_kernel(uint64_t cr3, uint64_t stack, uint64_t entry,
 *                       uint64_t handoff)
 *
 * State on entry: after ExitBootServices, on the firmware's page tables
 * and stack, interrupts off. The page holding this code is identity
 * mapped in cr3 (low_cr3), so the instruction after the CR3 load is
 * fetched from the same address in the kernel's tables. The kernel's
 * entry state is the boot protocol's (core/boot/handoff.h).
 */
	.text
	.globl efi_enter_kernel, efi_enter_kernel_end
	.type efi_enter_kernel, @function
efi_enter_kernel:
	cli
	movq	%rdi, %cr3		/* low_cr3: kernel half + this page */
	movq	%rsi, %rsp		/* the bootstrap CPU's kernel stack */
	movq	%rcx, %rdi		/* the handoff, for kernel_entry */
	xorl	%ebp, %ebp
	jmpq	*%rdx			/* kernel_entry: never returns */
efi_enter_kernel_end:
	.size efi_enter_kernel, . - efi_enter_kernel
	.section .note.GNU-stack, "", @progbits
