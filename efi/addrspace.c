/*
 * The kernel's address space, decided before ExitBootServices: identity,
 * supervisor-only mappings of exactly what the kernel touches afterwards
 * (this image, the memory set aside in kmem, runtime-services regions),
 * and nothing else. The user window is mapped later, per payload, by the
 * kernel (core/task.c).
 */
#include <efi.h>
#include <efilib.h>
#include "efi/efi_app.h"
#include "efi/kmem.h"
#include "core/cpu/cpu.h"
#include "core/cpu/hw.h"
#include "core/abi/layout.h"

extern char _text[], _etext[];

static uint64_t page_down(uint64_t v) { return v & ~(PAGE_SIZE - 1); }
static uint64_t page_up(uint64_t v) { return (v + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1); }

static EFI_STATUS add(uint64_t lo, uint64_t hi, uint64_t flags)
{
	return hi > lo ? kmem_add_range(lo, hi - lo, flags) : EFI_SUCCESS;
}

/* Headers read-only, text read-only and executable, the rest writable data. */
static EFI_STATUS image_ranges(EFI_LOADED_IMAGE *li)
{
	uint64_t base = (uint64_t)(uintptr_t)li->ImageBase;
	uint64_t end = page_up(base + li->ImageSize);
	uint64_t text = page_down((uint64_t)(uintptr_t)_text);
	uint64_t etext = page_up((uint64_t)(uintptr_t)_etext);
	EFI_STATUS st;
	if (EFI_ERROR((st = add(base, text, PTE_NX))) || EFI_ERROR((st = add(text, etext, 0))))
		return st;
	return add(etext, end, PTE_W | PTE_NX);
}

/* Runtime-services regions: the kernel calls ResetSystem at the end. */
static EFI_STATUS runtime_ranges(CHAR16 *why, UINTN why_len)
{
	UINTN entries, key, desc_size;
	UINT32 desc_ver;
	EFI_MEMORY_DESCRIPTOR *map = LibMemoryMap(&entries, &key, &desc_size, &desc_ver);
	EFI_STATUS st = EFI_SUCCESS;
	if (!map) {
		SPrint(why, why_len, L"cannot read the memory map");
		return EFI_OUT_OF_RESOURCES;
	}
	for (UINTN i = 0; i < entries && !EFI_ERROR(st); i++) {
		EFI_MEMORY_DESCRIPTOR *d = (EFI_MEMORY_DESCRIPTOR *)((uint8_t *)map + i * desc_size);
		if (!(d->Attribute & EFI_MEMORY_RUNTIME))
			continue;
		uint64_t flags = PTE_W | PTE_NX;
		if (d->Type == EfiRuntimeServicesCode)
			flags = PTE_W; /* runtime drivers keep their .data inside their code region */
		else if (d->Type == EfiMemoryMappedIO || d->Type == EfiMemoryMappedIOPortSpace)
			flags |= PTE_PCD | PTE_PWT;
		st = kmem_add_range(d->PhysicalStart, d->NumberOfPages * PAGE_SIZE, flags);
	}
	FreePool(map);
	if (EFI_ERROR(st))
		SPrint(why, why_len, L"too many memory ranges to map (%r)", st);
	return st;
}

EFI_STATUS addrspace_add_firmware(EFI_LOADED_IMAGE *li, CHAR16 *why, UINTN why_len)
{
	EFI_STATUS st = image_ranges(li);
	if (EFI_ERROR(st)) {
		SPrint(why, why_len, L"too many memory ranges to map (%r)", st);
		return st;
	}
	return runtime_ranges(why, why_len);
}

EFI_STATUS addrspace_build(struct pt_pool *pool, uint64_t *root, CHAR16 *why, UINTN why_len)
{
	uint32_t r[4];
	cpu_cpuid(CPUID_LEAF_EXT_INFO, 0, r);
	/* Without NX support bit 63 is reserved: setting it would fault. */
	uint64_t keep = (r[3] & CPUID_8001_EDX_NX) ? ~0ULL : ~PTE_NX;

	*root = pt_alloc_page(pool);
	if (!*root) {
		SPrint(why, why_len, L"page-table pool exhausted");
		return EFI_OUT_OF_RESOURCES;
	}
	unsigned n;
	const struct kmem_range *rg = kmem_ranges(&n);
	for (unsigned i = 0; i < n; i++) {
		if (rg[i].base < USER_WINDOW_END && rg[i].base + rg[i].size > USER_BASE) {
			SPrint(why, why_len,
			       L"kernel memory at 0x%lx overlaps the user window 0x%lx-0x%lx",
			       rg[i].base, (uint64_t)USER_BASE, (uint64_t)USER_WINDOW_END);
			return EFI_UNSUPPORTED;
		}
		int err = pt_map(pool, *root, rg[i].base, rg[i].base, rg[i].size,
				 rg[i].flags & keep, 1);
		if (err) {
			SPrint(why, why_len, L"mapping 0x%lx+0x%lx: %a", rg[i].base, rg[i].size,
			       pt_strerror(err));
			return EFI_OUT_OF_RESOURCES;
		}
	}
	return EFI_SUCCESS;
}
