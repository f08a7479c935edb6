/*
 * nospec_mask(index, size): all ones when index < size (unsigned), else 0.
 * Checked with constant arguments (the compiler may pass size as an
 * immediate) and through volatile variables (both in registers).
 */
#include <stdint.h>
#include "core/entry/nospec.h"
#include "unit.h"

#define ONES UINT64_MAX
#define TOP (UINT64_C(1) << 63)

static uint64_t mask_rt(uint64_t index, uint64_t size)
{
	volatile uint64_t i = index, n = size;
	return nospec_mask(i, n);
}

UNIT_TEST(nospec_size_512)
{
	CHECK_EQ_U64(nospec_mask(0, 512), ONES);
	CHECK_EQ_U64(nospec_mask(1, 512), ONES);
	CHECK_EQ_U64(nospec_mask(511, 512), ONES);
	CHECK_EQ_U64(nospec_mask(512, 512), 0);
	CHECK_EQ_U64(nospec_mask(513, 512), 0);
	CHECK_EQ_U64(nospec_mask(UINT64_MAX, 512), 0);
	CHECK_EQ_U64(nospec_mask(TOP, 512), 0);
	CHECK_EQ_U64(nospec_mask(TOP - 1, 512), 0);
	CHECK_EQ_U64(nospec_mask(UINT64_C(1) << 32, 512), 0);
	CHECK_EQ_U64(nospec_mask((UINT64_C(1) << 32) + 1, 512), 0); /* low bits < size */

	CHECK_EQ_U64(mask_rt(0, 512), ONES);
	CHECK_EQ_U64(mask_rt(511, 512), ONES);
	CHECK_EQ_U64(mask_rt(512, 512), 0);
	CHECK_EQ_U64(mask_rt(UINT64_MAX, 512), 0);
	CHECK_EQ_U64(mask_rt(TOP, 512), 0);
}

UNIT_TEST(nospec_size_1)
{
	CHECK_EQ_U64(nospec_mask(0, 1), ONES);
	CHECK_EQ_U64(nospec_mask(1, 1), 0);
	CHECK_EQ_U64(nospec_mask(2, 1), 0);
	CHECK_EQ_U64(nospec_mask(UINT64_MAX, 1), 0);
	CHECK_EQ_U64(nospec_mask(TOP, 1), 0);
	CHECK_EQ_U64(mask_rt(0, 1), ONES);
	CHECK_EQ_U64(mask_rt(1, 1), 0);
	CHECK_EQ_U64(mask_rt(UINT64_MAX, 1), 0);
	CHECK_EQ_U64(mask_rt(TOP, 1), 0);
}

UNIT_TEST(nospec_edges)
{
	/* Size 0: nothing is in range. */
	CHECK_EQ_U64(nospec_mask(0, 0), 0);
	CHECK_EQ_U64(mask_rt(0, 0), 0);
	CHECK_EQ_U64(mask_rt(UINT64_MAX, 0), 0);
	/* Huge sizes: the comparison is unsigned, not signed. */
	CHECK_EQ_U64(nospec_mask(TOP - 1, TOP), ONES);
	CHECK_EQ_U64(nospec_mask(TOP, TOP), 0);
	CHECK_EQ_U64(nospec_mask(0, TOP), ONES);
	CHECK_EQ_U64(nospec_mask(TOP, TOP + 1), ONES);
	CHECK_EQ_U64(nospec_mask(UINT64_MAX - 1, UINT64_MAX), ONES);
	CHECK_EQ_U64(nospec_mask(UINT64_MAX, UINT64_MAX), 0);
	CHECK_EQ_U64(mask_rt(TOP - 1, TOP), ONES);
	CHECK_EQ_U64(mask_rt(TOP, TOP), 0);
	CHECK_EQ_U64(mask_rt(UINT64_MAX - 1, UINT64_MAX), ONES);
	CHECK_EQ_U64(mask_rt(UINT64_MAX, UINT64_MAX), 0);
	/* Sizes that do not fit a sign-extended 32-bit immediate. */
	CHECK_EQ_U64(nospec_mask(0x80000000u, 0x80000001u), ONES);
	CHECK_EQ_U64(nospec_mask(0x80000001u, 0x80000001u), 0);
	CHECK_EQ_U64(nospec_mask(0xFFFFFFFFu, UINT64_C(0x100000000)), ONES);
	CHECK_EQ_U64(nospec_mask(UINT64_C(0x100000000), UINT64_C(0x100000000)), 0);
	/* A sweep around size 512. */
	for (uint64_t i = 0; i < 1024; i++)
		if (!CHECK_EQ_U64(mask_rt(i, 512), i < 512 ? ONES : 0))
			break;
}
