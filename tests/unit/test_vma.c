/*
 * Mapping lists: the bookkeeping behind mmap, munmap, mprotect and brk.
 * Each case is one Linux behaviour: replacing, splitting, merging, holes,
 * top-down placement, and refusing (changing nothing) when full.
 */
#include "core/mm/vma.h"
#include <stdio.h>
#include "unit.h"

#define P 0x1000ull

struct list {
	struct vma store[8];
	struct vma_list l;
};

static void list_init(struct list *x, uint32_t max)
{
	x->l = (struct vma_list){ .count = 0, .max = max, .v = x->store };
}

/* The list as "start-end:prot ..." in pages, for one-line comparisons. */
static const char *shape(const struct vma_list *l)
{
	static char buf[256];
	unsigned n = 0;
	buf[0] = 0;
	for (uint32_t i = 0; i < l->count && n < sizeof(buf) - 32; i++)
		n += (unsigned)snprintf(buf + n, sizeof(buf) - n, "%s%llu-%llu:%llu", i ? " " : "",
					(unsigned long long)(l->v[i].start / P),
					(unsigned long long)(l->v[i].end / P),
					(unsigned long long)l->v[i].prot);
	return buf;
}

UNIT_TEST(vma_set_and_replace)
{
	struct list x;
	list_init(&x, 8);
	CHECK_EQ_I64(vma_set(&x.l, 10 * P, 20 * P, 3, 0), 0);
	CHECK_EQ_I64(vma_set(&x.l, 30 * P, 40 * P, 3, 0), 0);
	CHECK_STR(shape(&x.l), "10-20:3 30-40:3");
	/* MAP_FIXED over the middle of one: it is cut around the new one. */
	CHECK_EQ_I64(vma_set(&x.l, 12 * P, 14 * P, 1, 0), 0);
	CHECK_STR(shape(&x.l), "10-12:3 12-14:1 14-20:3 30-40:3");
	/* Over two mappings and the hole between them. */
	CHECK_EQ_I64(vma_set(&x.l, 18 * P, 32 * P, 0, 0), 0);
	CHECK_STR(shape(&x.l), "10-12:3 12-14:1 14-18:3 18-32:0 32-40:3");
	/* Same protection again: neighbours merge back into one. */
	CHECK_EQ_I64(vma_set(&x.l, 12 * P, 14 * P, 3, 0), 0);
	CHECK_STR(shape(&x.l), "10-18:3 18-32:0 32-40:3");
	CHECK_EQ_I64(vma_set(&x.l, 18 * P, 32 * P, 3, 0), 0);
	CHECK_STR(shape(&x.l), "10-40:3");
	/* Before everything, and adjacent with another protection. */
	CHECK_EQ_I64(vma_set(&x.l, 5 * P, 10 * P, 7, 0), 0);
	CHECK_STR(shape(&x.l), "5-10:7 10-40:3");
}

UNIT_TEST(vma_clear_splits)
{
	struct list x;
	list_init(&x, 8);
	vma_set(&x.l, 10 * P, 20 * P, 3, 0);
	CHECK_EQ_I64(vma_clear(&x.l, 12 * P, 14 * P, 0), 0);
	CHECK_STR(shape(&x.l), "10-12:3 14-20:3");
	CHECK_EQ_I64(vma_clear(&x.l, 0, 11 * P, 0), 0);
	CHECK_STR(shape(&x.l), "11-12:3 14-20:3");
	CHECK_EQ_I64(vma_clear(&x.l, 30 * P, 40 * P, 0), 0); /* nothing there: fine */
	CHECK_STR(shape(&x.l), "11-12:3 14-20:3");
	CHECK_EQ_I64(vma_clear(&x.l, 0, 100 * P, 0), 0);
	CHECK_EQ_U64(x.l.count, 0);
}

UNIT_TEST(vma_full_changes_nothing)
{
	struct list x;
	list_init(&x, 2);
	vma_set(&x.l, 10 * P, 20 * P, 3, 0);
	vma_set(&x.l, 30 * P, 40 * P, 1, 0);
	/* A split would need a third entry: refused, list untouched. */
	CHECK_EQ_I64(vma_clear(&x.l, 12 * P, 14 * P, 0), -1);
	CHECK_EQ_I64(vma_set(&x.l, 12 * P, 14 * P, 1, 0), -1);
	CHECK_EQ_I64(vma_set(&x.l, 50 * P, 60 * P, 1, 1), -1);
	CHECK_STR(shape(&x.l), "10-20:3 30-40:1");
	/* A dry run that fits changes nothing either. */
	CHECK_EQ_I64(vma_set(&x.l, 10 * P, 40 * P, 3, 1), 0);
	CHECK_STR(shape(&x.l), "10-20:3 30-40:1");
	/* Merging keeps the count down, so this one fits. */
	CHECK_EQ_I64(vma_set(&x.l, 20 * P, 30 * P, 3, 0), 0);
	CHECK_STR(shape(&x.l), "10-30:3 30-40:1");
}

UNIT_TEST(vma_overlaps_and_covers)
{
	struct list x;
	list_init(&x, 8);
	vma_set(&x.l, 10 * P, 20 * P, 3, 0);
	vma_set(&x.l, 20 * P, 25 * P, 1, 0);
	vma_set(&x.l, 30 * P, 40 * P, 3, 0);
	CHECK(vma_overlaps(&x.l, 19 * P, 21 * P));
	CHECK(!vma_overlaps(&x.l, 25 * P, 30 * P));
	CHECK(!vma_overlaps(&x.l, 0, 10 * P));
	CHECK(vma_covers(&x.l, 10 * P, 25 * P)); /* two mappings, no hole */
	CHECK(!vma_covers(&x.l, 10 * P, 31 * P)); /* the hole at 25-30 */
	CHECK(!vma_covers(&x.l, 9 * P, 12 * P));
	CHECK(vma_covers(&x.l, 35 * P, 40 * P));
	CHECK(!vma_covers(&x.l, 35 * P, 41 * P));
}

UNIT_TEST(vma_find_free_top_down)
{
	struct list x;
	list_init(&x, 8);
	CHECK_EQ_U64(vma_find_free(&x.l, 10 * P, 100 * P, 5 * P), 95 * P);
	vma_set(&x.l, 90 * P, 100 * P, 3, 0);
	vma_set(&x.l, 50 * P, 87 * P, 3, 0);
	CHECK_EQ_U64(vma_find_free(&x.l, 10 * P, 100 * P, 3 * P), 87 * P); /* the gap fits exactly */
	CHECK_EQ_U64(vma_find_free(&x.l, 10 * P, 100 * P, 4 * P), 46 * P);
	CHECK_EQ_U64(vma_find_free(&x.l, 10 * P, 100 * P, 41 * P), 0); /* nowhere */
	CHECK_EQ_U64(vma_find_free(&x.l, 10 * P, 100 * P, 40 * P), 10 * P);
	/* Mappings outside [lo, hi) do not count, nor gaps beyond it. */
	CHECK_EQ_U64(vma_find_free(&x.l, 60 * P, 89 * P, 2 * P), 87 * P);
}
