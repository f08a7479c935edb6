/*
 * The SYSCALL entry (LSTAR points at one of its variants).
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
#include "core/abi/abi.h"
#include "core/cpu/gdt.h"
#include "core/cpu/hw.h"
#include "core/abi/layout.h"
#include "core/cpu/percpu.h"
#include "core/entry/trap_frame.h"
#include "core/entry/frame_macros.h"
#include "core/entry/smap.h"
#include "core/cpu/mitigation.h"
#include "asm_offsets.h"

/*
 * A call of syscall_dispatch whose target the boot may change to the
 * dispatcher with the chosen indirect-jump hardening (mitigation_hw.c):
 * each site is listed in .rodata.dispatch_sites.
 */
.macro CALL_DISPATCH
.Ldispatch_site\@:
	call	syscall_dispatch
	.pushsection .rodata.dispatch_sites, "a"
	.quad	.Ldispatch_site\@
	.popsection
.endm

/*
 * The SYSCALL frame on the kernel stack, as an exception would push it
 * (RSP already there, the user's RSP parked in the per-CPU page); cs is
 * the user code selector the SYSCALL came from.
 */
.macro SYSCALL_FRAME cs
	pushq	$SEL_UDATA			/* frame->ss */
	pushq	%gs:PERCPU_USER_RSP		/* frame->rsp */
	pushq	%r11				/* frame->rflags */
	pushq	$\cs				/* frame->cs */
	pushq	%rcx				/* frame->rip */
	pushq	$0				/* frame->error */
	pushq	$TRAP_VEC_SYSCALL		/* frame->vector */
.endm

/*
 * Every variant below is one path with some speculation mitigations
 * built in (docs/design.md, "Speculation mitigations"): LSTAR points at
 * the one the boot chose, so a mitigation that is off costs no
 * instruction, not even a test.
 *   pti    switch to the kernel's page tables first, back to the user's
 *          last (the user tables map this code, the per-CPU page and
 *          nothing else of the kernel);
 *   clear  no user value left in a register the C code could use
 *          speculatively (Linux's PUSH_AND_CLEAR_REGS);
 *   verw   VERW overwrites the CPU buffers just before SYSRET (MDS).
 */
.macro SYSCALL_PATH pti, clear, verw
	.globl syscall_entry_\pti\clear\verw
	.type syscall_entry_\pti\clear\verw, @function
	.balign 16
syscall_entry_\pti\clear\verw:
	swapgs
	movq	%rsp, %gs:PERCPU_USER_RSP	/* the per-CPU page: mapped either way */
	.if \pti
	movq	%gs:PERCPU_KERNEL_CR3, %rsp	/* RSP is the only free register */
	movq	%rsp, %cr3
	.endif
	movq	%gs:PERCPU_KSTACK_TOP, %rsp
	SYSCALL_FRAME SEL_UCODE
	PUSH_GPRS				/* rax = number, rdi.. = args, rcx = rip */
	.if \clear
	CLEAR_GPRS				/* but RAX: the dispatcher masks it */
	.endif
	movq	%rsp, %rdi
	CALL_DISPATCH				/* may not return (exit, kill) */
	movq	%rax, FRAME_RAX(%rsp)		/* the result, for the IRETQ path */
	incq	%gs:PERCPU_SYSCALLS

	/*
	 * SYSRET is only safe when (CVE-2012-0217 and friends):
	 *  - the return RIP is canonical and in user space: on Intel a
	 *    non-canonical RCX makes SYSRET #GP in ring 0 with the user's RSP
	 *    and GS already in place;
	 *  - TF and RF are clear in the restored RFLAGS (single-step after
	 *    SYSRET is subtle; IRETQ is exact);
	 *  - RCX == RIP and R11 == RFLAGS: true by construction, both are
	 *    loaded from the frame slots SYSRET restores;
	 *  - no exit work is pending: a task switch needs the full frame.
	 * Otherwise take IRETQ, which restores every slot exactly (a canonical
	 * kernel-half RIP included: the fetch then faults in ring 3, as on
	 * Linux), unless the RIP is not canonical, which IRETQ cannot return
	 * to either: then the task gets SIGSEGV (syscall_refuse_return).
	 */
	movq	FRAME_RIP(%rsp), %rcx
	movq	FRAME_RFLAGS(%rsp), %r11
	movq	%rcx, %rdx
	shrq	$47, %rdx			/* 0 iff RIP < 2^47 */
	jnz	syscall_return_iret
	testl	$(RFLAGS_TF | RFLAGS_RF), %r11d
	jnz	syscall_return_iret
	cmpl	$0, %gs:PERCPU_WORK		/* a reschedule or a task to end: */
	jnz	syscall_return_iret		/* entry_return_user handles it */

	/*
	 * Fast path. Without clear, RBX, RBP and R12-R15 still hold the
	 * user's values: the C ABI preserved them and nothing writes their
	 * frame slots. RAX holds the result. Every other register is
	 * reloaded from the frame, so no kernel value reaches ring 3.
	 */
	.if \clear
	movq	FRAME_RBX(%rsp), %rbx		/* the C code preserved zeros */
	movq	FRAME_RBP(%rsp), %rbp
	movq	FRAME_R12(%rsp), %r12
	movq	FRAME_R13(%rsp), %r13
	movq	FRAME_R14(%rsp), %r14
	movq	FRAME_R15(%rsp), %r15
	.endif
	movq	FRAME_RDX(%rsp), %rdx
	movq	FRAME_RSI(%rsp), %rsi
	movq	FRAME_R8(%rsp), %r8
	movq	FRAME_R9(%rsp), %r9
	movq	FRAME_R10(%rsp), %r10
	.if \pti
	movq	FRAME_RSP(%rsp), %rdi
	movq	%rdi, %gs:PERCPU_USER_RSP
	movq	FRAME_RDI(%rsp), %rdi
	movq	%gs:PERCPU_USER_CR3, %rsp	/* no kernel stack after this */
	movq	%rsp, %cr3
	movq	%gs:PERCPU_USER_RSP, %rsp
	.else
	movq	FRAME_RDI(%rsp), %rdi
	movq	FRAME_RSP(%rsp), %rsp		/* user stack: no kernel access after this */
	.endif
	swapgs
	.if \verw
	verw	verw_selector(%rip)		/* the last memory access before ring 3 */
	.endif
	sysretq
	.size syscall_entry_\pti\clear\verw, . - syscall_entry_\pti\clear\verw
.endm

	.section .entry.text, "ax"
	SYSCALL_PATH 0, 0, 0
	SYSCALL_PATH 0, 0, 1
	SYSCALL_PATH 0, 1, 0
	SYSCALL_PATH 0, 1, 1
	SYSCALL_PATH 1, 0, 0
	SYSCALL_PATH 1, 0, 1
	SYSCALL_PATH 1, 1, 0
	SYSCALL_PATH 1, 1, 1

/* The RIP of the SYSCALL is not one SYSRET may return to (see above). */
syscall_return_iret:
	movq	FRAME_RIP(%rsp), %rax
	sarq	$47, %rax			/* canonical: 0 or -1 */
	incq	%rax				/*            1 or 0 */
	cmpq	$1, %rax
	ja	.Lbad_return			/* not canonical: IRETQ would fault on it too */
	incq	%gs:PERCPU_IRET_RETURNS
	jmp	entry_return_user
.Lbad_return:
	movq	%rsp, %rdi
	call	syscall_refuse_return		/* SIGSEGV: ends the task, or ... */
	jmp	entry_return_user		/* ... returns into its handler */

/* LSTAR's choices, indexed by pti << 2 | clear << 1 | verw. */
	.section .rodata
	.globl syscall_entries
	.balign 8
syscall_entries:
	.quad	syscall_entry_000, syscall_entry_001, syscall_entry_010, syscall_entry_011
	.quad	syscall_entry_100, syscall_entry_101, syscall_entry_110, syscall_entry_111

	.section .entry.text, "ax"
/*
 * INT 0x80: the legacy syscall path, kept for comparison (make bench).
 * State on entry: a DPL-3 interrupt gate; from ring 3 the CPU switched to
 * TSS.RSP0 and pushed SS, RSP, RFLAGS, CS, RIP. IF is clear; DF and AC are
 * the user's. Same numbers and registers as SYSCALL; RCX and R11 are
 * preserved, and the return is always IRETQ. The kernel never executes
 * INT 0x80; if vector 0x80 ever arrives from ring 0 (a stray interrupt),
 * it goes to trap_common, which reports it as an unexpected interrupt.
 */
	.globl int80_entry
	.type int80_entry, @function
	.balign 16
int80_entry:
	cld
	SMAP_CLAC
	pushq	$0				/* frame->error */
	pushq	$SYSCALL_INT_VECTOR		/* frame->vector */
	testb	$3, FRAME_CS - FRAME_VECTOR(%rsp)
	jz	trap_common
	swapgs					/* from ring 3: GS_BASE := this CPU's block */
	lfence
	PTI_FRAME_TO_KERNEL
	PUSH_GPRS
	CLEAR_GPRS_IF_ON
	movq	%rsp, %rdi
	CALL_DISPATCH
	movq	%rax, FRAME_RAX(%rsp)
	incq	%gs:PERCPU_SYSCALLS
	jmp	entry_return_user
	.size int80_entry, . - int80_entry

/*
 * CSTAR: SYSCALL from compatibility mode (AMD-style CPUs). Unreachable
 * while the 32-bit user code segment is not present, but never a jump to
 * 0 in ring 0: build the usual frame on the kernel stack and end the task.
 * State on entry: as for the SYSCALL entry, with a 32-bit user RIP in RCX.
 */
	.globl syscall_entry_compat
	.type syscall_entry_compat, @function
	.balign 16
syscall_entry_compat:
	swapgs
	movq	%rsp, %gs:PERCPU_USER_RSP
	PTI_CR3_TO_KERNEL %rsp
	movq	%gs:PERCPU_KSTACK_TOP, %rsp
	SYSCALL_FRAME SEL_UCODE32
	PUSH_GPRS
	movq	%rsp, %rdi
	call	syscall_compat_refuse		/* ends the task */
	ud2
	.size syscall_entry_compat, . - syscall_entry_compat

/* VERW's operand: a writable data selector (VERW only tests it). */
	.globl verw_selector
	.balign 2
verw_selector:
	.word	SEL_KDATA

	.section .note.GNU-stack, "", @progbits
