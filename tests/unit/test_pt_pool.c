/*
 * The page pool as runs, and giving a whole lower half back: every page
 * a space held comes back exactly once, and the upper half is untouched.
 */
#include "pt_space.h"

UNIT_TEST(pool_runs)
{
	uint8_t *mem = aligned_alloc(PAGE_SIZE, 8 * PAGE_SIZE);
	uint64_t base = (uint64_t)(uintptr_t)mem;
	struct pt_pool a = { 0 }, b = { 0 };
	pt_pool_add(&a, base, 3);
	pt_pool_add(&a, base + 5 * PAGE_SIZE, 2);
	CHECK_EQ_U64(a.pages, 5);
	/* The last run added comes first, pages from its front. */
	CHECK_EQ_U64(pt_pool_take(&a), base + 5 * PAGE_SIZE);
	CHECK_EQ_U64(pt_pool_take(&a), base + 6 * PAGE_SIZE);
	CHECK_EQ_U64(pt_pool_take(&a), base);
	CHECK_EQ_U64(a.pages, 2);
	CHECK_EQ_U64(a.used, 3);
	/* All or nothing. */
	CHECK_EQ_I64(pt_pool_move(&a, &b, 3), -1);
	CHECK_EQ_U64(a.pages, 2);
	CHECK_EQ_U64(b.pages, 0);
	CHECK_EQ_I64(pt_pool_move(&a, &b, 1), 0);
	CHECK_EQ_U64(b.pages, 1);
	CHECK_EQ_U64(pt_pool_take(&b), base + PAGE_SIZE);
	pt_pool_drain(&a, &b);
	CHECK_EQ_U64(a.pages, 0);
	CHECK_EQ_U64(pt_pool_take(&b), base + 2 * PAGE_SIZE);
	CHECK_EQ_U64(pt_pool_take(&b), 0);
	CHECK_EQ_U64(pt_pool_take(&a), 0);
	free(mem);
}

UNIT_TEST(pool_move_splits_a_run)
{
	uint8_t *mem = aligned_alloc(PAGE_SIZE, 8 * PAGE_SIZE);
	uint64_t base = (uint64_t)(uintptr_t)mem;
	struct pt_pool a = { 0 }, b = { 0 };
	pt_pool_add(&a, base, 8);
	CHECK_EQ_I64(pt_pool_move(&a, &b, 5), 0);
	CHECK_EQ_U64(a.pages, 3);
	CHECK_EQ_U64(b.pages, 5);
	CHECK_EQ_U64(pt_pool_take(&a), base + 5 * PAGE_SIZE);
	for (int i = 0; i < 5; i++)
		CHECK_EQ_U64(pt_pool_take(&b), base + (uint64_t)i * PAGE_SIZE);
	free(mem);
}

UNIT_TEST(free_lower_gives_everything_back)
{
	struct space s;
	space_init(&s, 64);
	uint64_t data = (uint64_t)(uintptr_t)aligned_alloc(PAGE_SIZE, 8 * PAGE_SIZE);
	uint64_t start_free = s.pool.pages;
	/* User pages in two places (two PDPTs), one parked by PROT_NONE... */
	for (int i = 0; i < 4; i++)
		CHECK_EQ_I64(pt_map(&s.pool, s.root, 0x400000 + i * PAGE_SIZE, data + i * PAGE_SIZE,
				    PAGE_SIZE, PTE_U | PTE_W, 0), PT_OK);
	CHECK_EQ_I64(pt_map(&s.pool, s.root, 0x7FFFFFFF0000ull, data + 4 * PAGE_SIZE, PAGE_SIZE,
			    PTE_U | PTE_W, 0), PT_OK);
	CHECK_EQ_I64(pt_protect(s.root, 0x7FFFFFFF0000ull, PAGE_SIZE, PTE_U, 0), PT_OK);
	/* ... and a kernel mapping in the upper half, which must survive. */
	CHECK_EQ_I64(pt_map(&s.pool, s.root, 0xFFFF800000000000ull, data + 5 * PAGE_SIZE, PAGE_SIZE,
			    PTE_W, 0), PT_OK);
	uint64_t tables = start_free - s.pool.pages;
	CHECK_EQ_U64(pt_count_populated(s.root, 0x400000, 8 * PAGE_SIZE), 4);
	CHECK_EQ_U64(pt_count_lower_supervisor(s.root), 0);

	struct pt_pool freed = { 0 };
	pt_free_lower(s.root, &freed);
	/* 5 data pages + the lower half's tables (two PDPT/PD/PT chains). */
	CHECK_EQ_U64(freed.pages, 5 + 6);
	CHECK_EQ_U64(tables, 6 + 3);
	CHECK(!mapped(s.root, 0x400000));
	CHECK(mapped(s.root, 0xFFFF800000000000ull));
	uint64_t seen = 0;
	for (uint64_t p; (p = pt_pool_take(&freed));)
		seen |= (p >= data && p < data + 5 * PAGE_SIZE) ? 1ull << ((p - data) / PAGE_SIZE) : 0;
	CHECK_EQ_U64(seen, 0x1F); /* each data page exactly once */
	free((void *)(uintptr_t)data);
	space_free(&s);
}

UNIT_TEST(unmap_collects_pages)
{
	struct space s;
	space_init(&s, 16);
	uint64_t data = (uint64_t)(uintptr_t)aligned_alloc(PAGE_SIZE, 4 * PAGE_SIZE);
	CHECK_EQ_I64(pt_map(&s.pool, s.root, 0x400000, data, 4 * PAGE_SIZE, PTE_U | PTE_W, 0), PT_OK);
	struct pt_pool freed = { 0 };
	CHECK_EQ_I64(pt_unmap(s.root, 0x401000, 2 * PAGE_SIZE, &freed), PT_OK);
	CHECK_EQ_U64(freed.pages, 2);
	CHECK_EQ_I64(pt_unmap(s.root, 0x401000, 2 * PAGE_SIZE, &freed), PT_OK); /* gone already */
	CHECK_EQ_U64(freed.pages, 2);
	CHECK_EQ_U64(pt_count_populated(s.root, 0x400000, 4 * PAGE_SIZE), 2);
	free((void *)(uintptr_t)data);
	space_free(&s);
}

UNIT_TEST(count_lower_supervisor)
{
	struct space s;
	space_init(&s, 16);
	CHECK_EQ_I64(pt_map(&s.pool, s.root, 0x200000, 0x5000, 2 * PAGE_SIZE, PTE_W, 0), PT_OK);
	CHECK_EQ_I64(pt_map(&s.pool, s.root, 0x202000, 0x7000, PAGE_SIZE, PTE_U, 0), PT_OK);
	CHECK_EQ_U64(pt_count_lower_supervisor(s.root), 2);
	space_free(&s);
}
