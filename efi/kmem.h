/*
 * Memory the kernel needs after ExitBootServices, allocated with
 * AllocatePages (as EfiLoaderData, which the kernel never reuses) before
 * it. Freed again if the app gives up before ExitBootServices, so a
 * refused run leaves nothing behind.
 */
#ifndef EFI_KMEM_H
#define EFI_KMEM_H

#include <efi.h>
#include <stdint.h>

/* Allocate bytes (rounded up to pages); *out = the first byte. Not
 * zeroed: every user zeroes what it uses. */
EFI_STATUS kmem_alloc(uint64_t bytes, uint64_t *out);
/* The same, with every byte at or below max (a page table a 32-bit CR3
 * load can reach; the AP trampoline below 1 MiB). */
EFI_STATUS kmem_alloc_below(uint64_t bytes, uint64_t max, uint64_t *out);
/* Give every allocation back (before ExitBootServices only). */
void kmem_free_all(void);

#endif
