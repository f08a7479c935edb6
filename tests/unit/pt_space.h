/*
 * Host page-table spaces for the paging tests: an aligned heap block whose
 * address serves as the "physical" base (the builder dereferences table
 * addresses directly, as it does on identity-mapped memory), and helpers
 * to look at what was built.
 */
#ifndef TESTS_UNIT_PT_SPACE_H
#define TESTS_UNIT_PT_SPACE_H

#include <stdlib.h>
#include <string.h>
#include "core/cpu/hw.h"
#include "core/mm/paging.h"
#include "unit.h"

#define MiB (1024ull * 1024)

struct space {
	void *mem;
	struct pt_pool pool;
	uint64_t root;
};

static inline void space_init(struct space *s, uint32_t pages)
{
	s->mem = aligned_alloc(PAGE_SIZE, pages * PAGE_SIZE);
	memset(s->mem, 0xA5, pages * PAGE_SIZE); /* garbage: tables must be zeroed */
	s->pool = (struct pt_pool){ 0 };
	pt_pool_add(&s->pool, (uint64_t)(uintptr_t)s->mem, pages);
	s->root = pt_alloc_page(&s->pool);
}

static inline void space_free(struct space *s)
{
	free(s->mem);
}

/* Entry for va at level (3 = PML4 ... 0 = PT), or 0 when a level is absent. */
static inline uint64_t entry_at(uint64_t root, uint64_t va, int level)
{
	uint64_t table = root;
	for (int l = 3; l >= level; l--) {
		uint64_t e = ((uint64_t *)(uintptr_t)table)[(va >> (12 + 9 * l)) & 511];
		if (l == level)
			return e;
		if (!(e & PTE_P) || (e & PTE_PS))
			return 0;
		table = e & PTE_ADDR_MASK;
	}
	return 0;
}

/* Translate and compare; flags_set must be present, flags_clear absent. */
static inline void check_xlate(uint64_t root, uint64_t va, uint64_t want_pa, uint64_t flags_set,
			uint64_t flags_clear, int line)
{
	uint64_t pa = 0, flags = 0;
	if (!unit_check(pt_translate(root, va, &pa, &flags), __FILE__, line, "mapped"))
		return;
	unit_check_u64(pa, want_pa, __FILE__, line, "translated pa");
	unit_check_u64(flags & (flags_set | flags_clear), flags_set, __FILE__, line,
		       "translated flags");
}
#define XLATE(va, pa, set, clear) check_xlate(s.root, va, pa, set, clear, __LINE__)

static inline int mapped(uint64_t root, uint64_t va)
{
	uint64_t pa, flags;
	return pt_translate(root, va, &pa, &flags);
}

#endif
