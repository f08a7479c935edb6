/*
 * The struct offsets the assembly uses, computed by the compiler from the
 * structs themselves. Never linked: the Makefile compiles this file to
 * assembly (-S, the kernel's flags) and turns each marker line into a
 * #define of build/gen/asm_offsets.h, which the .S files include. So a
 * field that moves moves the assembly with it; no offset is typed twice.
 * C code uses offsetof directly.
 *
 * Add a constant here when assembly needs one, named after its struct
 * (PERCPU_*, FRAME_*, AP_P_*).
 */
#include <stddef.h>

#include "core/cpu/ap_boot.h"
#include "core/cpu/percpu.h"
#include "core/entry/trap_frame.h"

/* One marker in the assembly output: "@asm_offset NAME VALUE". */
#define ASM_CONST(name, value) \
	__asm__ volatile(".ascii \"@asm_offset " #name " %c0\"" : : "i"((long)(value)))

void asm_offsets(void);

void asm_offsets(void)
{
	/* struct percpu, through GS. The entry page: */
	ASM_CONST(PERCPU_USER_RSP, offsetof(struct percpu, user_rsp));
	ASM_CONST(PERCPU_KERNEL_CR3, offsetof(struct percpu, kernel_cr3));
	ASM_CONST(PERCPU_TSS_RSP0, offsetof(struct percpu, tss.rsp[0]));
	/* The private page: */
	ASM_CONST(PERCPU_KCTX_RSP, offsetof(struct percpu, kctx_rsp));
	ASM_CONST(PERCPU_SYSCALLS, offsetof(struct percpu, syscalls));
	ASM_CONST(PERCPU_WORK, offsetof(struct percpu, work));
	ASM_CONST(PERCPU_IRET_RETURNS, offsetof(struct percpu, iret_returns));
	ASM_CONST(PERCPU_KSTACK_TOP, offsetof(struct percpu, kstack_top));
	ASM_CONST(PERCPU_USER_CR3, offsetof(struct percpu, user_cr3));

	/* struct trap_frame, lowest address first. */
	ASM_CONST(FRAME_R15, offsetof(struct trap_frame, r15));
	ASM_CONST(FRAME_R14, offsetof(struct trap_frame, r14));
	ASM_CONST(FRAME_R13, offsetof(struct trap_frame, r13));
	ASM_CONST(FRAME_R12, offsetof(struct trap_frame, r12));
	ASM_CONST(FRAME_R11, offsetof(struct trap_frame, r11));
	ASM_CONST(FRAME_R10, offsetof(struct trap_frame, r10));
	ASM_CONST(FRAME_R9, offsetof(struct trap_frame, r9));
	ASM_CONST(FRAME_R8, offsetof(struct trap_frame, r8));
	ASM_CONST(FRAME_RBP, offsetof(struct trap_frame, rbp));
	ASM_CONST(FRAME_RDI, offsetof(struct trap_frame, rdi));
	ASM_CONST(FRAME_RSI, offsetof(struct trap_frame, rsi));
	ASM_CONST(FRAME_RDX, offsetof(struct trap_frame, rdx));
	ASM_CONST(FRAME_RCX, offsetof(struct trap_frame, rcx));
	ASM_CONST(FRAME_RBX, offsetof(struct trap_frame, rbx));
	ASM_CONST(FRAME_RAX, offsetof(struct trap_frame, rax));
	ASM_CONST(FRAME_VECTOR, offsetof(struct trap_frame, vector));
	ASM_CONST(FRAME_ERROR, offsetof(struct trap_frame, error));
	ASM_CONST(FRAME_RIP, offsetof(struct trap_frame, rip)); /* the hardware frame */
	ASM_CONST(FRAME_CS, offsetof(struct trap_frame, cs));
	ASM_CONST(FRAME_RFLAGS, offsetof(struct trap_frame, rflags));
	ASM_CONST(FRAME_RSP, offsetof(struct trap_frame, rsp));
	ASM_CONST(FRAME_SS, offsetof(struct trap_frame, ss));
	ASM_CONST(FRAME_SIZE, sizeof(struct trap_frame));

	/* struct ap_params, at AP_PARAMS_OFF in the AP start page. */
	ASM_CONST(AP_P_CR3, offsetof(struct ap_params, cr3));
	ASM_CONST(AP_P_STACK, offsetof(struct ap_params, stack));
	ASM_CONST(AP_P_ENTRY, offsetof(struct ap_params, entry));
	ASM_CONST(AP_P_CPU, offsetof(struct ap_params, cpu));
	ASM_CONST(AP_P_CR4, offsetof(struct ap_params, cr4));
	ASM_CONST(AP_P_EFER, offsetof(struct ap_params, efer));
	ASM_CONST(AP_P_GDTR, offsetof(struct ap_params, gdt_limit));
	ASM_CONST(AP_P_JMP32, offsetof(struct ap_params, jmp32));
	ASM_CONST(AP_P_JMP64, offsetof(struct ap_params, jmp64));
	ASM_CONST(AP_P_ACK, offsetof(struct ap_params, ack));
	ASM_CONST(AP_P_HOLD, offsetof(struct ap_params, hold));
}
