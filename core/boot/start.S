/*
 * core_start(struct handoff *h, uint64_t stack_top)
 *
 * State on entry: called from efi_main right after ExitBootServices
 * succeeded; interrupts off; still on the firmware's stack, GDT, IDT and
 * page tables (which identity-map everything the handoff names).
 * The firmware's stack is boot-services memory that the kernel's own page
 * tables do not map, so move to the kernel stack before anything else.
 */
	.text
	.globl core_start
	.type core_start, @function
core_start:
	movq	%rsi, %rsp		/* kernel stack top, 16-byte aligned */
	xorl	%ebp, %ebp		/* end of the frame-pointer chain */
	call	core_main		/* (h): never returns */
	ud2
	.size core_start, . - core_start
	.section .note.GNU-stack, "", @progbits
