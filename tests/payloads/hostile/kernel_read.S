/* expect: fault 14 err=0x5
 * Reading the per-CPU block (a present supervisor page): #PF, protection,
 * user. Kernel memory is never user-accessible. */
#include "case.h"
	CASE_START
	KINFO
	movq	kinfo+KINFO_DATA(%rip), %rax
	movq	(%rax), %rax
	EXIT 1
	.bss
kinfo:	.space 128
