/*
 * Bounds masks that hold under speculation (as Linux's
 * array_index_mask_nospec): computed with CMP/SBB, so there is no branch
 * for the CPU to mispredict past and nothing the compiler can fold away
 * after an earlier bounds check.
 */
#ifndef CORE_NOSPEC_H
#define CORE_NOSPEC_H

#include <stdint.h>

/* All ones when index < size, else 0. */
static inline uint64_t nospec_mask(uint64_t index, uint64_t size)
{
	uint64_t mask;
	__asm__("cmpq %2, %1\n\tsbbq %0, %0" : "=r"(mask) : "r"(index), "er"(size) : "cc");
	return mask;
}

#endif
