/*
 * kernel_entry: the kernel ELF's entry point (e_entry).
 *
 * State on entry (the boot protocol, core/boot/handoff.h):
 *   RDI = the handoff's direct-map address;
 *   RSP = the bootstrap CPU's kernel stack top (higher half), 16-byte aligned;
 *   CR3 = handoff->low_cr3: the kernel half plus a few identity pages;
 *   GDT, IDT, DR0-DR7, LDTR, the PICs and the control registers' other
 *   bits still the firmware's; interrupts should be off, but the kernel
 *   relies on nothing it did not set itself.
 * core_main loads the kernel's own GDT, IDT and CR3 first thing.
 */
	.section .text.entry, "ax"
	.globl kernel_entry
	.type kernel_entry, @function
kernel_entry:
	cli				/* first: no interrupt through the firmware's IDT */
	/* Before any memory access: no firmware breakpoint or watchpoint
	 * may fire (its #DB would go through the firmware's IDT). */
	xorl	%eax, %eax
	movq	%rax, %dr7
	cld
	xorl	%ebp, %ebp		/* end of the frame-pointer chain */
	call	core_main		/* (h): never returns */
	ud2
	.size kernel_entry, . - kernel_entry
	.section .note.GNU-stack, "", @progbits
