/* The kernel image's alias in the direct map (contract in image_alias.h). */
#include "core/mm/image_alias.h"
#include "core/boot/panic.h"
#include "core/cpu/cpu.h"
#include "core/cpu/hw.h"
#include "core/mm/kernel_layout.h"
#include "core/mm/paging.h"

/* From kernel.ld: text starts the image, rodata follows it. */
extern const char __kernel_start[], __rodata_end[];

int image_alias_sealed;

void image_alias_seal(uint64_t root)
{
	uint64_t lo = (uint64_t)(uintptr_t)__kernel_start, hi = (uint64_t)(uintptr_t)__rodata_end;
	uint64_t pa_lo, pa_last, flags;
	/* The loader put the image in one allocation: the alias of [lo, hi)
	 * is one physical run. */
	if (!pt_translate(root, lo, &pa_lo, &flags) ||
	    !pt_translate(root, hi - PAGE_SIZE, &pa_last, &flags) ||
	    pa_last - pa_lo != hi - PAGE_SIZE - lo)
		panic("kernel image: text and rodata are not one physical run");
	int err = pt_write_protect(root, (uint64_t)(uintptr_t)phys_to_virt(pa_lo), hi - lo);
	if (err)
		panic("kernel image alias at 0x%llx: %s", (unsigned long long)pa_lo, pt_strerror(err));
	cpu_write_cr3(cpu_read_cr3()); /* no global pages: every stale W goes */
	image_alias_sealed = 1;
}
