/* Kernel memory set aside before ExitBootServices (see kmem.h). */
#include <efi.h>
#include <efilib.h>
#include "efi/kmem.h"
#include "core/cpu/hw.h"

#define KMEM_ALLOCS_MAX 256

static struct kmem_range ranges[KMEM_RANGES_MAX];
static unsigned range_count;
static struct {
	EFI_PHYSICAL_ADDRESS base;
	UINTN pages;
} allocs[KMEM_ALLOCS_MAX];
static unsigned alloc_count;

EFI_STATUS kmem_add_range(uint64_t base, uint64_t size, uint64_t flags)
{
	if (range_count == KMEM_RANGES_MAX)
		return EFI_OUT_OF_RESOURCES;
	ranges[range_count++] = (struct kmem_range){ base, size, flags };
	return EFI_SUCCESS;
}

static EFI_STATUS kmem_pages(uint64_t bytes, uint64_t guard_pages, uint64_t max, uint64_t flags,
			     int map, uint64_t *out)
{
	UINTN pages = (bytes + PAGE_SIZE - 1) / PAGE_SIZE + guard_pages;
	EFI_PHYSICAL_ADDRESS base = max;
	if (alloc_count == KMEM_ALLOCS_MAX)
		return EFI_OUT_OF_RESOURCES;
	EFI_STATUS st = uefi_call_wrapper(BS->AllocatePages, 4,
					  max ? AllocateMaxAddress : AllocateAnyPages,
					  EfiLoaderData, pages, &base);
	if (EFI_ERROR(st))
		return st;
	allocs[alloc_count].base = base;
	allocs[alloc_count].pages = pages;
	alloc_count++;

	uint64_t usable = base + guard_pages * PAGE_SIZE;
	uint64_t size = (pages - guard_pages) * PAGE_SIZE;
	if (map && EFI_ERROR((st = kmem_add_range(usable, size, flags))))
		return st;
	*out = usable;
	return EFI_SUCCESS;
}

EFI_STATUS kmem_alloc(uint64_t bytes, uint64_t guard_pages, uint64_t flags, int map,
		      uint64_t *out)
{
	return kmem_pages(bytes, guard_pages, 0, flags, map, out);
}

EFI_STATUS kmem_alloc_below(uint64_t bytes, uint64_t max, uint64_t flags, uint64_t *out)
{
	return kmem_pages(bytes, 0, max, flags, 1, out);
}

void kmem_free_all(void)
{
	while (alloc_count) {
		alloc_count--;
		uefi_call_wrapper(BS->FreePages, 2, allocs[alloc_count].base, allocs[alloc_count].pages);
	}
	range_count = 0;
}

const struct kmem_range *kmem_ranges(unsigned *count)
{
	*count = range_count;
	return ranges;
}
