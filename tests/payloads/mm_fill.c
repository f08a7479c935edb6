/*
 * Map and touch memory, 1 MiB at a time, until mmap says -ENOMEM; print
 * how much it got. Run many times in one boot: every run must get the
 * same amount, which holds only if each task's memory, page tables
 * included, comes back when it ends.
 */
#include "user_payload/ulib.h"

#define CHUNK (1ULL << 20)

int main(void)
{
	uint64_t got = 0;
	int64_t r;
	for (;;) {
		r = usys6(SYS_mmap, 0, CHUNK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			  (uint64_t)-1, 0);
		if (r < 0)
			break;
		for (uint64_t off = 0; off < CHUNK; off += 4096)
			((volatile uint8_t *)r)[off] = 1;
		got++;
	}
	uprintf("mm_fill: %llu MiB, then %lld\n", (unsigned long long)got, (long long)r);
	return r == -ENOMEM ? 0 : 1;
}
