/* expect: fault 14 err=0x4
 * A PROT_NONE mmap: the page is reserved but not present, so a read is
 * #PF (not present, user, read). */
#include "case.h"
	CASE_START
	xorl	%edi, %edi
	movq	$4096, %rsi
	movq	$PROT_NONE, %rdx
	movq	$(MAP_PRIVATE | MAP_ANONYMOUS), %r10
	movq	$-1, %r8
	xorl	%r9d, %r9d
	SYS	SYS_mmap
	cmpq	$-4096, %rax
	jae	1f
	movq	(%rax), %rax
1:	EXIT 1
