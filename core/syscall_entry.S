/*
 * The SYSCALL entry (LSTAR points here).
 *
 * State on entry (SDM vol. 2, SYSCALL):
 *   RCX = user RIP of the next instruction, R11 = user RFLAGS;
 *   RFLAGS &= ~SFMASK: IF, TF, DF, AC, NT and IOPL are already clear, so
 *   this path needs no CLI, CLD or CLAC;
 *   CS/SS = kernel selectors from STAR; CPL 0;
 *   RSP = the user's, untrusted: never dereferenced here;
 *   GS_BASE = the user's, KERNEL_GS_BASE = this CPU's block.
 * SYSCALL only comes from ring 3 (64-bit user code), so the SWAPGS below is
 * unconditional. NMI/#MC/#DF arriving before it are handled by the
 * paranoid path (trap_entry.S), which does not trust GS.
 *
 * The frame is the same struct trap_frame exceptions build, every slot real.
 */
#include "abi.h"
#include "gdt.h"
#include "hw.h"
#include "layout.h"
#include "percpu.h"
#include "trap_frame.h"

	.text
	.globl syscall_entry
	.type syscall_entry, @function
	.balign 16
syscall_entry:
	swapgs
	movq	%rsp, %gs:PERCPU_USER_RSP
	movq	%gs:PERCPU_TSS_RSP0, %rsp
	pushq	$SEL_UDATA			/* frame->ss */
	pushq	%gs:PERCPU_USER_RSP		/* frame->rsp */
	pushq	%r11				/* frame->rflags */
	pushq	$SEL_UCODE			/* frame->cs */
	pushq	%rcx				/* frame->rip */
	pushq	$0				/* frame->error */
	pushq	$TRAP_VEC_SYSCALL		/* frame->vector */
	pushq	%rax				/* frame->rax: the number */
	pushq	%rbx				/* frame->rbx */
	pushq	%rcx				/* frame->rcx (= rip) */
	pushq	%rdx				/* frame->rdx: arg 2 */
	pushq	%rsi				/* frame->rsi: arg 1 */
	pushq	%rdi				/* frame->rdi: arg 0 */
	pushq	%rbp				/* frame->rbp */
	pushq	%r8				/* frame->r8: arg 4 */
	pushq	%r9				/* frame->r9: arg 5 */
	pushq	%r10				/* frame->r10: arg 3 */
	pushq	%r11				/* frame->r11 (= rflags) */
	pushq	%r12				/* frame->r12 */
	pushq	%r13				/* frame->r13 */
	pushq	%r14				/* frame->r14 */
	pushq	%r15				/* frame->r15 */
	movq	%rsp, %rdi
	call	syscall_dispatch		/* sets frame->rax; may not return (exit, kill) */

	/*
	 * SYSRET is only safe when (CVE-2012-0217 and friends):
	 *  - the return RIP is canonical and in user space: on Intel a
	 *    non-canonical RCX makes SYSRET #GP in ring 0 with the user's RSP
	 *    and GS already in place;
	 *  - TF and RF are clear in the restored RFLAGS (single-step after
	 *    SYSRET is subtle; IRETQ is exact);
	 *  - RCX == RIP and R11 == RFLAGS: true by construction, both are
	 *    loaded from the frame slots SYSRET restores.
	 * Otherwise take IRETQ, which restores every slot exactly.
	 * syscall_dispatch already ended any task whose return RIP is not
	 * canonical, so IRETQ here never faults on RIP.
	 */
	movq	FRAME_RIP(%rsp), %rcx
	movq	FRAME_RFLAGS(%rsp), %r11
	movq	%rcx, %rax
	shrq	$47, %rax			/* 0 iff RIP < 2^47 */
	jnz	.Lreturn_iret
	testl	$(RFLAGS_TF | RFLAGS_RF), %r11d
	jnz	.Lreturn_iret

	/*
	 * Fast path. RBX, RBP and R12-R15 still hold the user's values: the C
	 * ABI preserved them and nothing writes their frame slots. Every
	 * other register is reloaded from the frame, so no kernel value
	 * reaches ring 3.
	 */
	movq	FRAME_RAX(%rsp), %rax
	movq	FRAME_RDX(%rsp), %rdx
	movq	FRAME_RSI(%rsp), %rsi
	movq	FRAME_RDI(%rsp), %rdi
	movq	FRAME_R8(%rsp), %r8
	movq	FRAME_R9(%rsp), %r9
	movq	FRAME_R10(%rsp), %r10
	movq	FRAME_RSP(%rsp), %rsp		/* user stack: no kernel access after this */
	swapgs
	sysretq

.Lreturn_iret:
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%r11
	popq	%r10
	popq	%r9
	popq	%r8
	popq	%rbp
	popq	%rdi
	popq	%rsi
	popq	%rdx
	popq	%rcx
	popq	%rbx
	popq	%rax
	addq	$16, %rsp			/* vector, error */
	swapgs
	iretq
	.size syscall_entry, . - syscall_entry

	.section .note.GNU-stack, "", @progbits
