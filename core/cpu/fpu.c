/* Saving and restoring ring 3's extended state (contract in fpu.h). */
#include "core/cpu/fpu.h"
#include "core/cpu/cpu.h"
#include "core/cpu/hw.h"
#include "core/cpu/xstate.h"

static uint64_t xcr0;
static uint32_t area_size = FXSAVE_SIZE;
static const char *mode = "fxsave";
static int use_xsaveopt;
static int ptr_leak;

void fpu_setup(const struct cpu_features *f)
{
	ptr_leak = f->fpu_ptr_leak;
	if (!f->xsave)
		return;
	xcr0 = xstate_xcr0_choose(f->xstate_supported);
	cpu_xsetbv(0, xcr0);
	/* EBX: the area size for the components XCR0 now enables. */
	uint32_t r[4];
	cpu_cpuid(CPUID_LEAF_XSTATE, 0, r);
	area_size = r[1];
	use_xsaveopt = f->xsaveopt;
	mode = use_xsaveopt ? "xsaveopt" : "xsave";
}

uint32_t fpu_area_size(void)
{
	return area_size;
}

uint64_t fpu_xcr0(void)
{
	return xcr0;
}

const char *fpu_mode(void)
{
	return mode;
}

void fpu_area_init(void *area)
{
	xstate_init_area(area, area_size);
}

void fpu_save(void *area)
{
	uint32_t lo = (uint32_t)xcr0, hi = (uint32_t)(xcr0 >> 32);
	if (!xcr0)
		__asm__ volatile("fxsave64 (%0)" ::"r"(area) : "memory");
	else if (use_xsaveopt)
		__asm__ volatile("xsaveopt64 (%0)" ::"r"(area), "a"(lo), "d"(hi) : "memory");
	else
		__asm__ volatile("xsave64 (%0)" ::"r"(area), "a"(lo), "d"(hi) : "memory");
}

void fpu_restore(const void *area)
{
	uint32_t lo = (uint32_t)xcr0, hi = (uint32_t)(xcr0 >> 32);
	/* Older AMD CPUs restore the x87 last-instruction and last-operand
	 * pointers only when an exception is pending: without this, the
	 * next task could read the previous one's. Clear any pending
	 * exception and load a value, so they point into the kernel. */
	if (ptr_leak) {
		static const uint32_t zero;
		__asm__ volatile("fnclex; emms; fildl %0" ::"m"(zero));
	}
	if (!xcr0)
		__asm__ volatile("fxrstor64 (%0)" ::"r"(area) : "memory");
	else
		__asm__ volatile("xrstor64 (%0)" ::"r"(area), "a"(lo), "d"(hi) : "memory");
}
