/*
 * int64_t uaccess_copy(void *dst, const void *src, uint64_t n)
 * int64_t uaccess_clear(void *dst, uint64_t n)
 *
 * The only instructions that touch user memory on the kernel's behalf,
 * two per function: whole quadwords, then the 0-7 bytes left (an iteration a
 * quadword, where `rep movsb` alone would take one a byte: under QEMU's
 * icount each iteration is an instruction, and Linux copies by quadwords
 * too). Contract: the caller has checked the user side with user_range_ok
 * (so it is canonical and below kernel space); DF is clear (SFMASK, trap
 * entry). A page fault at any of the four is a fault on the user side:
 * the fault handler resumes at uaccess_copy_fixup, which returns -EFAULT
 * for either function.
 * With SMAP the copy is bracketed by STAC/CLAC, the only window in which
 * the kernel may touch user pages.
 */
#include "core/abi/abi.h"
#include "core/entry/smap.h"

	.text
	.globl uaccess_copy, uaccess_copy_insn, uaccess_copy_tail_insn, uaccess_copy_fixup
	.type uaccess_copy, @function
uaccess_copy:
	movq	%rdx, %rcx
	shrq	$3, %rcx
	andl	$7, %edx
	SMAP_STAC
uaccess_copy_insn:
	rep movsq
	movl	%edx, %ecx
uaccess_copy_tail_insn:
	rep movsb
	SMAP_CLAC
	xorl	%eax, %eax
	ret
uaccess_copy_fixup:
	SMAP_CLAC
	movq	$-EFAULT, %rax
	ret
	.size uaccess_copy, . - uaccess_copy

	.globl uaccess_clear, uaccess_clear_insn, uaccess_clear_tail_insn
	.type uaccess_clear, @function
uaccess_clear:
	movq	%rsi, %rcx
	shrq	$3, %rcx
	andl	$7, %esi
	xorl	%eax, %eax
	SMAP_STAC
uaccess_clear_insn:
	rep stosq
	movl	%esi, %ecx
uaccess_clear_tail_insn:
	rep stosb
	SMAP_CLAC
	ret			/* RAX is 0 */
	.size uaccess_clear, . - uaccess_clear

	.section .note.GNU-stack, "", @progbits
