/* 4-level page-table builder (pure; contract in paging.h). */
#include "core/mm/paging.h"
#include "core/cpu/hw.h"

static uint64_t *table_at(uint64_t phys)
{
	return (uint64_t *)(uintptr_t)(phys & PTE_ADDR_MASK);
}

static unsigned index_at(uint64_t va, int level) /* level 3 = PML4 ... 0 = PT */
{
	return (unsigned)(va >> (PAGE_SHIFT + PT_LEVEL_SHIFT * level)) & (PT_ENTRIES - 1);
}

uint64_t pt_alloc_page(struct pt_pool *pool)
{
	if (pool->used >= pool->pages)
		return 0;
	uint64_t page = pool->base + (uint64_t)pool->used * PAGE_SIZE;
	uint64_t *p = table_at(page);
	for (unsigned i = 0; i < PT_ENTRIES; i++)
		p[i] = 0;
	pool->used++;
	return page;
}

/* The table one level below entry *e, created if absent. 0 on failure. */
static uint64_t *next_table(struct pt_pool *pool, uint64_t *e, uint64_t user, int *err)
{
	if (*e & PTE_P) {
		if (*e & PTE_PS) {
			*err = PT_ERR_LARGE;
			return 0;
		}
		*e |= user;
		return table_at(*e);
	}
	uint64_t page = pt_alloc_page(pool);
	if (!page) {
		*err = PT_ERR_NOMEM;
		return 0;
	}
	*e = page | PTE_P | PTE_W | user;
	return table_at(page);
}

static int range_ok(uint64_t va, uint64_t pa, uint64_t len)
{
	if ((va | pa | len) & (PAGE_SIZE - 1))
		return PT_ERR_ALIGN;
	if (va + len < va || va + len > CANONICAL_LOW_END)
		return PT_ERR_RANGE;
	if (pa + len < pa || pa + len > PTE_ADDR_MASK + PAGE_SIZE)
		return PT_ERR_RANGE;
	return PT_OK;
}

int pt_map(struct pt_pool *pool, uint64_t root, uint64_t va, uint64_t pa,
	   uint64_t len, uint64_t flags, int allow_large)
{
	int err = range_ok(va, pa, len);
	if (err)
		return err;
	uint64_t user = flags & PTE_U;
	uint64_t leaf = (flags & PT_LEAF_FLAGS) | PTE_P;

	while (len) {
		uint64_t *t = table_at(root);
		for (int level = 3; level > 1; level--) {
			t = next_table(pool, &t[index_at(va, level)], user, &err);
			if (!t)
				return err;
		}
		uint64_t *pde = &t[index_at(va, 1)];
		/* A 2 MiB page where the range allows it and no page table is
		 * there yet; otherwise 4 KiB pages in the table. */
		int large_fits = allow_large && !((va | pa) & (LARGE_PAGE_SIZE - 1)) &&
				 len >= LARGE_PAGE_SIZE;
		if (large_fits && (*pde & PTE_PS))
			return PT_ERR_EXISTS;
		if (large_fits && !(*pde & PTE_P)) {
			*pde = pa | leaf | PTE_PS;
			va += LARGE_PAGE_SIZE, pa += LARGE_PAGE_SIZE, len -= LARGE_PAGE_SIZE;
			continue;
		}
		t = next_table(pool, pde, user, &err);
		if (!t)
			return err;
		/* Fill the rest of this page table in one go. */
		for (unsigned i = index_at(va, 0); i < PT_ENTRIES && len; i++) {
			if (t[i] & (PTE_P | PTE_PROTNONE)) /* parked pages are taken too */
				return PT_ERR_EXISTS;
			t[i] = pa | leaf;
			va += PAGE_SIZE, pa += PAGE_SIZE, len -= PAGE_SIZE;
		}
	}
	return PT_OK;
}

/* The PT entry for va, or 0 when no 4 KiB mapping path exists. */
static uint64_t *leaf_entry(uint64_t root, uint64_t va, int *large)
{
	uint64_t *t = table_at(root);
	*large = 0;
	for (int level = 3; level > 0; level--) {
		uint64_t e = t[index_at(va, level)];
		if (!(e & PTE_P))
			return 0;
		if (e & PTE_PS) {
			*large = 1;
			return &t[index_at(va, level)];
		}
		t = table_at(e);
	}
	return &t[index_at(va, 0)];
}

uint64_t pt_entry(uint64_t root, uint64_t va)
{
	int large;
	uint64_t *e = leaf_entry(root, va, &large);
	return e ? *e : 0;
}

int pt_unmap(uint64_t root, uint64_t va, uint64_t len)
{
	int err = range_ok(va, 0, len);
	if (err)
		return err;
	for (; len; va += PAGE_SIZE, len -= PAGE_SIZE) {
		int large;
		uint64_t *e = leaf_entry(root, va, &large);
		if (large)
			return PT_ERR_LARGE;
		if (e)
			*e = 0;
	}
	return PT_OK;
}

int pt_protect(uint64_t root, uint64_t va, uint64_t len, uint64_t flags, int present)
{
	int err = range_ok(va, 0, len);
	if (err)
		return err;
	for (int pass = 0; pass < 2; pass++) {
		for (uint64_t a = va; a < va + len; a += PAGE_SIZE) {
			int large;
			uint64_t *e = leaf_entry(root, a, &large);
			if (pass == 0) {
				if (large)
					return PT_ERR_LARGE;
				if (!e || !(*e & (PTE_P | PTE_PROTNONE)) || !(*e & PTE_U))
					return PT_ERR_NOTUSER;
				continue;
			}
			*e = (*e & PTE_ADDR_MASK) | PTE_U | (flags & PT_LEAF_FLAGS & ~PTE_U) |
			     (present ? PTE_P : PTE_PROTNONE);
		}
	}
	return PT_OK;
}

int pt_translate(uint64_t root, uint64_t va, uint64_t *pa, uint64_t *flags)
{
	uint64_t *t = table_at(root);
	uint64_t allow = PTE_U | PTE_W;
	for (int level = 3; level >= 0; level--) {
		uint64_t e = t[index_at(va, level)];
		if (!(e & PTE_P))
			return 0;
		if (level == 0 || (e & PTE_PS)) {
			uint64_t page_mask = (PAGE_SIZE << (PT_LEVEL_SHIFT * level)) - 1;
			*pa = (e & PTE_ADDR_MASK & ~page_mask) | (va & page_mask);
			*flags = e & ~PTE_ADDR_MASK & (~(PTE_U | PTE_W) | allow);
			return 1;
		}
		allow &= e;
		t = table_at(e);
	}
	return 0;
}

const char *pt_strerror(int status)
{
	switch (status) {
	case PT_OK: return "ok";
	case PT_ERR_NOMEM: return "page-table pool exhausted";
	case PT_ERR_EXISTS: return "page already mapped";
	case PT_ERR_ALIGN: return "range not page aligned";
	case PT_ERR_RANGE: return "range wraps or is not canonical";
	case PT_ERR_LARGE: return "range splits a 2 MiB page";
	case PT_ERR_NOTUSER: return "page is not a mapped user page";
	}
	return "unknown page-table error";
}
