/*
 * Shared by the hostile cases: entry point and tiny helpers. Each case is
 * one flat payload; its first comment says what outcome it expects
 * ("expect:" lines, read by tests/e2e/hostile.py) and what that proves.
 */
#include "core/abi/abi.h"

.macro CASE_START
	.section .text.start, "ax"
	.globl _start
_start:
.endm

/* exit(code) */
.macro EXIT code
	movl	$SYS_exit, %eax
	movl	$\code, %edi
	syscall
	ud2
.endm

/* rax = syscall nr (arguments already in place) */
.macro SYS nr
	movl	$\nr, %eax
	syscall
.endm

/* Fill kinfo (struct ring3_kinfo) in .bss; clobbers rax, rcx, rdi, r11. */
.macro KINFO
	leaq	kinfo(%rip), %rdi
	SYS	SYS_ring3_kinfo
.endm

/* Offsets into struct ring3_kinfo. */
#define KINFO_TEXT   0
#define KINFO_DATA   8
#define KINFO_STACK  16
#define KINFO_REGION_END 24
#define KINFO_STACK_BASE 32
