/*
 * int64_t uaccess_copy(void *dst, const void *src, uint64_t n)
 *
 * The only instruction that touches user memory on the kernel's behalf.
 * Contract: the caller has checked the user side with user_range_ok (so it
 * is canonical and below kernel space); DF is clear (SFMASK, trap entry).
 * A page fault at uaccess_copy_insn is a fault on the user side: the
 * fault handler resumes at uaccess_copy_fixup, which returns -EFAULT.
 * With SMAP the copy is bracketed by STAC/CLAC, the only window in which
 * the kernel may touch user pages.
 */
#include "core/abi/abi.h"
#include "core/entry/smap.h"

	.text
	.globl uaccess_copy, uaccess_copy_insn, uaccess_copy_fixup
	.type uaccess_copy, @function
uaccess_copy:
	movq	%rdx, %rcx
	SMAP_STAC
uaccess_copy_insn:
	rep movsb
	SMAP_CLAC
	xorl	%eax, %eax
	ret
uaccess_copy_fixup:
	SMAP_CLAC
	movq	$-EFAULT, %rax
	ret
	.size uaccess_copy, . - uaccess_copy

	.section .note.GNU-stack, "", @progbits
