/* The kernel's physical page pool (contract in page_alloc.h). */
#include "core/mm/page_alloc.h"
#include "core/lib/spinlock.h"

static struct pt_pool pool;
static struct spinlock lock;
static uint64_t total;

void page_alloc_init(const struct handoff *h)
{
	const struct handoff_mem *m = phys_to_virt(h->mem_map);
	for (uint32_t i = 0; i < h->mem_count; i++) {
		if (m[i].type != HANDOFF_MEM_FREE && m[i].type != HANDOFF_MEM_BOOT)
			continue;
		uint64_t base = m[i].base, pages = m[i].pages;
		/* Page 0 stays out: a physical address of 0 means "none" here. */
		if (base == 0) {
			base += PAGE_SIZE;
			pages--;
		}
		pt_pool_add(&pool, base, pages);
	}
	struct pt_pool left = h->pt_pool;
	pt_pool_drain(&left, &pool);
	total = pool.pages;
}

int page_alloc_reserve(struct pt_pool *to, uint64_t n)
{
	spin_lock(&lock);
	int r = pt_pool_move(&pool, to, n);
	spin_unlock(&lock);
	return r;
}

void page_alloc_release(struct pt_pool *from)
{
	spin_lock(&lock);
	pt_pool_drain(from, &pool);
	spin_unlock(&lock);
}

uint64_t page_alloc_free_pages(void)
{
	return pool.pages;
}

uint64_t page_alloc_total_pages(void)
{
	return total;
}
