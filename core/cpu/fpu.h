/*
 * The extended state of ring-3 tasks: x87, SSE, AVX (and AVX-512, PKRU
 * where the CPU has them). The kernel itself never touches it (it is
 * built -mgeneral-regs-only), so the registers hold the running task's
 * state for as long as it runs, syscalls and interrupts included; they
 * are saved and restored only when the CPU switches tasks (eagerly: a
 * lazy CR0.TS scheme leaks state across tasks under speculation).
 */
#ifndef CORE_FPU_H
#define CORE_FPU_H

#include <stdint.h>
#include "core/cpu/cpu_features.h"

/* This CPU: XCR0 (with XSAVE) and the save format. After cpu_setup has
 * written CR4 (OSXSAVE). Every CPU, the same choice. */
void fpu_setup(const struct cpu_features *f);

/* Bytes of one task's area (at most a page, 64-byte aligned by the
 * caller), the XCR0 in force (0 without XSAVE), and the instruction
 * used: "xsaveopt", "xsave" or "fxsave". */
uint32_t fpu_area_size(void);
uint64_t fpu_xcr0(void);
const char *fpu_mode(void);

/* A new task's area: the architectural init state (xstate.h). */
void fpu_area_init(void *area);
/* Save this CPU's extended state into area / load it from area. Kernel
 * mode; area is the task's own, page-aligned. */
void fpu_save(void *area);
void fpu_restore(const void *area);

/* As fpu_save, but every component written (XSAVE, never XSAVEOPT):
 * an image that leaves for a signal frame. */
void fpu_save_full(void *area);
/* Load the architectural init state (a signal handler starts in it). */
void fpu_load_init(void);
/* The MXCSR bits this CPU accepts (FXSAVE's MXCSR_MASK, 0xFFBF if 0). */
uint32_t fpu_mxcsr_mask(void);
/* Load an image from ring 3 (sigreturn), already checked, under a fault
 * fixup: 0, or -1 with the init state loaded instead. */
int fpu_restore_checked(const void *area);

#endif
