/*
 * Application-processor start-up code. Copied by smp.c to a page below
 * 1 MiB (T); every AP starts here after INIT-SIPI-SIPI.
 *
 * State on entry (SDM vol. 3, 9.4.4): real mode, CS = T >> 4, IP = 0,
 * interrupts off, CR0 = 0x60000010 (caches disabled), no stack.
 * The parameter block at T + AP_PARAMS_OFF (ap_boot.h) says which page
 * tables, stack and entry point to use; the BSP starts one AP at a time
 * and rewrites the block for the next only after this one has written
 * its number to the ack word (having copied all it needs into registers),
 * or after sending it INIT.
 *
 * Position independent: every absolute address it needs (GDT base, far
 * jump targets) and the temporary GDT itself are written by the BSP into
 * the parameter block.
 */
#include "core/cpu/ap_boot.h"
#include "core/cpu/hw.h"
#include "asm_offsets.h"

#define P(field) (AP_PARAMS_OFF + field)

	.section .rodata
	.globl ap_trampoline_start, ap_trampoline_end
	.balign 16
ap_trampoline_start:
	.code16
	cli
	cld
	movw	%cs, %ax
	movw	%ax, %ds		/* DS base = T */
	/* --slow-ap: play the AP that is too slow. Wait until the BSP has
	 * moved on (the block names another CPU), then go on as if nothing
	 * happened. Only an INIT from the BSP before it moves on stops this. */
	cmpl	$0, P(AP_P_HOLD)
	je	2f
	movl	P(AP_P_CPU), %ecx
1:	pause
	cmpl	P(AP_P_CPU), %ecx
	je	1b
2:
	movzwl	%ax, %esi
	shll	$4, %esi		/* ESI = T, for the 32- and 64-bit parts */
	lgdtl	P(AP_P_GDTR)
	movl	%cr0, %eax
	orl	$CR0_PE, %eax
	movl	%eax, %cr0
	ljmpl	*P(AP_P_JMP32)		/* -> ap_pm32, CS = AP_SEL_CODE32 */

	.code32
	.globl ap_trampoline_pm32
ap_trampoline_pm32:
	movw	$AP_SEL_DATA32, %ax
	movw	%ax, %ds
	movw	%ax, %es
	movw	%ax, %ss
	movl	P(AP_P_CR4)(%esi), %eax	/* PAE */
	movl	%eax, %cr4
	movl	P(AP_P_CR3)(%esi), %eax
	movl	%eax, %cr3
	movl	$MSR_EFER, %ecx
	movl	P(AP_P_EFER)(%esi), %eax	/* LME, SCE, NXE */
	xorl	%edx, %edx
	wrmsr
	movl	%cr0, %eax
	andl	$~(CR0_CD | CR0_NW), %eax	/* caches on */
	orl	$(CR0_PG | CR0_WP | CR0_NE | CR0_MP), %eax
	movl	%eax, %cr0		/* long mode active, on the kernel's tables */
	ljmpl	*P(AP_P_JMP64)(%esi)	/* -> ap_lm64, CS = AP_SEL_CODE64 */

	.code64
	.globl ap_trampoline_lm64
ap_trampoline_lm64:
	movl	%esi, %esi		/* upper half undefined after the mode switch */
	movq	P(AP_P_STACK)(%rsi), %rsp
	movq	P(AP_P_CPU)(%rsi), %rdi
	movq	P(AP_P_ENTRY)(%rsi), %rax
	movq	P(AP_P_ACK)(%rsi), %rcx
	movl	%edi, (%rcx)		/* ack: the parameters are never read again; the BSP may rewrite them */
	xorl	%ebp, %ebp
	jmpq	*%rax			/* ap_entry(cpu): never returns */
ap_trampoline_end:
	.section .note.GNU-stack, "", @progbits
