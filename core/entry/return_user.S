/*
 * entry_return_user: the one way back to ring 3 through IRETQ.
 *
 * State on entry: RSP = a complete struct trap_frame whose hardware part
 * (RIP, CS, RFLAGS, RSP, SS) is what ring 3 gets; GS_BASE = this CPU's
 * block, KERNEL_GS_BASE = the user's; interrupts off. If the per-CPU
 * work word is set (a reschedule, a task to end), exit_work runs first
 * with the frame: it may save it and switch to another task instead.
 *
 * Every IRETQ to ring 3 in the kernel is entry_iret_user below: the
 * syscall IRETQ path, INT 0x80, exceptions and NMI/#DB/#MC from ring 3,
 * and the first entry of a task. So a fault whose RIP is entry_iret_user
 * came from a frame ring 3 could not take (a bad CS or SS, or a
 * non-canonical RIP on Intel), and it arrives in ring 0 with the user's
 * GS_BASE already in place: trap_common knows by RIP alone to SWAPGS
 * back, as Linux's bad_iret does, and trap_dispatch ends the task.
 */
#include "core/entry/trap_frame.h"
#include "core/entry/frame_macros.h"
#include "core/cpu/percpu.h"
#include "core/cpu/mitigation.h"
#include "asm_offsets.h"

	.section .entry.text, "ax"
	.globl entry_return_user, entry_iret_user
	.type entry_return_user, @function
entry_return_user:
	cmpl	$0, %gs:PERCPU_WORK
	jne	2f
1:	POP_GPRS
	addq	$(FRAME_RIP - FRAME_VECTOR), %rsp	/* vector, error */
	testl	$MIT_BIT(MIT_PTI), mitigation_entry_flags(%rip)
	jnz	3f
4:	testl	$MIT_BIT(MIT_VERW), mitigation_entry_flags(%rip)
	swapgs				/* GS_BASE := the user's; flags kept */
	jz	entry_iret_user
	verw	verw_selector(%rip)	/* the last memory access before ring 3 */
entry_iret_user:
	iretq
2:	movq	%rsp, %rdi
	call	exit_work		/* may switch tasks: then it does not return */
	jmp	1b

	/*
	 * Page-table isolation: RSP is the IRET frame on the kernel stack,
	 * every general register the user's. Move the frame to the entry
	 * stack (mapped in the user tables) and switch CR3 there, with
	 * RAX parked in the per-CPU page (no SYSCALL is in flight).
	 */
3:	movq	%rax, %gs:PERCPU_USER_RSP
	movq	%rsp, %rax
	movq	%gs:PERCPU_TSS_RSP0, %rsp	/* the entry stack's top */
	pushq	FRAME_SS - FRAME_RIP(%rax)	/* ss */
	pushq	FRAME_RSP - FRAME_RIP(%rax)	/* rsp */
	pushq	FRAME_RFLAGS - FRAME_RIP(%rax)	/* rflags */
	pushq	FRAME_CS - FRAME_RIP(%rax)	/* cs */
	pushq	(%rax)				/* rip */
	movq	%gs:PERCPU_USER_CR3, %rax
	movq	%rax, %cr3		/* no kernel stack, no kernel data after this */
	movq	%gs:PERCPU_USER_RSP, %rax
	jmp	4b			/* VERW, SWAPGS and IRETQ: all mapped here */
	.size entry_return_user, . - entry_return_user


/*
 * void pti_flush_user_pcid(uint64_t user_cr3, uint64_t kernel_cr3)
 * Contract: interrupts off, page-table isolation with PCIDs. Loading
 * user_cr3 without CR3_NOFLUSH drops the user PCID's TLB entries; the
 * next instruction runs under the user tables, so it is here, in code
 * they map. Then the kernel's tables again (kernel_cr3 keeps its PCID's).
 */
	.section .entry.text, "ax"
	.globl pti_flush_user_pcid
	.type pti_flush_user_pcid, @function
pti_flush_user_pcid:
	movq	%rdi, %cr3
	movq	%rsi, %cr3
	ret
	.size pti_flush_user_pcid, . - pti_flush_user_pcid
	.section .note.GNU-stack, "", @progbits
