/* expect: fault 13 err=0x0 reason=noncanonical-return
 * SYSCALL as the last two bytes of the highest user page returns to
 * 0x800000000000, which is not canonical. SYSRET there would #GP in ring 0
 * with the user's stack and GS (CVE-2012-0217); this kernel checks the
 * return RIP first and ends the task instead. */
#include "case.h"
	CASE_START
	movabsq	$0x7ffffffff000, %rdi
	movq	$4096, %rsi
	movq	$(PROT_READ | PROT_WRITE | PROT_EXEC), %rdx
	movq	$(MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED), %r10
	movq	$-1, %r8
	xorl	%r9d, %r9d
	SYS	SYS_mmap
	cmpq	%rdi, %rax
	jne	1f
	movw	$0x050f, 0xffe(%rax)	/* "syscall" at 0x7ffffffffffe */
	leaq	0xffe(%rax), %rbx
	movl	$SYS_getpid, %eax
	jmp	*%rbx
1:	EXIT 1
