/* The kernel image's alias in the direct map, and data sealed after
 * init (contract in image_alias.h). */
#include "core/mm/image_alias.h"
#include "core/boot/panic.h"
#include "core/cpu/cpu.h"
#include "core/cpu/hw.h"
#include "core/mm/kernel_layout.h"
#include "core/mm/paging.h"

/* From kernel.ld: text starts the image, rodata follows it. */
extern const char __kernel_start[], __rodata_end[];

int image_alias_sealed;

/* The direct-map address of the image's [lo, hi), which the loader put in
 * one allocation: one physical run. */
static uint64_t alias_of(uint64_t root, uint64_t lo, uint64_t hi)
{
	uint64_t pa_lo, pa_last, flags;
	if (!pt_translate(root, lo, &pa_lo, &flags) ||
	    !pt_translate(root, hi - PAGE_SIZE, &pa_last, &flags) ||
	    pa_last - pa_lo != hi - PAGE_SIZE - lo)
		panic("kernel image at 0x%llx: not one physical run", (unsigned long long)lo);
	return (uint64_t)(uintptr_t)phys_to_virt(pa_lo);
}

static void write_protect(uint64_t root, uint64_t va, uint64_t len)
{
	int err = pt_write_protect(root, va, len);
	if (err)
		panic("kernel image at 0x%llx: %s", (unsigned long long)va, pt_strerror(err));
}

void image_alias_seal(uint64_t root)
{
	uint64_t lo = (uint64_t)(uintptr_t)__kernel_start, hi = (uint64_t)(uintptr_t)__rodata_end;
	write_protect(root, alias_of(root, lo, hi), hi - lo);
	cpu_write_cr3(cpu_read_cr3()); /* no global pages: every stale W goes */
	image_alias_sealed = 1;
}

void image_data_seal(uint64_t root, const void *va, uint64_t len)
{
	uint64_t lo = (uint64_t)(uintptr_t)va;
	if ((lo | len) & (PAGE_SIZE - 1) || !len)
		panic("kernel data at 0x%llx: not whole pages", (unsigned long long)lo);
	write_protect(root, lo, len);
	write_protect(root, alias_of(root, lo, lo + len), len);
	cpu_write_cr3(cpu_read_cr3());
}
