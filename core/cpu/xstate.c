/* pure: Extended state: XCR0 and the init image (see xstate.h). */
#include "core/cpu/xstate.h"
#include "core/cpu/hw.h"
#include "core/lib/string.h"

uint64_t xstate_xcr0_choose(uint64_t supported)
{
	uint64_t x = XFEATURE_X87;
	if (supported & XFEATURE_SSE)
		x |= XFEATURE_SSE;
	if ((x & XFEATURE_SSE) && (supported & XFEATURE_AVX))
		x |= XFEATURE_AVX;
	if ((x & XFEATURE_AVX) && (supported & XFEATURE_AVX512) == XFEATURE_AVX512)
		x |= XFEATURE_AVX512;
	if (supported & XFEATURE_PKRU)
		x |= XFEATURE_PKRU;
	return x;
}

void xstate_init_area(void *area, size_t size)
{
	uint8_t *a = area;
	memset(a, 0, size);
	uint16_t fcw = FCW_INIT;
	uint32_t mxcsr = MXCSR_INIT;
	memcpy(a + FXSAVE_FCW_OFF, &fcw, sizeof(fcw));
	memcpy(a + FXSAVE_MXCSR_OFF, &mxcsr, sizeof(mxcsr));
}
