/* expect: exit 0
 * The highest user page, 0x7ffffffff000, cannot be mapped: mmap there
 * (MAP_FIXED) is -ENOMEM, as on Linux. A SYSCALL in its last two bytes
 * would return to 0x800000000000, which is not canonical: SYSRET there
 * #GPs in ring 0 with the user's stack and GS on Intel (CVE-2012-0217),
 * and so would IRETQ. With the page unmappable, no instruction can end
 * there; MAP_FIXED_NOREPLACE is refused the same way. */
#include "case.h"
	CASE_START
	movabsq	$0x7ffffffff000, %rdi
	movq	$4096, %rsi
	movq	$(PROT_READ | PROT_WRITE | PROT_EXEC), %rdx
	movq	$(MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED), %r10
	movq	$-1, %r8
	xorl	%r9d, %r9d
	SYS	SYS_mmap
	cmpq	$-ENOMEM, %rax
	jne	1f
	movabsq	$0x7ffffffff000, %rdi
	movq	$1, %rsi
	movq	$(PROT_READ | PROT_WRITE | PROT_EXEC), %rdx
	movq	$(MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE), %r10
	SYS	SYS_mmap
	cmpq	$-ENOMEM, %rax
	jne	2f
	EXIT 0
1:	EXIT 1
2:	EXIT 2
