/*
 * The page-table builder on host memory. The pool is an aligned heap block
 * whose address serves as the "physical" base: the builder dereferences
 * table addresses directly, exactly as it does on identity-mapped memory.
 */
#include "pt_space.h"


UNIT_TEST(paging_alloc_page)
{
	struct space s;
	space_init(&s, 2);
	CHECK_EQ_U64(s.root, (uint64_t)(uintptr_t)s.mem);
	CHECK_EQ_U64(s.pool.used, 1);
	uint64_t *t = (uint64_t *)(uintptr_t)s.root;
	int zero = 1;
	for (int i = 0; i < PT_ENTRIES; i++)
		zero &= t[i] == 0;
	CHECK(zero);
	CHECK_EQ_U64(pt_alloc_page(&s.pool), (uint64_t)(uintptr_t)s.mem + PAGE_SIZE);
	CHECK_EQ_U64(pt_alloc_page(&s.pool), 0); /* empty */
	CHECK_EQ_U64(s.pool.used, 2);
	space_free(&s);
}

UNIT_TEST(paging_map_4k_kernel)
{
	struct space s;
	space_init(&s, 16);
	CHECK_EQ_I64(pt_map(&s.pool, s.root, 0x400000, 0x1234000, 3 * PAGE_SIZE, PTE_W, 0),
		     PT_OK);
	CHECK_EQ_U64(s.pool.used, 4); /* root, PDPT, PD, PT */
	XLATE(0x400000, 0x1234000, PTE_P | PTE_W, PTE_U | PTE_NX | PTE_PS);
	XLATE(0x401ABC, 0x1235ABC, PTE_P | PTE_W, PTE_U);
	XLATE(0x402FFF, 0x1236FFF, PTE_P | PTE_W, PTE_U);
	CHECK(!mapped(s.root, 0x403000));
	CHECK(!mapped(s.root, 0x3FF000));
	CHECK(!mapped(s.root, 0x7FFFFFFFF000ull));
	/* Kernel pages: no U anywhere on the path. */
	for (int level = 3; level >= 1; level--)
		CHECK_EQ_U64(entry_at(s.root, 0x400000, level) & PTE_U, 0);
	space_free(&s);
}

UNIT_TEST(paging_leaf_flags)
{
	struct space s;
	space_init(&s, 16);
	/* NX kept; read-only kept; builder-owned bits (PS, G, A, address) dropped. */
	CHECK_EQ_I64(pt_map(&s.pool, s.root, 0x600000, 0x9000, PAGE_SIZE, PTE_NX | PTE_W, 0),
		     PT_OK);
	CHECK_EQ_I64(pt_map(&s.pool, s.root, 0x601000, 0xA000, PAGE_SIZE, PTE_U, 0), PT_OK);
	CHECK_EQ_I64(pt_map(&s.pool, s.root, 0x602000, 0xB000, PAGE_SIZE,
			    PTE_PS | PTE_G | PTE_A | 0x5000, 0),
		     PT_OK);
	XLATE(0x600000, 0x9000, PTE_P | PTE_NX | PTE_W, PTE_U);
	XLATE(0x601000, 0xA000, PTE_P | PTE_U, PTE_W | PTE_NX);
	XLATE(0x602000, 0xB000, PTE_P, PTE_PS | PTE_G | PTE_A | PTE_W | PTE_U);
	/* Tables never carry NX: only the leaf decides. */
	for (int level = 3; level >= 1; level--)
		CHECK_EQ_U64(entry_at(s.root, 0x600000, level) & PTE_NX, 0);
	space_free(&s);
}

UNIT_TEST(paging_user_propagates)
{
	struct space s;
	space_init(&s, 16);
	/* A kernel page first, then a user page sharing its PML4/PDPT slots. */
	CHECK_EQ_I64(pt_map(&s.pool, s.root, 0x40000000, 0x1000, PAGE_SIZE, PTE_W, 0), PT_OK);
	CHECK_EQ_U64(entry_at(s.root, 0x40000000, 3) & PTE_U, 0);
	CHECK_EQ_I64(pt_map(&s.pool, s.root, 0x400000, 0x2000, PAGE_SIZE, PTE_U | PTE_W, 0),
		     PT_OK);
	for (int level = 3; level >= 0; level--)
		CHECK_EQ_U64(entry_at(s.root, 0x400000, level) & PTE_U, PTE_U);
	/* The shared upper levels got U; the kernel page's own PD/PT did not... */
	CHECK_EQ_U64(entry_at(s.root, 0x40000000, 3) & PTE_U, PTE_U);
	CHECK_EQ_U64(entry_at(s.root, 0x40000000, 1) & PTE_U, 0);
	/* ...and a kernel leaf stays kernel under a U path. */
	XLATE(0x40000000, 0x1000, PTE_P | PTE_W, PTE_U);
	XLATE(0x400000, 0x2000, PTE_P | PTE_U | PTE_W, 0);
	space_free(&s);
}

UNIT_TEST(paging_translate_ands_levels)
{
	struct space s;
	space_init(&s, 16);
	CHECK_EQ_I64(pt_map(&s.pool, s.root, 0x400000, 0x2000, PAGE_SIZE, PTE_U | PTE_W, 0),
		     PT_OK);
	/* Clear U, then W, in the PML4 entry: the leaf alone must not grant them. */
	uint64_t *pml4 = (uint64_t *)(uintptr_t)s.root;
	pml4[0] &= ~PTE_U;
	XLATE(0x400000, 0x2000, PTE_P | PTE_W, PTE_U);
	pml4[0] &= ~PTE_W;
	XLATE(0x400000, 0x2000, PTE_P, PTE_U | PTE_W);
	space_free(&s);
}

UNIT_TEST(paging_large_pages)
{
	struct space s;
	space_init(&s, 16);
	CHECK_EQ_I64(pt_map(&s.pool, s.root, 0x40000000, 0x80000000, 4 * MiB, PTE_W | PTE_NX, 1),
		     PT_OK);
	CHECK_EQ_U64(s.pool.used, 3); /* root, PDPT, PD: no page tables */
	XLATE(0x40000000, 0x80000000, PTE_P | PTE_PS | PTE_W | PTE_NX, PTE_U);
	XLATE(0x40123456, 0x80123456, PTE_P | PTE_PS, 0);
	XLATE(0x40200005, 0x80200005, PTE_P | PTE_PS, 0);
	XLATE(0x403FFFFF, 0x803FFFFF, PTE_P | PTE_PS, 0);
	CHECK(!mapped(s.root, 0x40400000));
	/* The same range without allow_large takes two page tables of 4 KiB pages. */
	CHECK_EQ_I64(pt_map(&s.pool, s.root, 0x80000000, 0x80000000, 4 * MiB, PTE_W, 0), PT_OK);
	CHECK_EQ_U64(s.pool.used, 3 + 1 + 2); /* same PDPT; a new PD and two PTs */
	XLATE(0x80200005, 0x80200005, PTE_P, PTE_PS);
	space_free(&s);
}

UNIT_TEST(paging_mixed_range)
{
	struct space s;
	space_init(&s, 16);
	/* 4K up to the 2 MiB boundary, one large page, then 4K again. */
	CHECK_EQ_I64(pt_map(&s.pool, s.root, 0x1FF000, 0x1FF000, 2 * MiB + 0x2000, PTE_W, 1),
		     PT_OK);
	XLATE(0x1FF000, 0x1FF000, PTE_P | PTE_W, PTE_PS);
	XLATE(0x200000, 0x200000, PTE_P | PTE_PS, 0);
	XLATE(0x3FFFFF, 0x3FFFFF, PTE_P | PTE_PS, 0);
	XLATE(0x400000, 0x400000, PTE_P, PTE_PS);
	CHECK(!mapped(s.root, 0x401000));
	CHECK(!mapped(s.root, 0x1FE000));
	/* va and pa aligned differently: no large page is possible. */
	CHECK_EQ_I64(pt_map(&s.pool, s.root, 0x800000, 0x201000, 2 * MiB, PTE_W, 1), PT_OK);
	XLATE(0x800000, 0x201000, PTE_P, PTE_PS);
	XLATE(0x9FF000, 0x400000, PTE_P, PTE_PS);
	space_free(&s);
}

UNIT_TEST(paging_errors_exists)
{
	struct space s;
	space_init(&s, 16);
	CHECK_EQ_I64(pt_map(&s.pool, s.root, 0x400000, 0x1000, 2 * PAGE_SIZE, PTE_W, 0), PT_OK);
	CHECK_EQ_I64(pt_map(&s.pool, s.root, 0x401000, 0x9000, PAGE_SIZE, PTE_W, 0),
		     PT_ERR_EXISTS);
	XLATE(0x401000, 0x2000, PTE_P, 0); /* the old mapping is untouched */
	/* A range running into a mapped page maps up to it, then fails. */
	CHECK_EQ_I64(pt_map(&s.pool, s.root, 0x3FE000, 0x9000, 3 * PAGE_SIZE, PTE_W, 0),
		     PT_ERR_EXISTS);
	/* Large over large, and 4K inside a large page. */
	CHECK_EQ_I64(pt_map(&s.pool, s.root, 0x40000000, 0, 2 * MiB, PTE_W, 1), PT_OK);
	CHECK_EQ_I64(pt_map(&s.pool, s.root, 0x40000000, 0, 2 * MiB, PTE_W, 1), PT_ERR_EXISTS);
	CHECK_EQ_I64(pt_map(&s.pool, s.root, 0x40001000, 0, PAGE_SIZE, PTE_W, 0), PT_ERR_LARGE);
	space_free(&s);
}

UNIT_TEST(paging_errors_align_and_range)
{
	struct space s;
	space_init(&s, 16);
	CHECK_EQ_I64(pt_map(&s.pool, s.root, 0x400001, 0x1000, PAGE_SIZE, 0, 0), PT_ERR_ALIGN);
	CHECK_EQ_I64(pt_map(&s.pool, s.root, 0x400000, 0x1008, PAGE_SIZE, 0, 0), PT_ERR_ALIGN);
	CHECK_EQ_I64(pt_map(&s.pool, s.root, 0x400000, 0x1000, 100, 0, 0), PT_ERR_ALIGN);
	/* The last page of the lower half is fine; one more is not. */
	CHECK_EQ_I64(pt_map(&s.pool, s.root, 0x7FFFFFFFF000ull, 0x1000, PAGE_SIZE, 0, 0), PT_OK);
	CHECK_EQ_I64(pt_map(&s.pool, s.root, 0x7FFFFFFFE000ull, 0x1000, 3 * PAGE_SIZE, 0, 0),
		     PT_ERR_RANGE);
	CHECK_EQ_I64(pt_map(&s.pool, s.root, 0xFFFFFFFFFFFFF000ull, 0, 2 * PAGE_SIZE, 0, 0),
		     PT_ERR_RANGE); /* wraps */
	CHECK_EQ_I64(pt_map(&s.pool, s.root, 0xFFFF7FFFFFFFF000ull, 0, PAGE_SIZE, 0, 0),
		     PT_ERR_RANGE); /* not canonical */
	CHECK_EQ_I64(pt_map(&s.pool, s.root, 0x7FFFFFFFF000ull, 0, 2 * PAGE_SIZE, 0, 0),
		     PT_ERR_RANGE); /* runs from one half out of it */
	/* The upper half is the loader's to build. */
	CHECK_EQ_I64(pt_map(&s.pool, s.root, 0xFFFFFFFFFFFFF000ull, 0x1000, PAGE_SIZE, PTE_W, 0),
		     PT_OK);
	XLATE(0xFFFFFFFFFFFFF123ull, 0x1123, PTE_P | PTE_W, PTE_U);
	CHECK_EQ_I64(pt_map(&s.pool, s.root, 0x400000, 0x0010000000000000ull, PAGE_SIZE, 0, 0),
		     PT_ERR_RANGE); /* beyond 52-bit physical */
	CHECK_EQ_I64(pt_unmap(s.root, 0x7FFFFFFFF000ull, 2 * PAGE_SIZE, 0), PT_ERR_RANGE);
	CHECK_EQ_I64(pt_unmap(s.root, 0x400800, PAGE_SIZE, 0), PT_ERR_ALIGN);
	/* Refused ranges leave nothing behind. */
	CHECK(!mapped(s.root, 0x400000));
	space_free(&s);
}

UNIT_TEST(paging_errors_nomem)
{
	struct space s;
	space_init(&s, 3); /* root, PDPT, PD: no room for a page table */
	CHECK_EQ_I64(pt_map(&s.pool, s.root, 0x400000, 0x1000, PAGE_SIZE, PTE_W, 0),
		     PT_ERR_NOMEM);
	CHECK_EQ_U64(s.pool.used, 3);
	/* A large page needs no page table, so it still fits. */
	CHECK_EQ_I64(pt_map(&s.pool, s.root, 0x600000, 0, 2 * MiB, PTE_W, 1), PT_OK);
	space_free(&s);

	space_init(&s, 1); /* root only */
	CHECK_EQ_I64(pt_map(&s.pool, s.root, 0x600000, 0, 2 * MiB, PTE_W, 1), PT_ERR_NOMEM);
	CHECK_EQ_U64(s.pool.used, 1);
	space_free(&s);
}

UNIT_TEST(paging_unmap)
{
	struct space s;
	space_init(&s, 16);
	CHECK_EQ_I64(pt_map(&s.pool, s.root, 0x400000, 0x10000, 4 * PAGE_SIZE, PTE_W | PTE_U, 0),
		     PT_OK);
	CHECK_EQ_I64(pt_unmap(s.root, 0x401000, 2 * PAGE_SIZE, 0), PT_OK);
	XLATE(0x400000, 0x10000, PTE_P, 0);
	CHECK(!mapped(s.root, 0x401000));
	CHECK(!mapped(s.root, 0x402000));
	XLATE(0x403000, 0x13000, PTE_P, 0);
	/* Unmapped pages, and whole missing tables, are skipped. */
	CHECK_EQ_I64(pt_unmap(s.root, 0x3FE000, 0x8000, 0), PT_OK);
	CHECK_EQ_I64(pt_unmap(s.root, 0x40000000, 4 * MiB, 0), PT_OK);
	CHECK(!mapped(s.root, 0x400000));
	CHECK(!mapped(s.root, 0x403000));

	/* Remapping reuses the tables already there. */
	uint32_t used = s.pool.used;
	CHECK_EQ_I64(pt_map(&s.pool, s.root, 0x400000, 0x70000, 4 * PAGE_SIZE, PTE_W, 0), PT_OK);
	CHECK_EQ_U64(s.pool.used, used);
	XLATE(0x402000, 0x72000, PTE_P | PTE_W, 0);
	space_free(&s);
}

UNIT_TEST(paging_unmap_large)
{
	struct space s;
	space_init(&s, 16);
	CHECK_EQ_I64(pt_map(&s.pool, s.root, 0x200000, 0x200000, 2 * MiB, PTE_W, 1), PT_OK);
	/* Removing 4 KiB from inside a 2 MiB page would need a split: refused. */
	CHECK_EQ_I64(pt_unmap(s.root, 0x201000, PAGE_SIZE, 0), PT_ERR_LARGE);
	XLATE(0x201000, 0x201000, PTE_P | PTE_PS, 0);
	space_free(&s);
}

UNIT_TEST(paging_strerror)
{
	static const int codes[] = { PT_OK, PT_ERR_NOMEM, PT_ERR_EXISTS, PT_ERR_ALIGN,
				     PT_ERR_RANGE, PT_ERR_LARGE };
	const char *unknown = pt_strerror(-99);
	CHECK(unknown && unknown[0]);
	for (unsigned i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		const char *m = pt_strerror(codes[i]);
		CHECK(m && m[0]);
		CHECK(m != unknown && strcmp(m, unknown) != 0); /* each code is named */
		for (unsigned j = 0; j < i; j++)
			CHECK(strcmp(m, pt_strerror(codes[j])) != 0);
	}
}

UNIT_TEST(paging_skip_absent_and_huge_ranges)
{
	struct space s;
	space_init(&s, 16);
	/* One user page at 8 GiB + 4 MiB: everything else is holes. */
	uint64_t page = (8ULL << 30) + (4ULL << 20);
	uint64_t frame = pt_alloc_page(&s.pool); /* a real page stands for its frame */
	CHECK_EQ_I64(pt_map(&s.pool, s.root, page, frame, PAGE_SIZE, PTE_W | PTE_U, 0), PT_OK);
	CHECK_EQ_U64(pt_skip_absent(s.root, page), page); /* a PT reaches it */
	CHECK_EQ_U64(pt_skip_absent(s.root, page + PAGE_SIZE), page + PAGE_SIZE);
	CHECK_EQ_U64(pt_skip_absent(s.root, page + (2ULL << 20)), page + (4ULL << 20)); /* no PT */
	CHECK_EQ_U64(pt_skip_absent(s.root, 0), 1ULL << 30);                             /* no PD */
	CHECK_EQ_U64(pt_skip_absent(s.root, 1ULL << 40), (1ULL << 40) + (512ULL << 30)); /* no PDPT */
	/* Counting and unmapping across all of user space finish (by
	 * skipping the holes) and find the one page. */
	uint64_t user_top = 0x7ffffffff000ULL;
	CHECK_EQ_U64(pt_count_populated(s.root, 0, user_top), 1);
	struct pt_pool freed = { 0 };
	CHECK_EQ_I64(pt_unmap(s.root, PAGE_SIZE, user_top - PAGE_SIZE, &freed), PT_OK);
	CHECK_EQ_U64(freed.pages, 1);
	CHECK_EQ_U64(pt_count_populated(s.root, 0, user_top), 0);
	space_free(&s);
}

/* pt_tables_bound is what an address space is charged for tables: it
 * must never be less than what pt_map really takes, at any alignment,
 * in an empty space (the worst case: every level new). */
UNIT_TEST(paging_tables_bound_covers_pt_map)
{
	static const uint64_t sizes[] = { 1, 2, 511, 512, 513, 1024, 262144, 262145 };
	static const uint64_t starts[] = { 0x400000, 0x5ff000, 0x3ffff000, 0x7fffff000ULL,
					   0x7effffe00000ULL };
	for (unsigned i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		for (unsigned j = 0; j < sizeof(starts) / sizeof(starts[0]); j++) {
			struct space s;
			space_init(&s, 1024);
			uint64_t before = s.pool.used;
			CHECK_EQ_I64(pt_map(&s.pool, s.root, starts[j], 0x100000, sizes[i] * PAGE_SIZE,
					    PTE_U | PTE_W, 0), PT_OK);
			CHECK(s.pool.used - before <= pt_tables_bound(sizes[i]));
			space_free(&s);
		}
	}
	CHECK_EQ_U64(pt_tables_bound(0), 0);
}
