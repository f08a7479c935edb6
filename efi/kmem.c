/* Kernel memory set aside before ExitBootServices (see kmem.h). */
#include <efi.h>
#include <efilib.h>
#include "efi/kmem.h"
#include "core/cpu/hw.h"

#define KMEM_ALLOCS_MAX 1024 /* payloads (256), per-CPU pages and stacks, the file tree's chunks */

static struct {
	EFI_PHYSICAL_ADDRESS base;
	UINTN pages;
} allocs[KMEM_ALLOCS_MAX];
static unsigned alloc_count;

static EFI_STATUS kmem_pages(uint64_t bytes, uint64_t max, uint64_t *out)
{
	UINTN pages = (bytes + PAGE_SIZE - 1) / PAGE_SIZE;
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
	*out = base;
	return EFI_SUCCESS;
}

EFI_STATUS kmem_alloc(uint64_t bytes, uint64_t *out)
{
	return kmem_pages(bytes, 0, out);
}

EFI_STATUS kmem_alloc_below(uint64_t bytes, uint64_t max, uint64_t *out)
{
	return kmem_pages(bytes, max, out);
}

void kmem_free_all(void)
{
	while (alloc_count) {
		alloc_count--;
		uefi_call_wrapper(BS->FreePages, 2, allocs[alloc_count].base, allocs[alloc_count].pages);
	}
}
