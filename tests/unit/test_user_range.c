/*
 * user_range_ok: the only check between a user pointer and kernel memory.
 * The edges matter most: the exact end of the lower half, and wrap-around.
 */
#include "core/entry/user_range.h"
#include "unit.h"

UNIT_TEST(user_range_accepts)
{
	CHECK(user_range_ok(0, 0));
	CHECK(user_range_ok(0, 4096)); /* NULL: mapping is the fault fixup's job */
	CHECK(user_range_ok(0x400000, 0x1000));
	CHECK(user_range_ok(0x7FFFFFFFE000ull, 0x1000));   /* ends exactly at the end */
	CHECK(user_range_ok(0, USER_SPACE_END));           /* the whole lower half */
	CHECK(user_range_ok(USER_SPACE_END - 1, 1));
	/* The last page below 2^47 is not user space (docs/design.md). */
	CHECK_EQ_U64(USER_SPACE_END, 0x7FFFFFFFF000ull);
}

UNIT_TEST(user_range_refuses_past_end)
{
	CHECK(!user_range_ok(0x7FFFFFFFE000ull, 0x1001)); /* one byte past */
	CHECK(!user_range_ok(0x7FFFFFFFF000ull, 1));      /* the top page */
	CHECK(!user_range_ok(USER_SPACE_END, 1));
	CHECK(!user_range_ok(0, USER_SPACE_END + 1));
}

UNIT_TEST(user_range_refuses_wrap)
{
	CHECK(!user_range_ok(UINT64_MAX - 1, 16)); /* end wraps to 14 */
	CHECK(!user_range_ok(0x1000, UINT64_MAX));
	CHECK(!user_range_ok(UINT64_MAX, 1));
}

UNIT_TEST(user_range_refuses_kernel)
{
	CHECK(!user_range_ok(0xFFFF800000000000ull, 1));
	CHECK(!user_range_ok(0xFFFFFFFF80000000ull, 0x1000));
	CHECK(!user_range_ok(0xFFFF800000000000ull, 0)); /* even empty */
	CHECK(!user_range_ok(0x0000900000000000ull, 8)); /* non-canonical */
	CHECK(!user_range_ok(0x400000, 1ull << 62));      /* huge length */
}
