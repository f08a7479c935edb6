/* The running CPU's block, through GS. Kernel mode, after gs_base is set. */
#ifndef CORE_THIS_CPU_H
#define CORE_THIS_CPU_H

#include "core/cpu/percpu.h"

static inline struct percpu *this_cpu(void)
{
	struct percpu *p;
	__asm__ volatile("movq %%gs:%c1, %0" : "=r"(p) : "i"(PERCPU_SELF));
	return p;
}

static inline uint32_t this_cpu_id(void)
{
	uint32_t id;
	__asm__ volatile("movl %%gs:%c1, %0" : "=r"(id) : "i"(PERCPU_CPU_ID));
	return id;
}

#endif
