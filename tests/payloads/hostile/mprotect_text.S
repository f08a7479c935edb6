/* expect: fault 14 err=0x7
 * After mprotect(PROT_READ|PROT_EXEC) on its own code page, a write to it
 * faults: the kernel really changed the mapping (and flushed the TLB). */
#include "case.h"
	CASE_START
	movq	$0x400000, %rdi
	movq	$4096, %rsi
	movq	$(PROT_READ | PROT_EXEC), %rdx
	SYS	SYS_mprotect
	testq	%rax, %rax
	jnz	1f
	movb	$0x90, 0x400000
1:	EXIT 1
