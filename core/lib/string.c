/* Memory fills and copies with REP string instructions: one instruction
 * per call however long the range, which keeps page zeroing and payload
 * copies cheap under icount. DF is clear in the kernel (SFMASK, trap entry). */
#include "core/lib/string.h"
#include <stdint.h>

/* Whole quadwords where both ends allow it: pages are zeroed and payloads
 * copied 8 bytes per step (under icount each step counts). */
static int quad_aligned(uintptr_t a, uintptr_t b, size_t n)
{
	return ((a | b | n) & 7) == 0;
}

void *memset(void *dst, int c, size_t n)
{
	void *d = dst;
	if (quad_aligned((uintptr_t)dst, 0, n)) {
		uint64_t q = 0x0101010101010101ULL * (uint8_t)c;
		n /= 8;
		__asm__ volatile("rep stosq" : "+D"(d), "+c"(n) : "a"(q) : "memory");
	} else {
		__asm__ volatile("rep stosb" : "+D"(d), "+c"(n) : "a"(c) : "memory");
	}
	return dst;
}

void *memcpy(void *dst, const void *src, size_t n)
{
	void *d = dst;
	if (quad_aligned((uintptr_t)dst, (uintptr_t)src, n)) {
		n /= 8;
		__asm__ volatile("rep movsq" : "+D"(d), "+S"(src), "+c"(n) : : "memory");
	} else {
		__asm__ volatile("rep movsb" : "+D"(d), "+S"(src), "+c"(n) : : "memory");
	}
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	if ((uintptr_t)dst <= (uintptr_t)src || (uintptr_t)dst >= (uintptr_t)src + n)
		return memcpy(dst, src, n);
	/* Overlapping, destination above: copy backwards. */
	const uint8_t *s = (const uint8_t *)src + n - 1;
	uint8_t *d = (uint8_t *)dst + n - 1;
	__asm__ volatile("std\n\trep movsb\n\tcld" : "+D"(d), "+S"(s), "+c"(n) : : "memory");
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const uint8_t *x = a, *y = b;
	for (size_t i = 0; i < n; i++)
		if (x[i] != y[i])
			return x[i] < y[i] ? -1 : 1;
	return 0;
}

size_t strlen(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}
