/*
 * Physical pages for the whole kernel: one pool of free pages, fed from
 * the final memory map, shared by every CPU under one lock. Callers take
 * what an operation needs up front (page_alloc_reserve) and give back what
 * they did not use, so an operation either gets all its memory or fails
 * before it changed anything.
 * Kernel mode, after ExitBootServices.
 */
#ifndef CORE_MM_PAGE_ALLOC_H
#define CORE_MM_PAGE_ALLOC_H

#include <stdint.h>
#include "core/boot/handoff.h"
#include "core/mm/kernel_layout.h"
#include "core/mm/paging.h"

/*
 * Fill the pool: free and boot-services memory from the map, and the
 * page-table pages the loader left. Contract: on the kernel's own page
 * tables and stack (nothing of the firmware's is in use any more), once,
 * on the bootstrap CPU, before the other CPUs start.
 */
void page_alloc_init(const struct handoff *h);

/* Move n pages into *to: all of them (0), or none (-1). */
int page_alloc_reserve(struct pt_pool *to, uint64_t n);
/* Give every page of *from back. */
void page_alloc_release(struct pt_pool *from);

/* Pages free now, and in all (what init found). */
uint64_t page_alloc_free_pages(void);
uint64_t page_alloc_total_pages(void);

#endif
