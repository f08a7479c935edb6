/*
 * void mitigation_rsb_fill(void)
 *
 * Contract: kernel mode, any stack with 256 bytes free below RSP.
 * Overwrites the return stack buffer with 32 entries that each point at
 * a speculation trap, so a RET after a task switch cannot be predicted
 * from a return address the previous task planted (SpectreRSB). Each
 * CALL below pushes a real return address that no RET consumes; RSP is
 * put back at the end. 32 covers the deepest RSB of current CPUs.
 */
#define RSB_ENTRIES 32

	.text
	.globl mitigation_rsb_fill
	.type mitigation_rsb_fill, @function
mitigation_rsb_fill:
	movl	$(RSB_ENTRIES / 2), %ecx
1:	call	2f
3:	pause				/* a speculative RET lands here ... */
	lfence
	jmp	3b			/* ... and goes nowhere */
2:	call	4f
5:	pause
	lfence
	jmp	5b
4:	decl	%ecx
	jnz	1b
	lfence				/* no speculative exit from the loop before its end */
	addq	$(RSB_ENTRIES * 8), %rsp	/* drop the 32 pushed addresses */
	ret
	.size mitigation_rsb_fill, . - mitigation_rsb_fill

	.section .note.GNU-stack, "", @progbits
