/*
 * A report that never pauses: numbered lines, each a write(2) and so a
 * SYSCALL line too, for CHATTER_NS of CLOCK_MONOTONIC, then exit 0. The
 * numbers let a reader of the serial line tell exactly which lines
 * arrived: with a terminal that stops reading, none may go missing
 * silently.
 */
#include "user_payload/ulib.h"

#define CHATTER_NS 6000000000LL

static int64_t now(void)
{
	struct abi_timespec t;
	usys2(SYS_clock_gettime, CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000000000LL + t.tv_nsec;
}

int main(void)
{
	int64_t t0 = now();
	uint64_t n = 0;
	while (now() - t0 < CHATTER_NS)
		uprintf("chatter: line %llu\n", (unsigned long long)n++);
	uprintf("chatter: %llu lines\n", (unsigned long long)n);
	return 0;
}
