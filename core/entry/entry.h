/*
 * Every symbol the entry assembly shares with C, declared once (as
 * Linux's asm/proto.h). Kernel-side only.
 */
#ifndef CORE_ENTRY_ENTRY_H
#define CORE_ENTRY_ENTRY_H

#include <stdint.h>
#include "core/entry/trap_frame.h"

/* syscall_entry.S: LSTAR's choices (indexed pti << 2 | clear << 1 | verw),
 * CSTAR and the INT 0x80 gate; the calls of syscall_dispatch, which the
 * boot may retarget. */
extern const uint64_t syscall_entries[8];
extern const char syscall_entry_compat[], int80_entry[];
extern const uint64_t __dispatch_sites_start[], __dispatch_sites_end[];
/* indirect_thunk.S: (thunk, its retpoline) pairs the boot may patch. */
extern const uint64_t __thunk_patches_start[], __thunk_patches_end[];
/* kernel.ld: the code and data the user page tables map under isolation. */
extern const char __entry_text_start[], __entry_text_end[];
extern const char __entry_data_start[], __entry_data_end[];
/* trap_entry.S: 256 stubs of TRAP_STUB_SIZE bytes, vector order: the 32
 * exceptions, then the device vectors. */
extern const char trap_stubs[];
/* return_user.S: the one IRETQ to ring 3 (a fault there is a bad return). */
extern const char entry_iret_user[];

/*
 * user_run.S. user_run: interrupts off, GS_BASE = this CPU's block, the
 * task's CR3, FS_BASE, KERNEL_GS_BASE and extended state loaded; returns
 * to ring 3 with *frame and "returns" user_exit's argument when the task
 * leaves the CPU. user_exit: on this CPU's kernel stack, inside a
 * syscall, trap or interrupt from ring 3.
 */
uint64_t user_run(const struct trap_frame *frame);
void user_exit(uint64_t value) __attribute__((noreturn));

/* uaccess.S: the copy and the clear that touch user memory, their
 * faulting instructions and the fixup the trap handler resumes at. */
int64_t uaccess_copy(void *dst, const void *src, uint64_t n);
int64_t uaccess_clear(void *dst, uint64_t n);
extern const char uaccess_copy_insn[], uaccess_copy_tail_insn[], uaccess_copy_fixup[];
extern const char uaccess_clear_insn[], uaccess_clear_tail_insn[];

/* core/cpu/fpu_restore.S: the load of an image from ring 3, its two
 * faulting instructions and their fixup (fpu.h: fpu_restore_checked). */
int fpu_restore_user(const void *area, uint64_t xcr0);
extern const char fpu_restore_user_insn[], fpu_restore_user_fx_insn[], fpu_restore_user_fixup[];

/* core/cpu/msr_checked.S: a WRMSR the CPU may refuse, its faulting
 * instruction and the fixup the trap handler resumes at. */
int cpu_wrmsr_checked(uint32_t msr, uint64_t value);
extern const char cpu_wrmsr_checked_insn[], cpu_wrmsr_checked_fixup[];

/* C called from the entry assembly. */
int64_t syscall_dispatch(struct trap_frame *f);
int64_t syscall_dispatch_retpoline(struct trap_frame *f); /* the same, hardened */
struct task;
/* syscall.c: the dispatcher's path when the task's calls are reported. */
int64_t syscall_dispatch_reported(struct trap_frame *f, struct task *t);
void syscall_refuse_return(struct trap_frame *f); /* returns with f at a handler */
void syscall_compat_refuse(struct trap_frame *f) __attribute__((noreturn));
void trap_dispatch(struct trap_frame *f);
/* return_user.S, when this CPU's work word is set: may not return. */
void exit_work(struct trap_frame *f);

#endif
