/*
 * The one frame layout built by every kernel entry: exceptions, and
 * SYSCALL (which fills the hardware part itself so every slot is real).
 * Lowest address first; assembly uses the FRAME_* offsets generated from
 * it (core/boot/asm_offsets.c).
 */
#ifndef CORE_TRAP_FRAME_H
#define CORE_TRAP_FRAME_H

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
	uint64_t rip, cs, rflags, rsp, ss; /* the hardware frame, as IRETQ pops it */
};

_Static_assert(sizeof(struct trap_frame) % 16 == 0, "frame keeps the stack 16-byte aligned");
#endif

#endif
