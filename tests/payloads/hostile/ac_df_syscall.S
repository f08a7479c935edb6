/* expect: exit 0
 * AC and DF set before write(): SFMASK clears both on entry, so the
 * kernel's copy runs forwards and SMAP stays on; the user's flags come
 * back unchanged afterwards. */
#include "case.h"
	CASE_START
	pushfq
	orq	$0x40400, (%rsp)	/* AC | DF */
	popfq
	movl	$FD_STDOUT, %edi
	leaq	msg(%rip), %rsi
	movl	$msg_len, %edx
	SYS	SYS_write
	pushfq
	popq	%rbx
	cld
	pushfq
	andq	$~0x40000, (%rsp)
	popfq
	cmpq	$msg_len, %rax
	jne	1f
	andq	$0x40400, %rbx
	cmpq	$0x40400, %rbx
	jne	1f
	EXIT 0
1:	EXIT 1
msg:	.ascii "forwards, whole and in order\n"
	.set msg_len, . - msg
