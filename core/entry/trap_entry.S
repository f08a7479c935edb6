/*
 * Exception and interrupt entry: every IDT vector but INT 0x80 comes
 * through here (0-31 exceptions, 32-255 device interrupts).
 *
 * State on entry (SDM vol. 3, 6.14): the CPU has pushed SS, RSP, RFLAGS,
 * CS, RIP and, for some vectors, an error code, on RSP0 when coming from
 * ring 3, on an IST stack for NMI/#DF/#MC/#DB, else on the current kernel
 * stack (device interrupts reach the kernel only in its idle loop). IF is
 * clear (interrupt gates). TF, NT, RF are clear; DF and AC are
 * whatever the interrupted code had, so they are cleared here first.
 * GS_BASE is the user's if the CPU was in ring 3.
 *
 * Each stub makes the frame uniform (error code 0 where the CPU pushes
 * none, then the vector) and jumps to one of two common paths:
 *   trap_common    decides SWAPGS by the saved CS (ring 3 <=> user GS),
 *                  and by the saved RIP for the one exception to that
 *                  rule: a fault of the IRETQ to ring 3 (bad_iret);
 *   trap_paranoid  for NMI, #DF, #MC and #DB. From ring 3, all but #DF
 *                  take the trap_common path. From ring 0 they can arrive between
 *                  SYSCALL and its SWAPGS (a #DB from a debug register or
 *                  a single-step quirk), or between SWAPGS and IRETQ,
 *                  where CS says "kernel" but GS is the user's: it
 *                  installs this CPU's GS_BASE from the word at the top
 *                  of its IST stack and restores the old value afterwards,
 *                  trusting GS not at all.
 * Returns to ring 3 go through entry_return_user (return_user.S).
 */
#include "core/cpu/gdt.h"
#include "core/cpu/hw.h"
#include "core/cpu/percpu.h"
#include "core/entry/smap.h"
#include "core/entry/trap_frame.h"
#include "core/entry/frame_macros.h"
#include "core/cpu/mitigation.h"
#include "asm_offsets.h"

/* Vectors for which the CPU pushes an error code. */
#define HAS_ERROR(v) ((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || \
		      (v) == 21 || (v) == 29 || (v) == 30)
#define IS_PARANOID(v) ((v) == VEC_NMI || (v) == VEC_DF || (v) == VEC_MC || (v) == VEC_DB)

.macro TRAP_STUB v
trap_stub_\v:
	.if !HAS_ERROR(\v)
	pushq	$0		/* frame->error */
	.endif
	pushq	$\v		/* frame->vector */
	.if IS_PARANOID(\v)
	jmp	trap_paranoid
	.else
	jmp	trap_common
	.endif
	/* Pad to TRAP_STUB_SIZE; the assembler refuses if the stub is longer. */
	.org	trap_stub_\v + TRAP_STUB_SIZE, 0xcc
.endm

	.section .entry.text, "ax"
	.globl trap_stubs
	.balign TRAP_STUB_SIZE
trap_stubs:
	.irp v, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	TRAP_STUB \v
	.endr
	/* Device vectors 0x20-0xff: no error code, the same frame. */
	.irp hi, 2,3,4,5,6,7,8,9,a,b,c,d,e,f
	.irp lo, 0,1,2,3,4,5,6,7,8,9,a,b,c,d,e,f
	TRAP_STUB 0x\hi\lo
	.endr
	.endr

	.globl trap_common
trap_common:
	cld
	SMAP_CLAC
	testb	$3, FRAME_CS - FRAME_VECTOR(%rsp)
	jz	.Lfrom_kernel
.Lfrom_user:
	swapgs			/* from ring 3: GS_BASE := this CPU's block */
	lfence			/* no speculation past the SWAPGS decision */
	PTI_FRAME_TO_KERNEL
.Lfrom_user_kernel_gs:
	PUSH_GPRS
	CLEAR_GPRS_IF_ON rax=1
	/* At this point: a complete struct trap_frame at RSP, GS = kernel. */
	movq	%rsp, %rdi
	call	trap_dispatch	/* returns only if the frame may be resumed */
	jmp	entry_return_user

.Lfrom_kernel:
	/*
	 * The IRETQ to ring 3 faulted (return_user.S): it runs after SWAPGS,
	 * so GS_BASE is the user's here, and with page-table isolation CR3
	 * is the user's and RSP is on the entry stack. Take the kernel's
	 * back; trap_dispatch ends the task and never returns to this frame.
	 */
	cmpq	$entry_iret_user, FRAME_RIP - FRAME_VECTOR(%rsp)
	jne	1f
	swapgs
	lfence
	PTI_FRAME_TO_KERNEL
	jmp	2f
1:	lfence			/* nor past the decision not to SWAPGS */
2:	PUSH_GPRS
	CLEAR_GPRS_IF_ON rax=1	/* the bad return's registers are the user's */
	movq	%rsp, %rdi
	call	trap_dispatch
	POP_GPRS
	addq	$(FRAME_RIP - FRAME_VECTOR), %rsp	/* drop vector and error */
	iretq			/* to ring 0, with the GS it came with */

/* The word just below an IST stack's top, above the hardware frame:
 * this CPU's block (cpu_setup wrote it; the frame ends IST_TOP_RESERVED
 * below the top). */
#define IST_PERCPU_SLOT (FRAME_SIZE + IST_TOP_RESERVED - 8)

trap_paranoid:
	cld
	SMAP_CLAC
	/* From ring 3, GS_BASE is certainly the user's: the usual path, on
	 * the kernel stack. Not for #DF, whose saved CS and RIP are
	 * undefined (SDM, interrupt 8). */
	cmpq	$VEC_DF, (%rsp)
	je	1f
	testb	$3, FRAME_CS - FRAME_VECTOR(%rsp)
	jnz	.Lparanoid_user
1:
	PUSH_GPRS
	CLEAR_GPRS_IF_ON rax=1	/* in the windows around SYSRET/IRETQ they are the user's */
	movl	$MSR_GS_BASE, %ecx
	rdmsr
	movl	%eax, %r12d	/* r12/r13: interrupted GS_BASE, callee-saved */
	movl	%edx, %r13d
	movq	IST_PERCPU_SLOT(%rsp), %rax
	movq	%rax, %rdx
	shrq	$32, %rdx
	wrmsr			/* GS_BASE := this CPU's block, whatever it was */
	lfence
	/* With isolation CR3 may be the user's (between the switch and
	 * SYSRET or IRETQ): the kernel's for the handler, then back. */
	movq	%cr3, %r14	/* r14: interrupted CR3, callee-saved */
	PTI_CR3_TO_KERNEL %rax
	movq	%rsp, %rdi
	call	trap_dispatch
	testl	$MIT_BIT(MIT_PTI), mitigation_entry_flags(%rip)
	jz	2f
	testl	$MIT_ENTRY_PCID, mitigation_entry_flags(%rip)
	jz	3f
	btsq	$63, %r14	/* CR3_NOFLUSH: nothing changed the interrupted tables */
3:	movq	%r14, %cr3
2:	movl	$MSR_GS_BASE, %ecx
	movl	%r12d, %eax
	movl	%r13d, %edx
	wrmsr			/* put back the interrupted GS_BASE */
	POP_GPRS
	addq	$(FRAME_RIP - FRAME_VECTOR), %rsp
	iretq

	/*
	 * NMI, #DB or #MC from ring 3: leave the IST stack for this CPU's
	 * kernel stack (empty while ring 3 runs) before anything else, as
	 * Linux's sync_regs does. The way back may deliver a signal, whose
	 * user copies can fault; an IRETQ from that fault unblocks NMIs, and
	 * a new NMI would reuse the IST stack under a live frame.
	 * State here: the IST frame from vector up, user GPRs, user GS_BASE.
	 */
.Lparanoid_user:
	swapgs
	lfence
	/* A scratch slot: no SYSCALL is in flight on a CPU that was in ring 3. */
	movq	%rax, %gs:PERCPU_USER_RSP
	PTI_CR3_TO_KERNEL %rax
	movq	%rsp, %rax
	movq	%gs:PERCPU_KSTACK_TOP, %rsp
	PUSH_FRAME_FROM_RAX 0
	movq	%gs:PERCPU_USER_RSP, %rax
	jmp	.Lfrom_user_kernel_gs

	.section .note.GNU-stack, "", @progbits
