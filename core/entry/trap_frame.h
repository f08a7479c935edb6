/*
 * The one frame layout built by every kernel entry: exceptions, and
 * SYSCALL (which fills the hardware part itself so every slot is real).
 * Lowest address first; assembly uses the FRAME_* offsets.
 */
#ifndef CORE_TRAP_FRAME_H
#define CORE_TRAP_FRAME_H

#define FRAME_R15     0
#define FRAME_R14     8
#define FRAME_R13     16
#define FRAME_R12     24
#define FRAME_R11     32
#define FRAME_R10     40
#define FRAME_R9      48
#define FRAME_R8      56
#define FRAME_RBP     64
#define FRAME_RDI     72
#define FRAME_RSI     80
#define FRAME_RDX     88
#define FRAME_RCX     96
#define FRAME_RBX     104
#define FRAME_RAX     112
#define FRAME_VECTOR  120
#define FRAME_ERROR   128
#define FRAME_RIP     136 /* hardware frame starts here */
#define FRAME_CS      144
#define FRAME_RFLAGS  152
#define FRAME_RSP     160
#define FRAME_SS      168
#define FRAME_SIZE    176

/* Pseudo-vector stored by the SYSCALL entry, above all IDT vectors. */
#define TRAP_VEC_SYSCALL 0x100
/* The legacy INT gate for syscalls (same numbers and registers). */
#define SYSCALL_INT_VECTOR 0x80

/* Each exception stub is this long: idt_init finds stub v at trap_stubs + v * size. */
#define TRAP_STUB_SIZE 16

#ifndef __ASSEMBLER__
#include <stddef.h>
#include <stdint.h>

struct trap_frame {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector; /* IDT vector, or TRAP_VEC_SYSCALL */
	uint64_t error;  /* CPU error code, 0 where the CPU pushes none */
	uint64_t rip, cs, rflags, rsp, ss;
};

_Static_assert(offsetof(struct trap_frame, r15) == FRAME_R15, "frame r15");
_Static_assert(offsetof(struct trap_frame, r14) == FRAME_R14, "frame r14");
_Static_assert(offsetof(struct trap_frame, r13) == FRAME_R13, "frame r13");
_Static_assert(offsetof(struct trap_frame, r12) == FRAME_R12, "frame r12");
_Static_assert(offsetof(struct trap_frame, r11) == FRAME_R11, "frame r11");
_Static_assert(offsetof(struct trap_frame, r10) == FRAME_R10, "frame r10");
_Static_assert(offsetof(struct trap_frame, r9) == FRAME_R9, "frame r9");
_Static_assert(offsetof(struct trap_frame, r8) == FRAME_R8, "frame r8");
_Static_assert(offsetof(struct trap_frame, rbp) == FRAME_RBP, "frame rbp");
_Static_assert(offsetof(struct trap_frame, rdi) == FRAME_RDI, "frame rdi");
_Static_assert(offsetof(struct trap_frame, rsi) == FRAME_RSI, "frame rsi");
_Static_assert(offsetof(struct trap_frame, rdx) == FRAME_RDX, "frame rdx");
_Static_assert(offsetof(struct trap_frame, rcx) == FRAME_RCX, "frame rcx");
_Static_assert(offsetof(struct trap_frame, rbx) == FRAME_RBX, "frame rbx");
_Static_assert(offsetof(struct trap_frame, rax) == FRAME_RAX, "frame rax");
_Static_assert(offsetof(struct trap_frame, vector) == FRAME_VECTOR, "frame vector");
_Static_assert(offsetof(struct trap_frame, error) == FRAME_ERROR, "frame error");
_Static_assert(offsetof(struct trap_frame, rip) == FRAME_RIP, "frame rip");
_Static_assert(offsetof(struct trap_frame, cs) == FRAME_CS, "frame cs");
_Static_assert(offsetof(struct trap_frame, rflags) == FRAME_RFLAGS, "frame rflags");
_Static_assert(offsetof(struct trap_frame, rsp) == FRAME_RSP, "frame rsp");
_Static_assert(offsetof(struct trap_frame, ss) == FRAME_SS, "frame ss");
_Static_assert(sizeof(struct trap_frame) == FRAME_SIZE, "frame size");
_Static_assert(FRAME_SIZE % 16 == 0, "frame keeps the stack 16-byte aligned");
#endif

#endif
