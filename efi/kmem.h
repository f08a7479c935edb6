/*
 * Memory the kernel needs after ExitBootServices, allocated with
 * AllocatePages before it, and the list of ranges the kernel's page tables
 * map (identity, supervisor-only). Freed again if the app gives up before
 * ExitBootServices, so a refused run leaves nothing behind.
 */
#ifndef EFI_KMEM_H
#define EFI_KMEM_H

#include <efi.h>
#include <stdint.h>

struct kmem_range {
	uint64_t base, size, flags; /* flags: PTE_W, PTE_NX, PTE_PCD, PTE_PWT */
};

#define KMEM_RANGES_MAX 256

/* Allocate bytes (rounded up to pages) with guard_pages unmapped pages
 * below them; map the rest with flags when map is set. *out = first
 * usable byte. Not zeroed: every user zeroes what it uses, when it uses
 * it (page tables, user memory, the handoff). */
EFI_STATUS kmem_alloc(uint64_t bytes, uint64_t guard_pages, uint64_t flags, int map,
		      uint64_t *out);
/* The same, with every byte at or below max (page tables a 32-bit CR3
 * load can reach; the AP trampoline below 1 MiB). */
EFI_STATUS kmem_alloc_below(uint64_t bytes, uint64_t max, uint64_t flags, uint64_t *out);
/* Add a range the firmware owns (the image, runtime services). */
EFI_STATUS kmem_add_range(uint64_t base, uint64_t size, uint64_t flags);
/* Give every allocation back (before ExitBootServices only). */
void kmem_free_all(void);

/* The ranges to map. */
const struct kmem_range *kmem_ranges(unsigned *count);

#endif
