/* A runaway spin-wait loop (PAUSE): ended by the CPU-time limit. */
	.section .text.start, "ax"
	.globl _start
_start:
1:	pause
	jmp	1b
	.section .note.GNU-stack, "", @progbits
