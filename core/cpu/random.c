/* Random bytes (contract in random.h). */
#include "core/cpu/random.h"
#include "core/cpu/cpu.h"
#include "core/cpu/hw.h"

/* One 64-bit value: RDRAND (retried, as Intel advises), else splitmix64
 * over the TSC and a counter. */
static uint64_t random_u64(int rdrand)
{
	static uint64_t counter;
	uint64_t v = 0;
	uint8_t ok = 0;
	for (int tries = 0; rdrand && !ok && tries < 10; tries++)
		__asm__ volatile("rdrand %0; setc %1" : "=r"(v), "=qm"(ok));
	if (ok)
		return v;
	v = cpu_rdtsc() + 0x9e3779b97f4a7c15ULL * __atomic_add_fetch(&counter, 1, __ATOMIC_RELAXED);
	v = (v ^ (v >> 30)) * 0xbf58476d1ce4e5b9ULL;
	v = (v ^ (v >> 27)) * 0x94d049bb133111ebULL;
	return v ^ (v >> 31);
}

void random_bytes(void *out, uint64_t n)
{
	uint32_t r[4];
	cpu_cpuid(CPUID_LEAF_FEATURES, 0, r);
	int rdrand = !!(r[2] & CPUID_1_ECX_RDRAND);
	uint8_t *p = out;
	while (n) {
		uint64_t v = random_u64(rdrand);
		for (int i = 0; i < 8 && n; i++, n--)
			*p++ = (uint8_t)(v >> (8 * i));
	}
}
