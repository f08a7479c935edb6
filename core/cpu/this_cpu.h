/* The running CPU's block, through GS. Kernel mode, after gs_base is set. */
#ifndef CORE_THIS_CPU_H
#define CORE_THIS_CPU_H

#include "core/cpu/percpu.h"

static inline struct percpu *this_cpu(void)
{
	struct percpu *p;
	__asm__ volatile("movq %%gs:%c1, %0" : "=r"(p) : "i"(offsetof(struct percpu, self)));
	return p;
}

static inline uint32_t this_cpu_id(void)
{
	uint32_t id;
	__asm__ volatile("movl %%gs:%c1, %0" : "=r"(id) : "i"(offsetof(struct percpu, cpu_id)));
	return id;
}

/* Set once the bootstrap CPU's GS_BASE names its block (cpu_setup.c);
 * an AP sets its own first thing in its cpu_setup. */
extern volatile int cpu_setup_gs_ready;

/* this_cpu_id, also before the bootstrap CPU's GS is set up (then 0):
 * for the panic and console paths, which can run that early. */
static inline uint32_t this_cpu_id_early(void)
{
	return cpu_setup_gs_ready ? this_cpu_id() : 0;
}

#endif
