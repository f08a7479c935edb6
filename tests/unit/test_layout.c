/*
 * The user address-space layout: region sizing for a payload file, and
 * that the user window and stack fit in the lower half without touching.
 */
#include "core/abi/layout.h"
#include "unit.h"

#define KiB 1024ull
#define MiB (1024ull * KiB)

UNIT_TEST(layout_region_size)
{
	CHECK_EQ_U64(layout_user_region_size(0), 1 * MiB);     /* the minimum */
	CHECK_EQ_U64(layout_user_region_size(1), 1 * MiB);
	CHECK_EQ_U64(layout_user_region_size(4097), 1 * MiB);
	/* Exactly at the minimum: 768 KiB file + 256 KiB slack. */
	CHECK_EQ_U64(layout_user_region_size(768 * KiB), 1 * MiB);
	/* One byte more rounds up a whole page. */
	CHECK_EQ_U64(layout_user_region_size(768 * KiB + 1), 1 * MiB + 4 * KiB);
	CHECK_EQ_U64(layout_user_region_size(1 * MiB), 1 * MiB + 256 * KiB);
	CHECK_EQ_U64(layout_user_region_size(1 * MiB + 1), 1 * MiB + 260 * KiB);
	CHECK_EQ_U64(layout_user_region_size(16 * MiB), 16 * MiB + 256 * KiB);
}

UNIT_TEST(layout_region_size_is_page_multiple)
{
	for (uint64_t size = 0; size < 2 * MiB; size += 4093) {
		uint64_t r = layout_user_region_size(size);
		CHECK_EQ_U64(r % PAGE_SIZE, 0);
		CHECK(r >= size + USER_REGION_SLACK);
		CHECK(r <= size + USER_REGION_SLACK + PAGE_SIZE || r == USER_REGION_MIN);
	}
}

UNIT_TEST(layout_stack)
{
	CHECK_EQ_U64(USER_STACK_TOP % 16, 0); /* the SysV ABI's entry alignment */
	CHECK_EQ_U64(USER_STACK_TOP % PAGE_SIZE, 0);
	CHECK_EQ_U64(USER_STACK_BASE % PAGE_SIZE, 0);
	CHECK(USER_STACK_TOP <= USER_SPACE_END);
	/* mmap places nothing between the stack's guard page and the stack. */
	CHECK(USER_MMAP_TOP < USER_STACK_BASE - PAGE_SIZE);
}

UNIT_TEST(layout_user_space)
{
	CHECK_EQ_U64(USER_BASE % PAGE_SIZE, 0);
	CHECK(USER_BASE >= USER_MMAP_MIN_ADDR); /* page 0 stays unmapped: NULL faults */
	/* The top page below 2^47 is never user space (docs/design.md). */
	CHECK_EQ_U64(USER_SPACE_END, 0x7FFFFFFFF000ull);
	CHECK(USER_MMAP_LOW < USER_MMAP_TOP);
}
