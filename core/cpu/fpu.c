/* Saving and restoring ring 3's extended state (contract in fpu.h). */
#include "core/cpu/fpu.h"
#include "core/boot/panic.h"
#include "core/cpu/cpu.h"
#include "core/cpu/hw.h"
#include "core/cpu/xstate.h"
#include "core/entry/entry.h"

static uint64_t xcr0;
static uint32_t area_size = FXSAVE_SIZE;
static const char *mode = "fxsave";
static int use_xsaveopt;
static int ptr_leak;
static uint32_t mxcsr_mask = MXCSR_MASK_DEFAULT;
/* The init image signal handlers start from: built once, on the
 * bootstrap CPU, before any task runs; only read after. */
static uint8_t init_image[PAGE_SIZE] __attribute__((aligned(64)));
static int init_ready;

/* The first CPU to get here: the MXCSR mask and the init image. */
static void fpu_setup_once(void)
{
	if (init_ready)
		return;
	static uint8_t probe[FXSAVE_SIZE] __attribute__((aligned(64)));
	__asm__ volatile("fxsave64 (%0)" ::"r"(probe) : "memory");
	uint32_t m = (uint32_t)probe[FXSAVE_MXCSR_MASK_OFF] |
		     (uint32_t)probe[FXSAVE_MXCSR_MASK_OFF + 1] << 8 |
		     (uint32_t)probe[FXSAVE_MXCSR_MASK_OFF + 2] << 16 |
		     (uint32_t)probe[FXSAVE_MXCSR_MASK_OFF + 3] << 24;
	mxcsr_mask = m ? m : MXCSR_MASK_DEFAULT;
	xstate_init_area(init_image, area_size);
	init_ready = 1;
}

void fpu_setup(const struct cpu_features *f)
{
	ptr_leak = f->fpu_ptr_leak;
	if (!f->xsave) {
		fpu_setup_once();
		return;
	}
	xcr0 = xstate_xcr0_choose(f->xstate_supported);
	cpu_xsetbv(0, xcr0);
	/* EBX: the area size for the components XCR0 now enables. */
	uint32_t r[4];
	cpu_cpuid(CPUID_LEAF_XSTATE, 0, r);
	area_size = r[1];
	/* A task's area is a page, and a signal frame's image is the area
	 * plus MAGIC2: what XCR0 enables must fit (xstate_xcr0_choose never
	 * takes AMX's 8 KiB). */
	if (area_size + 4 > PAGE_SIZE)
		panic("XSAVE area of %u bytes for XCR0 0x%llx: more than a page", area_size,
		      (unsigned long long)xcr0);
	use_xsaveopt = f->xsaveopt;
	mode = use_xsaveopt ? "xsaveopt" : "xsave";
	fpu_setup_once();
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

void fpu_save_full(void *area)
{
	uint32_t lo = (uint32_t)xcr0, hi = (uint32_t)(xcr0 >> 32);
	if (!xcr0)
		__asm__ volatile("fxsave64 (%0)" ::"r"(area) : "memory");
	else
		__asm__ volatile("xsave64 (%0)" ::"r"(area), "a"(lo), "d"(hi) : "memory");
}

void fpu_load_init(void)
{
	fpu_restore(init_image);
}

uint32_t fpu_mxcsr_mask(void)
{
	return mxcsr_mask;
}

int fpu_restore_checked(const void *area)
{
	if (!fpu_restore_user(area, xcr0))
		return 0;
	fpu_load_init();
	return -1;
}
