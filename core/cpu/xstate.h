/*
 * Which extended state a task has, and what it starts as (pure: no CPU
 * header; core/cpu/fpu.c does the saving and restoring).
 */
#ifndef CORE_XSTATE_H
#define CORE_XSTATE_H

#include <stddef.h>
#include <stdint.h>

/*
 * The XCR0 this kernel runs with, from the components CPUID leaf 0xD
 * reports (EDX:EAX of sub-leaf 0): x87 always; SSE; AVX when SSE is
 * there; the three AVX-512 components together, when all three and AVX
 * are there; PKRU. Nothing else (no AMX, no supervisor states), so the
 * area stays within a page.
 */
uint64_t xstate_xcr0_choose(uint64_t supported);

/*
 * Fill an area of size bytes (FXSAVE or XSAVE layout, size at least 512,
 * plus the 64-byte XSAVE header when used with XRSTOR) with the
 * architectural init state: x87 empty with FCW 0x37F, every XMM/YMM/ZMM
 * register and mask zero, MXCSR 0x1F80, PKRU 0. XRSTOR of it with an
 * all-zero header (XSTATE_BV = 0) loads the init state of every
 * component; FXRSTOR loads the same.
 */
void xstate_init_area(void *area, size_t size);

#endif
