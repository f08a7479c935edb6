/* expect: fault 14 err=0x15
 * Jumping to the SYSCALL entry from ring 3: #PF on the instruction fetch
 * (protection, user, fetch): kernel text is supervisor-only. */
#include "case.h"
	CASE_START
	KINFO
	jmp	*kinfo+KINFO_TEXT(%rip)
	.bss
kinfo:	.space 128
