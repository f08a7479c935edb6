/* The built-in demo payload (user_payload/), embedded in the image. */
	.section .rodata
	.balign 16
	.globl builtin_payload_start, builtin_payload_end
builtin_payload_start:
	.incbin BUILTIN_PAYLOAD
builtin_payload_end:
	.section .note.GNU-stack, "", @progbits
