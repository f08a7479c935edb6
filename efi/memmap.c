/* The final memory map, in the boot protocol's words (core/boot/handoff.h). */
#include <efi.h>
#include <efilib.h>
#include "efi/efi_app.h"

static uint32_t mem_type(UINT32 efi_type)
{
	switch (efi_type) {
	case EfiConventionalMemory: return HANDOFF_MEM_FREE;
	case EfiBootServicesCode: case EfiBootServicesData: return HANDOFF_MEM_BOOT;
	case EfiLoaderCode: case EfiLoaderData: return HANDOFF_MEM_LOADER;
	case EfiRuntimeServicesCode: return HANDOFF_MEM_RUNTIME_CODE;
	case EfiRuntimeServicesData: return HANDOFF_MEM_RUNTIME_DATA;
	case EfiACPIReclaimMemory: case EfiACPIMemoryNVS: return HANDOFF_MEM_ACPI;
	case EfiMemoryMappedIO: case EfiMemoryMappedIOPortSpace: return HANDOFF_MEM_MMIO;
	}
	return HANDOFF_MEM_RESERVED;
}

/* Contract: after ExitBootServices; no firmware call, only arithmetic. */
void memmap_convert(struct handoff *h, const void *map, UINTN map_size, UINTN desc_size,
		    struct handoff_mem *out, uint32_t max)
{
	uint32_t n = 0;
	for (UINTN off = 0; desc_size && off + desc_size <= map_size && n < max; off += desc_size) {
		const EFI_MEMORY_DESCRIPTOR *d = (const void *)((const uint8_t *)map + off);
		out[n++] = (struct handoff_mem){
			.base = d->PhysicalStart,
			.pages = d->NumberOfPages,
			.type = mem_type(d->Type),
			.runtime = (d->Attribute & EFI_MEMORY_RUNTIME) != 0,
		};
	}
	h->mem_map = (uint64_t)(uintptr_t)out;
	h->mem_count = n;
}
