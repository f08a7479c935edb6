/*
 * Map and touch memory, 1 MiB at a time, until mmap says -ENOMEM; print
 * how much it got. Run many times in one boot: every run must get the
 * same amount, which holds only if each task's memory, page tables
 * included, comes back when it ends.
 *
 * Around the fill, the case that once leaked: a MAP_FIXED page at
 * MARK_AT, written, before the failing mmap. The failed call must leave
 * nothing where its pages would have gone (just below the lowest chunk,
 * the allocator works top-down), and the next run on the CPU must find
 * MARK_AT unmapped in its fresh address space. Probes use fd 3, which
 * copies in and discards: -EFAULT where nothing is mapped, never a fault.
 */
#include "user_payload/ulib.h"

#define CHUNK   (1ULL << 20)
#define MARK_AT 0x7f0000001000ULL

static int64_t probe(uint64_t p)
{
	return usys3(SYS_write, 3, p, 1);
}

int main(void)
{
	int64_t fresh = probe(MARK_AT);
	int64_t r = usys6(SYS_mmap, MARK_AT, 4096, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, (uint64_t)-1, 0);
	if (r != (int64_t)MARK_AT)
		return 2;
	*(volatile uint8_t *)MARK_AT = 0x5a;

	uint64_t got = 0, lowest = MARK_AT;
	for (;;) {
		r = usys6(SYS_mmap, 0, CHUNK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			  (uint64_t)-1, 0);
		if (r < 0)
			break;
		for (uint64_t off = 0; off < CHUNK; off += 4096)
			((volatile uint8_t *)r)[off] = 1;
		if ((uint64_t)r < lowest)
			lowest = (uint64_t)r;
		got++;
	}
	int64_t below_top = probe(lowest - 4096), below_bottom = probe(lowest - CHUNK);
	uprintf("mm_fill: %llu MiB, then %lld; below it %lld %lld; fresh %lld\n", (unsigned long long)got,
		(long long)r, (long long)below_top, (long long)below_bottom, (long long)fresh);
	return r == -ENOMEM ? 0 : 1;
}
