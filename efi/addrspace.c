/*
 * The kernel's page tables, built before ExitBootServices from the
 * firmware's memory map (docs/design.md, "Virtual memory"):
 *   kernel_cr3: the kernel half only, the root every address space
 *     copies: the direct map of all RAM (NX; the kernel image's rodata
 *     read-only there, its text too once the kernel has patched
 *     itself, and its IDT once filled), the kernel image with
 *     per-segment rights, each CPU's stacks with unmapped guards, and the
 *     local APIC and framebuffer, uncached;
 *   low_cr3: the same upper half, plus identity mappings of what must run
 *     at its physical address: the jump into the kernel, the AP
 *     trampoline, and the firmware's runtime regions.
 * Nothing of the kernel is mapped below 2^47 in kernel_cr3.
 */
#include <efi.h>
#include <efilib.h>
#include "efi/efi_app.h"
#include "efi/kmem.h"
#include "core/cpu/cpu.h"
#include "core/cpu/hw.h"
#include "core/mm/kernel_layout.h"

static uint64_t page_down(uint64_t v) { return v & ~(PAGE_SIZE - 1); }
static uint64_t page_up(uint64_t v) { return (v + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1); }

/* Memory the direct map covers: everything that is RAM. */
static int is_ram(UINT32 type)
{
	switch (type) {
	case EfiLoaderCode: case EfiLoaderData:
	case EfiBootServicesCode: case EfiBootServicesData:
	case EfiRuntimeServicesCode: case EfiRuntimeServicesData:
	case EfiConventionalMemory: case EfiACPIReclaimMemory: case EfiACPIMemoryNVS:
		return 1;
	}
	return 0;
}

struct build {
	struct pt_pool *pool;
	uint64_t keep; /* ~PTE_NX when the CPU has no NX (the bit would be reserved) */
	CHAR16 *why;
	UINTN why_len;
};

static EFI_STATUS map(struct build *b, uint64_t root, uint64_t va, uint64_t pa, uint64_t len,
		      uint64_t flags, int large, const CHAR16 *what)
{
	int err = pt_map(b->pool, root, va, pa, len, flags & b->keep, large);
	if (!err)
		return EFI_SUCCESS;
	SPrint(b->why, b->why_len, L"mapping %s 0x%lx+0x%lx at 0x%lx: %a", what, pa, len, va,
	       pt_strerror(err));
	return EFI_OUT_OF_RESOURCES;
}

/* RAM in [base, end) at KERNEL_DIRECT_MAP + physical, but for the
 * kernel image in [hole_lo, hole_hi), which image_alias_map maps. */
static EFI_STATUS ram_map(struct build *b, uint64_t root, uint64_t base, uint64_t end,
			  uint64_t hole_lo, uint64_t hole_hi)
{
	EFI_STATUS st = EFI_SUCCESS;
	uint64_t below = end < hole_lo ? end : hole_lo, above = base > hole_hi ? base : hole_hi;
	if (base < below)
		st = map(b, root, KERNEL_DIRECT_MAP + base, base, below - base, PTE_W | PTE_NX, 1,
			 L"RAM");
	if (!EFI_ERROR(st) && above < end)
		st = map(b, root, KERNEL_DIRECT_MAP + above, above, end - above, PTE_W | PTE_NX, 1,
			 L"RAM");
	return st;
}

/*
 * The kernel image's own pages in the direct map, 4 KiB each, never
 * executable: data and bss writable, rodata read-only, text writable
 * only until the kernel has patched its mitigations into it
 * (image_alias_seal). W^X holds for the alias too: no kernel byte is
 * both executable and writable through any mapping once tasks run.
 */
static EFI_STATUS image_alias_map(struct build *b, uint64_t root, const struct kernel_image *k)
{
	EFI_STATUS st = EFI_SUCCESS;
	for (unsigned i = 0; i < k->segment_count && !EFI_ERROR(st); i++) {
		int text = !(k->segments[i].flags & PTE_NX);
		uint64_t flags = PTE_NX | (text ? PTE_W : k->segments[i].flags & PTE_W);
		st = map(b, root, KERNEL_DIRECT_MAP + k->segments[i].phys, k->segments[i].phys,
			 k->segments[i].size, flags, 0, L"the kernel image's alias");
	}
	return st;
}

/* All RAM at KERNEL_DIRECT_MAP + physical, adjacent ranges joined so
 * 2 MiB pages cover as much as they can; the kernel image's pages with
 * their own rights. */
static EFI_STATUS direct_map(struct build *b, uint64_t root, EFI_MEMORY_DESCRIPTOR *m,
			     UINTN entries, UINTN desc_size, const struct kernel_image *k)
{
	uint64_t hole_lo = k->phys, hole_hi = k->phys + k->pages * PAGE_SIZE;
	uint64_t run_base = 0, run_end = 0;
	EFI_STATUS st = EFI_SUCCESS;
	for (UINTN i = 0; i <= entries && !EFI_ERROR(st); i++) {
		EFI_MEMORY_DESCRIPTOR *d = i < entries ? (void *)((uint8_t *)m + i * desc_size) : 0;
		if (d && !is_ram(d->Type))
			continue;
		if (d && d->PhysicalStart == run_end && run_end) {
			run_end += d->NumberOfPages * PAGE_SIZE;
			continue;
		}
		if (run_end > run_base && run_end <= KERNEL_DIRECT_MAP_MAX)
			st = ram_map(b, root, run_base, run_end, hole_lo, hole_hi);
		if (d) {
			run_base = d->PhysicalStart;
			run_end = run_base + d->NumberOfPages * PAGE_SIZE;
		}
	}
	return EFI_ERROR(st) ? st : image_alias_map(b, root, k);
}

/* UEFI spec 4.6, EFI_MEMORY_ATTRIBUTES_TABLE: the rights of each section
 * of the runtime images (code read-only, data not executable). */
#define EFI_MEMORY_ATTRIBUTES_TABLE_GUID \
	{ 0xdcfa911d, 0x26eb, 0x469f, { 0xa2, 0x20, 0x38, 0xb7, 0xdc, 0x46, 0x12, 0x20 } }
#ifndef EFI_MEMORY_RO
#define EFI_MEMORY_RO 0x0000000000020000 /* attribute: read-only */
#endif

struct efi_memory_attributes_table {
	uint32_t version;
	uint32_t entries;
	uint32_t desc_size;
	uint32_t flags;
	/* entries descriptors of desc_size bytes follow */
};

static const struct efi_memory_attributes_table *mat_find(void)
{
	EFI_GUID guid = EFI_MEMORY_ATTRIBUTES_TABLE_GUID;
	for (UINTN i = 0; i < ST->NumberOfTableEntries; i++) {
		const struct efi_memory_attributes_table *t = ST->ConfigurationTable[i].VendorTable;
		if (!CompareGuid(&ST->ConfigurationTable[i].VendorGuid, &guid) && t->version >= 1 &&
		    t->desc_size >= sizeof(EFI_MEMORY_DESCRIPTOR))
			return t;
	}
	return NULL;
}

/* A table entry the spec lets us use: a runtime image's section. */
static const EFI_MEMORY_DESCRIPTOR *mat_entry(const struct efi_memory_attributes_table *mat,
					      uint32_t i)
{
	const EFI_MEMORY_DESCRIPTOR *d =
		(const void *)((const uint8_t *)(mat + 1) + (UINTN)i * mat->desc_size);
	return d->Type == EfiRuntimeServicesCode || d->Type == EfiRuntimeServicesData ? d : NULL;
}

/*
 * The rights the table gives the pages from pa on, and where they end
 * (at most end): an entry's rights up to its end, or, where no entry
 * covers pa, fallback (the spec: such memory takes no protection) up to
 * the next entry.
 */
static uint64_t mat_run(const struct efi_memory_attributes_table *mat, uint64_t pa, uint64_t end,
			uint64_t fallback, uint64_t *flags)
{
	*flags = fallback;
	for (uint32_t i = 0; mat && i < mat->entries; i++) {
		const EFI_MEMORY_DESCRIPTOR *d = mat_entry(mat, i);
		if (!d)
			continue;
		uint64_t lo = d->PhysicalStart, hi = lo + d->NumberOfPages * PAGE_SIZE;
		if (pa >= lo && pa < hi) {
			*flags = (d->Attribute & EFI_MEMORY_RO ? 0 : PTE_W) |
				 (d->Attribute & EFI_MEMORY_XP ? PTE_NX : 0);
			return hi < end ? hi : end;
		}
		if (lo > pa && lo < end)
			end = lo; /* uncovered up to the next entry */
	}
	return end;
}

/*
 * The firmware's runtime regions, identity mapped, for ResetSystem; only
 * ever in low_cr3, which is live just while the kernel calls it. Every
 * runtime region of the memory map is mapped. Where the firmware
 * publishes a memory attributes table, the pages of a runtime image get
 * the rights its entry gives (code RX, data RW+NX); pages no entry covers
 * keep the old rights, as the spec asks: runtime code RWX (its drivers
 * keep their .data inside it), runtime data RW+NX. The count of pages by
 * rights is printed.
 */
static EFI_STATUS runtime_map(struct build *b, uint64_t root, EFI_MEMORY_DESCRIPTOR *m,
			      UINTN entries, UINTN desc_size)
{
	const struct efi_memory_attributes_table *mat = mat_find();
	EFI_STATUS st = EFI_SUCCESS;
	uint64_t rx = 0, rw = 0, ro = 0, rwx = 0;
	for (UINTN i = 0; i < entries && !EFI_ERROR(st); i++) {
		EFI_MEMORY_DESCRIPTOR *d = (void *)((uint8_t *)m + i * desc_size);
		if (!(d->Attribute & EFI_MEMORY_RUNTIME))
			continue;
		uint64_t fallback = PTE_W | PTE_NX;
		if (d->Type == EfiRuntimeServicesCode)
			fallback = PTE_W;
		else if (d->Type == EfiMemoryMappedIO || d->Type == EfiMemoryMappedIOPortSpace)
			fallback |= PTE_PCD | PTE_PWT;
		int image = d->Type == EfiRuntimeServicesCode || d->Type == EfiRuntimeServicesData;
		/* Runs of pages with the same rights, one map() each. */
		uint64_t end = d->PhysicalStart + d->NumberOfPages * PAGE_SIZE;
		for (uint64_t run = d->PhysicalStart; run < end && !EFI_ERROR(st);) {
			uint64_t flags = fallback, next = end;
			if (image)
				next = mat_run(mat, run, end, fallback, &flags);
			uint64_t pages = (next - run) / PAGE_SIZE;
			rx += flags == 0 ? pages : 0;
			rw += flags == (PTE_W | PTE_NX) ? pages : 0;
			ro += flags == PTE_NX ? pages : 0;
			rwx += flags == PTE_W ? pages : 0;
			st = map(b, root, run, run, next - run, flags, 0, L"runtime region");
			run = next;
		}
	}
	Print(L"ring3: runtime services mapped in low_cr3 only (%s memory attributes table): "
	      L"%ld RX, %ld RW+NX, %ld R+NX, %ld RWX pages\n",
	      mat ? L"with the" : L"no", rx, rw, ro, rwx);
	return st;
}

/* Uncached device memory in the MMIO window; returns its virtual address.
 * The window advances in 2 MiB steps, and keeps the physical offset inside
 * 2 MiB, so large pages fit where the device's memory allows. */
static EFI_STATUS mmio_map(struct build *b, uint64_t root, uint64_t *next, uint64_t pa,
			   uint64_t len, uint64_t *virt, const CHAR16 *what)
{
	uint64_t base = page_down(pa), size = page_up(pa + len) - base;
	uint64_t va = *next + (base & (LARGE_PAGE_SIZE - 1));
	*virt = va + (pa - base);
	*next = (va + size + LARGE_PAGE_SIZE - 1) & ~(LARGE_PAGE_SIZE - 1);
	return map(b, root, va, base, size, PTE_W | PTE_NX | PTE_PCD | PTE_PWT, 1, what);
}

/* Bytes of RAM in the current memory map; *entries its length. */
static uint64_t ram_scan(UINTN *entries)
{
	UINTN key, desc_size;
	UINT32 ver;
	EFI_MEMORY_DESCRIPTOR *m = LibMemoryMap(entries, &key, &desc_size, &ver);
	uint64_t ram = 0;
	for (UINTN i = 0; m && i < *entries; i++) {
		EFI_MEMORY_DESCRIPTOR *d = (void *)((uint8_t *)m + i * desc_size);
		if (is_ram(d->Type))
			ram += d->NumberOfPages * PAGE_SIZE;
	}
	if (m)
		FreePool(m);
	else
		*entries = 0;
	return ram;
}

uint64_t addrspace_ram_bytes(void)
{
	UINTN entries;
	return ram_scan(&entries);
}

UINTN addrspace_pool_pages(uint32_t cpus)
{
	UINTN entries;
	uint64_t ram = ram_scan(&entries);
	/* Per range: up to a PDPT, a PD and two PTs at its ends; per GiB of
	 * RAM one PD; per CPU the stack tables; then room to spare. */
	return 64 + 4 * entries + 2 * (ram >> 30) + 4 * cpus;
}

EFI_STATUS addrspace_build(struct handoff *h, const struct kernel_image *k,
			   const uint64_t stacks[][CPU_STACKS], struct pt_pool *pool, CHAR16 *why,
			   UINTN why_len)
{
	uint32_t r[4];
	cpu_cpuid(CPUID_LEAF_EXT_INFO, 0, r);
	struct build b = { pool, (r[3] & CPUID_8001_EDX_NX) ? ~0ULL : ~PTE_NX, why, why_len };
	UINTN entries, key, desc_size;
	UINT32 ver;
	EFI_MEMORY_DESCRIPTOR *m = LibMemoryMap(&entries, &key, &desc_size, &ver);
	if (!m) {
		SPrint(why, why_len, L"cannot read the memory map");
		return EFI_OUT_OF_RESOURCES;
	}
	uint64_t kroot = pt_alloc_page(pool), lroot = pt_alloc_page(pool);
	EFI_STATUS st = kroot && lroot ? direct_map(&b, kroot, m, entries, desc_size, k)
				       : EFI_OUT_OF_RESOURCES;
	for (unsigned i = 0; i < k->segment_count && !EFI_ERROR(st); i++)
		st = map(&b, kroot, k->segments[i].vaddr, k->segments[i].phys, k->segments[i].size,
			 k->segments[i].flags, 0, L"the kernel image");
	for (uint32_t c = 0; c < h->cpu_count && !EFI_ERROR(st); c++) {
		for (uint32_t s = 0; s < CPU_STACKS && !EFI_ERROR(st); s++) {
			uint64_t size = s ? IST_STACK_SIZE : KERNEL_STACK_SIZE;
			uint64_t top = kernel_stack_top(c, s);
			st = map(&b, kroot, top - size, stacks[c][s], size, PTE_W | PTE_NX, 0, L"a stack");
			if (s)
				h->cpus[c].ist_top[s - 1] = top;
			else
				h->cpus[c].kstack_top = top;
		}
	}
	uint64_t mmio = KERNEL_MMIO_BASE;
	if (!EFI_ERROR(st) && h->lapic_base)
		st = mmio_map(&b, kroot, &mmio, h->lapic_base, PAGE_SIZE, &h->lapic_virt,
			      L"the local APIC");
	if (!EFI_ERROR(st) && h->fb.format != FB_FORMAT_NONE)
		st = mmio_map(&b, kroot, &mmio, h->fb.base, h->fb.size, &h->fb.virt,
			      L"the framebuffer");
	if (!EFI_ERROR(st)) {
		/* low_cr3 shares every upper-half table with kernel_cr3. */
		uint64_t *kt = (uint64_t *)(uintptr_t)kroot, *lt = (uint64_t *)(uintptr_t)lroot;
		for (unsigned i = PT_ENTRIES / 2; i < PT_ENTRIES; i++)
			lt[i] = kt[i];
		uint64_t enter = page_down((uint64_t)(uintptr_t)efi_enter_kernel);
		st = map(&b, lroot, enter, enter,
			 page_up((uint64_t)(uintptr_t)efi_enter_kernel_end) - enter, 0, 0,
			 L"the jump into the kernel");
	}
	if (!EFI_ERROR(st) && h->trampoline)
		st = map(&b, lroot, h->trampoline, h->trampoline, PAGE_SIZE, 0, 0,
			 L"the AP trampoline");
	if (!EFI_ERROR(st))
		st = runtime_map(&b, lroot, m, entries, desc_size);
	FreePool(m);
	if (st == EFI_OUT_OF_RESOURCES && (!kroot || !lroot))
		SPrint(why, why_len, L"out of page-table pages");
	h->kernel_cr3 = kroot;
	h->low_cr3 = lroot;
	return st;
}
