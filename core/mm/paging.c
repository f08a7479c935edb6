/* pure, loader: 4-level page-table builder (contract in paging.h). */
#include "core/mm/paging.h"
#include "core/cpu/hw.h"

uint64_t pt_phys_offset;

static uint64_t *table_at(uint64_t phys)
{
	return (uint64_t *)(uintptr_t)((phys & PTE_ADDR_MASK) + pt_phys_offset);
}

static struct pt_run *run_at(uint64_t phys)
{
	return (struct pt_run *)(uintptr_t)(phys + pt_phys_offset);
}

void pt_pool_add(struct pt_pool *pool, uint64_t base, uint64_t pages)
{
	if (!pages)
		return;
	*run_at(base) = (struct pt_run){ .next = pool->head, .pages = pages };
	pool->head = base;
	pool->pages += pages;
}

uint64_t pt_pool_take(struct pt_pool *pool)
{
	uint64_t page = pool->head;
	if (!page)
		return 0;
	struct pt_run r = *run_at(page);
	if (r.pages > 1) {
		pool->head = page + PAGE_SIZE;
		*run_at(pool->head) = (struct pt_run){ .next = r.next, .pages = r.pages - 1 };
	} else {
		pool->head = r.next;
	}
	pool->pages--;
	pool->used++;
	return page;
}

int pt_pool_move(struct pt_pool *from, struct pt_pool *to, uint64_t n)
{
	if (from->pages < n)
		return -1;
	while (n) {
		/* Whole runs where they fit, else the front of one. */
		struct pt_run r = *run_at(from->head);
		uint64_t k = r.pages <= n ? r.pages : n;
		uint64_t base = from->head;
		if (k == r.pages) {
			from->head = r.next;
		} else {
			from->head = base + k * PAGE_SIZE;
			*run_at(from->head) = (struct pt_run){ .next = r.next, .pages = r.pages - k };
		}
		from->pages -= k;
		from->used += k;
		pt_pool_add(to, base, k);
		n -= k;
	}
	return 0;
}

void pt_pool_drain(struct pt_pool *from, struct pt_pool *to)
{
	pt_pool_move(from, to, from->pages);
}

static unsigned index_at(uint64_t va, int level) /* level 3 = PML4 ... 0 = PT */
{
	return (unsigned)(va >> (PAGE_SHIFT + PT_LEVEL_SHIFT * level)) & (PT_ENTRIES - 1);
}

uint64_t pt_alloc_page(struct pt_pool *pool)
{
	uint64_t page = pt_pool_take(pool);
	if (!page)
		return 0;
	uint64_t *p = table_at(page);
	for (unsigned i = 0; i < PT_ENTRIES; i++)
		p[i] = 0;
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
	uint64_t end = va + len; /* 0: up to the top of the higher half */
	int low = end >= va && end <= CANONICAL_LOW_END;
	int high = va >= CANONICAL_HIGH_START && (end == 0 || end >= va);
	if (!low && !high)
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

uint64_t pt_skip_absent(uint64_t root, uint64_t va)
{
	uint64_t *t = table_at(root);
	for (int level = 3; level > 0; level--) {
		uint64_t e = t[index_at(va, level)];
		if (!(e & PTE_P)) {
			uint64_t span = PAGE_SIZE << (PT_LEVEL_SHIFT * level);
			return (va & ~(span - 1)) + span;
		}
		if (e & PTE_PS)
			return va;
		t = table_at(e);
	}
	return va;
}

uint64_t pt_entry(uint64_t root, uint64_t va)
{
	int large;
	uint64_t *e = leaf_entry(root, va, &large);
	return e ? *e : 0;
}

int pt_unmap(uint64_t root, uint64_t va, uint64_t len, struct pt_pool *freed)
{
	int err = range_ok(va, 0, len);
	if (err)
		return err;
	for (; len; va += PAGE_SIZE, len -= PAGE_SIZE) {
		uint64_t next = pt_skip_absent(root, va);
		if (next != va) { /* no table: nothing mapped up to next */
			if (next - va >= len || next == 0)
				break;
			len -= next - va - PAGE_SIZE;
			va = next - PAGE_SIZE;
			continue;
		}
		int large;
		uint64_t *e = leaf_entry(root, va, &large);
		if (large)
			return PT_ERR_LARGE;
		if (e && pt_populated(*e) && freed)
			pt_pool_add(freed, *e & PTE_ADDR_MASK, 1);
		if (e)
			*e = 0;
	}
	return PT_OK;
}

/* Free every page below table (at level) and the tables themselves. */
static void free_table(uint64_t table, int level, struct pt_pool *freed)
{
	uint64_t *t = table_at(table);
	for (unsigned i = 0; i < PT_ENTRIES; i++) {
		uint64_t e = t[i];
		if (!pt_populated(e))
			continue;
		if (level == 0 || (e & PTE_PS))
			pt_pool_add(freed, e & PTE_ADDR_MASK,
				    level == 0 ? 1 : 1ULL << (PT_LEVEL_SHIFT * level));
		else
			free_table(e, level - 1, freed);
	}
	pt_pool_add(freed, table & PTE_ADDR_MASK, 1);
}

void pt_free_lower(uint64_t root, struct pt_pool *freed)
{
	uint64_t *t = table_at(root);
	for (unsigned i = 0; i < PT_ENTRIES / 2; i++) {
		if (t[i] & PTE_P)
			free_table(t[i], 2, freed);
		t[i] = 0;
	}
}

uint64_t pt_count_populated(uint64_t root, uint64_t va, uint64_t len)
{
	uint64_t n = 0;
	for (uint64_t a = va; a - va < len;) {
		uint64_t next = pt_skip_absent(root, a);
		if (next != a) {
			a = next;
			continue;
		}
		n += pt_populated(pt_entry(root, a));
		a += PAGE_SIZE;
	}
	return n;
}

/* Present leaves below table that ring 3 cannot reach (U clear on the path). */
static uint64_t count_supervisor(uint64_t table, int level, uint64_t user)
{
	uint64_t *t = table_at(table), n = 0;
	for (unsigned i = 0; i < PT_ENTRIES; i++) {
		if (!(t[i] & PTE_P))
			continue;
		if (level == 0 || (t[i] & PTE_PS))
			n += !(user & t[i] & PTE_U);
		else
			n += count_supervisor(t[i], level - 1, user & t[i]);
	}
	return n;
}

uint64_t pt_count_lower_supervisor(uint64_t root)
{
	uint64_t *t = table_at(root), n = 0;
	for (unsigned i = 0; i < PT_ENTRIES / 2; i++)
		if (t[i] & PTE_P)
			n += count_supervisor(t[i], 2, t[i]);
	return n;
}

/* Per level, one table per region of that level's size the range
 * touches, plus one at each end. */
uint64_t pt_tables_bound(uint64_t pages)
{
	if (!pages)
		return 0;
	return pages / PT_ENTRIES + 2 + pages / (PT_ENTRIES * PT_ENTRIES) + 2 +
	       pages / ((uint64_t)PT_ENTRIES * PT_ENTRIES * PT_ENTRIES) + 2;
}

/* What leaves_update does to each 4 KiB leaf. */
enum leaf_op {
	LEAF_USER_PROTECT,     /* user pages (present or parked): new flags, parked or not */
	LEAF_KERNEL_READ_ONLY, /* present supervisor pages: W cleared */
};

/* Every 4 KiB leaf of [va, va+len), checked first for op (an error
 * changes nothing), then rewritten. */
static int leaves_update(uint64_t root, uint64_t va, uint64_t len, enum leaf_op op, uint64_t flags,
			 int present)
{
	int err = range_ok(va, 0, len);
	if (err)
		return err;
	for (int pass = 0; pass < 2; pass++) {
		for (uint64_t a = va; a < va + len; a += PAGE_SIZE) {
			int large;
			uint64_t *e = leaf_entry(root, a, &large);
			if (pass == 1 && op == LEAF_USER_PROTECT)
				*e = (*e & PTE_ADDR_MASK) | PTE_U | (flags & PT_LEAF_FLAGS & ~PTE_U) |
				     (present ? PTE_P : PTE_PROTNONE);
			else if (pass == 1)
				*e &= ~PTE_W;
			else if (large)
				return PT_ERR_LARGE;
			else if (op == LEAF_USER_PROTECT &&
				 (!e || !(*e & (PTE_P | PTE_PROTNONE)) || !(*e & PTE_U)))
				return PT_ERR_NOTUSER;
			else if (op == LEAF_KERNEL_READ_ONLY && (!e || !(*e & PTE_P) || (*e & PTE_U)))
				return PT_ERR_NOTKERNEL;
		}
	}
	return PT_OK;
}

int pt_protect(uint64_t root, uint64_t va, uint64_t len, uint64_t flags, int present)
{
	return leaves_update(root, va, len, LEAF_USER_PROTECT, flags, present);
}

int pt_write_protect(uint64_t root, uint64_t va, uint64_t len)
{
	return leaves_update(root, va, len, LEAF_KERNEL_READ_ONLY, 0, 1);
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
	case PT_ERR_NOMEM: return "out of page-table pages";
	case PT_ERR_EXISTS: return "page already mapped";
	case PT_ERR_ALIGN: return "range not page aligned";
	case PT_ERR_RANGE: return "range wraps or is not inside one canonical half";
	case PT_ERR_LARGE: return "range splits a 2 MiB page";
	case PT_ERR_NOTUSER: return "page is not a mapped user page";
	case PT_ERR_NOTKERNEL: return "page is not a mapped kernel 4 KiB page";
	}
	return "unknown page-table error";
}
