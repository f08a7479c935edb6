/*
 * The first bug in most students' payloads: a loop that never ends and
 * never calls the kernel. With interrupts on in ring 3 the timer still
 * takes the CPU back, and the CPU-time limit (--cpu-limit) ends it:
 * "KILL ... reason=cpu-time-limit", SUMMARY exit=killed.
 */
	.section .text.start, "ax"
	.globl _start
_start:
1:	jmp	1b
	.section .note.GNU-stack, "", @progbits
