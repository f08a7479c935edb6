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
	CHECK_EQ_U64(layout_user_region_size(PAYLOAD_MAX_SIZE), 16 * MiB + 256 * KiB);
	CHECK_EQ_U64(layout_user_region_size(PAYLOAD_MAX_SIZE), USER_REGION_MAX);
}

UNIT_TEST(layout_region_size_is_page_multiple)
{
	for (uint64_t size = 0; size < 2 * MiB; size += 4093) {
		uint64_t r = layout_user_region_size(size);
		CHECK_EQ_U64(r % PAGE_SIZE, 0);
		CHECK(r >= size + USER_REGION_SLACK);
		CHECK(r <= USER_REGION_MAX);
	}
}

UNIT_TEST(layout_stack)
{
	CHECK_EQ_U64(USER_STACK_TOP % 16, 0); /* the SysV ABI's entry alignment */
	CHECK_EQ_U64(USER_STACK_TOP % PAGE_SIZE, 0);
	CHECK_EQ_U64(USER_STACK_BASE % PAGE_SIZE, 0);
	CHECK(USER_STACK_TOP <= USER_SPACE_END);
	/* A guard page below the stack must still be user space. */
	CHECK(USER_STACK_BASE - PAGE_SIZE >= USER_WINDOW_END);
}

UNIT_TEST(layout_window)
{
	CHECK_EQ_U64(USER_BASE % PAGE_SIZE, 0);
	CHECK_EQ_U64(USER_WINDOW_END, USER_BASE + 16 * MiB + 256 * KiB);
	CHECK(USER_WINDOW_END < USER_STACK_BASE); /* window and stack apart */
	CHECK(USER_WINDOW_END <= USER_SPACE_END);
	CHECK(USER_BASE > 0); /* page 0 stays unmapped: NULL faults */
}
