/* XCR0's components and the task init image. */
#include <string.h>
#include "core/cpu/hw.h"
#include "core/cpu/xstate.h"
#include "unit.h"

UNIT_TEST(xstate_xcr0_by_cpu)
{
	/* x87 only (no SSE reported): still a valid XCR0. */
	CHECK_EQ_U64(xstate_xcr0_choose(0x1), 0x1);
	CHECK_EQ_U64(xstate_xcr0_choose(0x3), 0x3);
	CHECK_EQ_U64(xstate_xcr0_choose(0x7), 0x7);             /* x87 SSE AVX */
	CHECK_EQ_U64(xstate_xcr0_choose(0x207), 0x207);         /* + PKRU */
	CHECK_EQ_U64(xstate_xcr0_choose(0x2e7), 0x2e7);         /* + AVX-512: -cpu max */
	/* MPX (bits 3, 4), PT (8), AMX (17, 18) and other states: never. */
	CHECK_EQ_U64(xstate_xcr0_choose(0x602ff), 0x2e7);
	CHECK_EQ_U64(xstate_xcr0_choose(~0ULL), 0x2e7);
}

UNIT_TEST(xstate_xcr0_dependencies)
{
	/* AVX without SSE, AVX-512 without AVX, or only part of AVX-512:
	 * XSETBV would #GP on any of them. */
	CHECK_EQ_U64(xstate_xcr0_choose(0x5), 0x1);
	CHECK_EQ_U64(xstate_xcr0_choose(0xe3), 0x3);
	CHECK_EQ_U64(xstate_xcr0_choose(0x67), 0x7);
	CHECK_EQ_U64(xstate_xcr0_choose(0xa7), 0x7);
	for (uint64_t s = 0; s < 0x400; s++) {
		uint64_t x = xstate_xcr0_choose(s);
		CHECK(x & XFEATURE_X87);
		CHECK((x & ~s & ~XFEATURE_X87) == 0); /* only what the CPU has */
		CHECK(!(x & XFEATURE_AVX) || (x & XFEATURE_SSE));
		CHECK((x & XFEATURE_AVX512) == 0 ||
		      ((x & XFEATURE_AVX512) == XFEATURE_AVX512 && (x & XFEATURE_AVX)));
	}
}

UNIT_TEST(xstate_init_image)
{
	uint8_t area[FXSAVE_SIZE + XSAVE_HEADER_SIZE + 256];
	memset(area, 0xa5, sizeof(area));
	xstate_init_area(area, sizeof(area));
	CHECK_EQ_U64(area[0] | area[1] << 8, 0x037f);
	CHECK_EQ_U64(area[24] | area[25] << 8 | (uint32_t)area[26] << 16 | (uint32_t)area[27] << 24, 0x1f80);
	int rest_zero = 1;
	for (size_t i = 0; i < sizeof(area); i++)
		if (i >= 2 && (i < 24 || i >= 28) && area[i])
			rest_zero = 0;
	CHECK(rest_zero); /* the header too: XSTATE_BV = 0, every component at init */
}
