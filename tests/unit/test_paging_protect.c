/*
 * pt_protect (mprotect on user pages, PROT_NONE parking) and pt_entry, on
 * host memory: the pool is an aligned heap block whose address is the
 * "physical" base, as in test_paging.c.
 */
#include "pt_space.h"

/* The PDE for va (level 1), or 0 when an upper level is absent. */
static uint64_t pde_at(uint64_t root, uint64_t va)
{
	return entry_at(root, va, 1);
}

#define UVA 0x400000ull
#define UPA 0x10000ull

/* Four user RW pages at UVA -> UPA. */
static void map_user4(struct space *s)
{
	space_init(s, 16);
	CHECK_EQ_I64(pt_map(&s->pool, s->root, UVA, UPA, 4 * PAGE_SIZE, PTE_U | PTE_W, 0), PT_OK);
}

UNIT_TEST(protect_read_only)
{
	struct space s;
	map_user4(&s);
	CHECK_EQ_I64(pt_protect(s.root, UVA + PAGE_SIZE, 2 * PAGE_SIZE, PTE_U, 1), PT_OK);
	XLATE(UVA, UPA, PTE_P | PTE_U | PTE_W, PTE_NX);
	XLATE(UVA + 0x1000, UPA + 0x1000, PTE_P | PTE_U, PTE_W | PTE_NX);
	XLATE(UVA + 0x2FFF, UPA + 0x2FFF, PTE_P | PTE_U, PTE_W | PTE_NX);
	XLATE(UVA + 0x3000, UPA + 0x3000, PTE_P | PTE_U | PTE_W, PTE_NX);
	/* The entry itself: address kept, only the leaf flags changed. */
	CHECK_EQ_U64(pt_entry(s.root, UVA + 0x1000), (UPA + 0x1000) | PTE_P | PTE_U);

	/* Back to writable. */
	CHECK_EQ_I64(pt_protect(s.root, UVA + PAGE_SIZE, 2 * PAGE_SIZE, PTE_U | PTE_W, 1), PT_OK);
	XLATE(UVA + 0x1000, UPA + 0x1000, PTE_P | PTE_U | PTE_W, PTE_NX);
	XLATE(UVA + 0x2000, UPA + 0x2000, PTE_P | PTE_U | PTE_W, PTE_NX);
	space_free(&s);
}

UNIT_TEST(protect_nx)
{
	struct space s;
	map_user4(&s);
	CHECK_EQ_I64(pt_protect(s.root, UVA, 4 * PAGE_SIZE, PTE_U | PTE_NX, 1), PT_OK);
	for (uint64_t i = 0; i < 4; i++)
		XLATE(UVA + i * PAGE_SIZE, UPA + i * PAGE_SIZE, PTE_P | PTE_U | PTE_NX, PTE_W);
	CHECK_EQ_I64(pt_protect(s.root, UVA, PAGE_SIZE, PTE_U | PTE_W | PTE_NX, 1), PT_OK);
	XLATE(UVA, UPA, PTE_P | PTE_U | PTE_W | PTE_NX, 0);
	/* NX cleared again: executable. */
	CHECK_EQ_I64(pt_protect(s.root, UVA, 4 * PAGE_SIZE, PTE_U, 1), PT_OK);
	for (uint64_t i = 0; i < 4; i++)
		XLATE(UVA + i * PAGE_SIZE, UPA + i * PAGE_SIZE, PTE_P | PTE_U, PTE_W | PTE_NX);
	space_free(&s);
}

UNIT_TEST(protect_keeps_u_drops_other_bits)
{
	struct space s;
	map_user4(&s);
	/* U is kept even if the caller leaves it out. */
	CHECK_EQ_I64(pt_protect(s.root, UVA, PAGE_SIZE, PTE_W, 1), PT_OK);
	XLATE(UVA, UPA, PTE_P | PTE_U | PTE_W, 0);
	/* Non-leaf bits in flags (PS, G, A, an address, PROTNONE) are dropped. */
	CHECK_EQ_I64(pt_protect(s.root, UVA, PAGE_SIZE,
				PTE_U | PTE_PS | PTE_G | PTE_A | PTE_PROTNONE | 0x7000, 1),
		     PT_OK);
	CHECK_EQ_U64(pt_entry(s.root, UVA), UPA | PTE_P | PTE_U);
	/* Caching bits are leaf flags: kept. */
	CHECK_EQ_I64(pt_protect(s.root, UVA, PAGE_SIZE, PTE_U | PTE_PCD | PTE_PWT, 1), PT_OK);
	CHECK_EQ_U64(pt_entry(s.root, UVA), UPA | PTE_P | PTE_U | PTE_PCD | PTE_PWT);
	/* Zero length: nothing to do. */
	CHECK_EQ_I64(pt_protect(s.root, UVA, 0, 0, 0), PT_OK);
	CHECK_EQ_U64(pt_entry(s.root, UVA), UPA | PTE_P | PTE_U | PTE_PCD | PTE_PWT);
	space_free(&s);
}

UNIT_TEST(protect_none_parks_and_restores)
{
	struct space s;
	map_user4(&s);
	CHECK_EQ_I64(pt_protect(s.root, UVA + PAGE_SIZE, 2 * PAGE_SIZE, PTE_U | PTE_W, 0), PT_OK);
	for (uint64_t i = 1; i <= 2; i++) {
		uint64_t va = UVA + i * PAGE_SIZE, e = pt_entry(s.root, va);
		CHECK_EQ_U64(e & PTE_P, 0);
		CHECK_EQ_U64(e & PTE_PROTNONE, PTE_PROTNONE);
		CHECK_EQ_U64(e & PTE_ADDR_MASK, UPA + i * PAGE_SIZE); /* the address is kept */
		CHECK_EQ_U64(e & PTE_U, PTE_U);
		CHECK(!mapped(s.root, va));
		CHECK(!mapped(s.root, va + 0xFFF));
	}
	/* Neighbours untouched. */
	XLATE(UVA, UPA, PTE_P | PTE_U | PTE_W, 0);
	XLATE(UVA + 0x3000, UPA + 0x3000, PTE_P | PTE_U | PTE_W, 0);

	/* Parking a parked page again is fine (and still parked). */
	CHECK_EQ_I64(pt_protect(s.root, UVA + PAGE_SIZE, PAGE_SIZE, PTE_U, 0), PT_OK);
	CHECK(!mapped(s.root, UVA + PAGE_SIZE));
	CHECK_EQ_U64(pt_entry(s.root, UVA + PAGE_SIZE) & (PTE_ADDR_MASK | PTE_PROTNONE | PTE_P),
		     (UPA + PAGE_SIZE) | PTE_PROTNONE);

	/* Un-parking: access back, the same frame, PROTNONE gone. A range
	 * mixing parked and present pages is accepted. */
	CHECK_EQ_I64(pt_protect(s.root, UVA, 4 * PAGE_SIZE, PTE_U | PTE_NX, 1), PT_OK);
	for (uint64_t i = 0; i < 4; i++) {
		XLATE(UVA + i * PAGE_SIZE, UPA + i * PAGE_SIZE, PTE_P | PTE_U | PTE_NX, PTE_W);
		CHECK_EQ_U64(pt_entry(s.root, UVA + i * PAGE_SIZE) & PTE_PROTNONE, 0);
	}
	CHECK_EQ_I64(pt_protect(s.root, UVA + PAGE_SIZE, PAGE_SIZE, PTE_U | PTE_W, 1), PT_OK);
	XLATE(UVA + 0x1ABC, UPA + 0x1ABC, PTE_P | PTE_U | PTE_W, PTE_NX);

	/* A parked page unmapped is gone for good: protect now refuses it. */
	CHECK_EQ_I64(pt_protect(s.root, UVA + 2 * PAGE_SIZE, PAGE_SIZE, PTE_U, 0), PT_OK);
	CHECK_EQ_I64(pt_unmap(s.root, UVA + 2 * PAGE_SIZE, PAGE_SIZE, 0), PT_OK);
	CHECK_EQ_U64(pt_entry(s.root, UVA + 2 * PAGE_SIZE), 0);
	CHECK_EQ_I64(pt_protect(s.root, UVA + 2 * PAGE_SIZE, PAGE_SIZE, PTE_U | PTE_W, 1),
		     PT_ERR_NOTUSER);
	CHECK(!mapped(s.root, UVA + 2 * PAGE_SIZE));
	space_free(&s);
}

UNIT_TEST(protect_refuses_kernel_pages)
{
	struct space s;
	space_init(&s, 16);
	CHECK_EQ_I64(pt_map(&s.pool, s.root, 0x600000, 0x9000, 2 * PAGE_SIZE, PTE_W, 0), PT_OK);
	uint64_t before = pt_entry(s.root, 0x600000);
	CHECK_EQ_I64(pt_protect(s.root, 0x600000, PAGE_SIZE, PTE_U, 1), PT_ERR_NOTUSER);
	CHECK_EQ_I64(pt_protect(s.root, 0x600000, PAGE_SIZE, PTE_W, 0), PT_ERR_NOTUSER);
	CHECK_EQ_U64(pt_entry(s.root, 0x600000), before);
	XLATE(0x600000, 0x9000, PTE_P | PTE_W, PTE_U);

	/* User pages followed by a kernel page: refused, the user pages untouched. */
	CHECK_EQ_I64(pt_map(&s.pool, s.root, 0x5FE000, 0x7000, 2 * PAGE_SIZE, PTE_U | PTE_W, 0),
		     PT_OK);
	uint64_t first = pt_entry(s.root, 0x5FE000);
	CHECK_EQ_I64(pt_protect(s.root, 0x5FE000, 3 * PAGE_SIZE, PTE_U, 0), PT_ERR_NOTUSER);
	CHECK_EQ_U64(pt_entry(s.root, 0x5FE000), first);
	XLATE(0x5FE000, 0x7000, PTE_P | PTE_U | PTE_W, 0);
	XLATE(0x5FF000, 0x8000, PTE_P | PTE_U | PTE_W, 0);
	XLATE(0x600000, 0x9000, PTE_P | PTE_W, PTE_U);
	space_free(&s);
}

UNIT_TEST(protect_refuses_unmapped)
{
	struct space s;
	map_user4(&s);
	uint64_t first = pt_entry(s.root, UVA);
	/* A page table exists but the entry is empty. */
	CHECK_EQ_I64(pt_protect(s.root, UVA + 4 * PAGE_SIZE, PAGE_SIZE, PTE_U, 1), PT_ERR_NOTUSER);
	/* No tables at all there. */
	CHECK_EQ_I64(pt_protect(s.root, 0x40000000, PAGE_SIZE, PTE_U, 1), PT_ERR_NOTUSER);
	CHECK_EQ_I64(pt_protect(s.root, 0x7FFFFFFFF000ull, PAGE_SIZE, PTE_U, 0), PT_ERR_NOTUSER);
	/* Partly unmapped: mapped, then a hole at the end... */
	CHECK_EQ_I64(pt_protect(s.root, UVA, 5 * PAGE_SIZE, PTE_U, 0), PT_ERR_NOTUSER);
	CHECK_EQ_U64(pt_entry(s.root, UVA), first);
	XLATE(UVA, UPA, PTE_P | PTE_U | PTE_W, PTE_NX);
	XLATE(UVA + 0x3000, UPA + 0x3000, PTE_P | PTE_U | PTE_W, PTE_NX);
	/* ...a hole first... */
	CHECK_EQ_I64(pt_protect(s.root, UVA - PAGE_SIZE, 2 * PAGE_SIZE, PTE_U | PTE_NX, 1),
		     PT_ERR_NOTUSER);
	CHECK_EQ_U64(pt_entry(s.root, UVA), first);
	/* ...and a hole in the middle. */
	CHECK_EQ_I64(pt_unmap(s.root, UVA + 2 * PAGE_SIZE, PAGE_SIZE, 0), PT_OK);
	CHECK_EQ_I64(pt_protect(s.root, UVA, 4 * PAGE_SIZE, PTE_U, 0), PT_ERR_NOTUSER);
	CHECK_EQ_U64(pt_entry(s.root, UVA), first);
	CHECK_EQ_U64(pt_entry(s.root, UVA + PAGE_SIZE), (UPA + PAGE_SIZE) | PTE_P | PTE_U | PTE_W);
	CHECK_EQ_U64(pt_entry(s.root, UVA + 3 * PAGE_SIZE),
		     (UPA + 3 * PAGE_SIZE) | PTE_P | PTE_U | PTE_W);
	XLATE(UVA + 0x1000, UPA + 0x1000, PTE_P | PTE_U | PTE_W, PTE_NX);
	space_free(&s);
}

UNIT_TEST(protect_refuses_large)
{
	struct space s;
	space_init(&s, 16);
	CHECK_EQ_I64(pt_map(&s.pool, s.root, 0x200000, 0x200000, 2 * MiB, PTE_U | PTE_W, 1), PT_OK);
	uint64_t pde = pt_entry(s.root, 0x200000);
	CHECK_EQ_U64(pde & PTE_PS, PTE_PS);
	CHECK_EQ_I64(pt_protect(s.root, 0x201000, PAGE_SIZE, PTE_U, 1), PT_ERR_LARGE);
	CHECK_EQ_I64(pt_protect(s.root, 0x3FF000, PAGE_SIZE, PTE_U, 0), PT_ERR_LARGE);
	CHECK_EQ_I64(pt_protect(s.root, 0x200000, 2 * MiB, PTE_U, 1), PT_ERR_LARGE);
	CHECK_EQ_U64(pt_entry(s.root, 0x200000), pde);
	XLATE(0x201000, 0x201000, PTE_P | PTE_PS | PTE_U | PTE_W, 0);

	/* 4 KiB user pages running into the large page: nothing changed. */
	CHECK_EQ_I64(pt_map(&s.pool, s.root, 0x1FE000, 0x5000, 2 * PAGE_SIZE, PTE_U | PTE_W, 0),
		     PT_OK);
	uint64_t first = pt_entry(s.root, 0x1FE000);
	CHECK_EQ_I64(pt_protect(s.root, 0x1FE000, 3 * PAGE_SIZE, PTE_U, 0), PT_ERR_LARGE);
	CHECK_EQ_U64(pt_entry(s.root, 0x1FE000), first);
	XLATE(0x1FF000, 0x6000, PTE_P | PTE_U | PTE_W, 0);
	CHECK_EQ_U64(pt_entry(s.root, 0x200000), pde);
	space_free(&s);
}

UNIT_TEST(protect_align_and_range)
{
	struct space s;
	map_user4(&s);
	uint64_t first = pt_entry(s.root, UVA);
	CHECK_EQ_I64(pt_protect(s.root, UVA + 1, PAGE_SIZE, PTE_U, 1), PT_ERR_ALIGN);
	CHECK_EQ_I64(pt_protect(s.root, UVA, 100, PTE_U, 1), PT_ERR_ALIGN);
	CHECK_EQ_I64(pt_protect(s.root, 0xFFFFFFFFFFFFF000ull, 2 * PAGE_SIZE, PTE_U, 1),
		     PT_ERR_RANGE);
	CHECK_EQ_I64(pt_protect(s.root, 0xFFFF7FFFFFFFF000ull, PAGE_SIZE, PTE_U, 1),
		     PT_ERR_RANGE); /* not canonical */
	CHECK_EQ_I64(pt_protect(s.root, 0x7FFFFFFFF000ull, 2 * PAGE_SIZE, PTE_U, 1), PT_ERR_RANGE);
	CHECK_EQ_U64(pt_entry(s.root, UVA), first);
	space_free(&s);
}

UNIT_TEST(entry_lookup)
{
	struct space s;
	space_init(&s, 16);
	/* Nothing mapped at all. */
	CHECK_EQ_U64(pt_entry(s.root, 0), 0);
	CHECK_EQ_U64(pt_entry(s.root, 0x400000), 0);
	CHECK_EQ_U64(pt_entry(s.root, 0x7FFFFFFFF000ull), 0);

	CHECK_EQ_I64(pt_map(&s.pool, s.root, 0x400000, 0x9000, PAGE_SIZE, PTE_U | PTE_NX, 0), PT_OK);
	CHECK_EQ_U64(pt_entry(s.root, 0x400000), 0x9000 | PTE_P | PTE_U | PTE_NX);
	CHECK_EQ_U64(pt_entry(s.root, 0x400FFF), 0x9000 | PTE_P | PTE_U | PTE_NX); /* any offset */
	CHECK_EQ_U64(pt_entry(s.root, 0x401000), 0); /* same page table, empty entry */
	CHECK_EQ_U64(pt_entry(s.root, 0x3FF000), 0); /* another PDE: no page table */
	CHECK_EQ_U64(pt_entry(s.root, 0x80400000), 0); /* another PDPT entry */

	/* A 2 MiB page: the PDE itself, for any address inside. */
	CHECK_EQ_I64(pt_map(&s.pool, s.root, 0x40000000, 0x80000000, 2 * MiB, PTE_W, 1), PT_OK);
	uint64_t pde = pde_at(s.root, 0x40000000);
	CHECK_EQ_U64(pde, 0x80000000 | PTE_P | PTE_PS | PTE_W);
	CHECK_EQ_U64(pt_entry(s.root, 0x40000000), pde);
	CHECK_EQ_U64(pt_entry(s.root, 0x40123456), pde);
	CHECK_EQ_U64(pt_entry(s.root, 0x401FF000), pde);
	CHECK_EQ_U64(pt_entry(s.root, 0x40200000), 0);
	space_free(&s);
}

/* pt_write_protect: the kernel image's alias in the direct map. */
#define KVA 0xffff800000200000ull
#define KPA 0x20000ull

UNIT_TEST(write_protect_kernel_pages)
{
	struct space s;
	space_init(&s, 16);
	CHECK_EQ_I64(pt_map(&s.pool, s.root, KVA, KPA, 4 * PAGE_SIZE, PTE_W | PTE_NX, 0), PT_OK);
	CHECK_EQ_I64(pt_write_protect(s.root, KVA + PAGE_SIZE, 2 * PAGE_SIZE), PT_OK);
	XLATE(KVA, KPA, PTE_P | PTE_W | PTE_NX, PTE_U);
	XLATE(KVA + 0x1000, KPA + 0x1000, PTE_P | PTE_NX, PTE_W | PTE_U);
	XLATE(KVA + 0x2FFF, KPA + 0x2FFF, PTE_P | PTE_NX, PTE_W | PTE_U);
	XLATE(KVA + 0x3000, KPA + 0x3000, PTE_P | PTE_W | PTE_NX, PTE_U);
	/* Only W goes: the address and the other bits stay. */
	CHECK_EQ_U64(pt_entry(s.root, KVA + 0x1000), (KPA + 0x1000) | PTE_P | PTE_NX);
	/* Again: already read-only is fine. */
	CHECK_EQ_I64(pt_write_protect(s.root, KVA, 4 * PAGE_SIZE), PT_OK);
	XLATE(KVA, KPA, PTE_P | PTE_NX, PTE_W);
	space_free(&s);
}

UNIT_TEST(write_protect_refuses_and_changes_nothing)
{
	struct space s;
	space_init(&s, 16);
	CHECK_EQ_I64(pt_map(&s.pool, s.root, KVA, KPA, 2 * PAGE_SIZE, PTE_W | PTE_NX, 0), PT_OK);
	/* A hole after the two pages: refused, the two pages still writable. */
	CHECK_EQ_I64(pt_write_protect(s.root, KVA, 3 * PAGE_SIZE), PT_ERR_NOTKERNEL);
	XLATE(KVA, KPA, PTE_P | PTE_W, 0);
	XLATE(KVA + 0x1000, KPA + 0x1000, PTE_P | PTE_W, 0);
	/* A user page. */
	CHECK_EQ_I64(pt_map(&s.pool, s.root, UVA, UPA, PAGE_SIZE, PTE_U | PTE_W, 0), PT_OK);
	CHECK_EQ_I64(pt_write_protect(s.root, UVA, PAGE_SIZE), PT_ERR_NOTKERNEL);
	XLATE(UVA, UPA, PTE_P | PTE_U | PTE_W, 0);
	/* A 2 MiB page covering the range. */
	CHECK_EQ_I64(pt_map(&s.pool, s.root, KVA + 2 * MiB, 4 * MiB, 2 * MiB, PTE_W | PTE_NX, 1),
		     PT_OK);
	CHECK_EQ_I64(pt_write_protect(s.root, KVA + 2 * MiB, PAGE_SIZE), PT_ERR_LARGE);
	XLATE(KVA + 2 * MiB, 4 * MiB, PTE_P | PTE_W, 0);
	CHECK_EQ_I64(pt_write_protect(s.root, KVA + 1, PAGE_SIZE), PT_ERR_ALIGN);
	space_free(&s);
}
