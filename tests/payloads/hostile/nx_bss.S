/* expect: fault 14 err=0x15
 * Executing in the region past the file (the .bss): mapped NX. */
#include "case.h"
	CASE_START
	leaq	code(%rip), %rax
	movb	$0xc3, (%rax)
	call	*%rax
	EXIT 1
	.bss
	.balign 4096
	.space 4096
code:	.space 16
