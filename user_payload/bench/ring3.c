/*
 * The bench program's calls into ring3's own ABI (docs/abi.md). This file
 * sees only the kernel's header, none of the C library's, so the two
 * sets of names never meet.
 */
#include "core/abi/abi.h"
#include "user_payload/bench/bench.h"

static long raw1(long nr, unsigned long long a0)
{
	long ret;
	__asm__ volatile("syscall" : "=a"(ret) : "a"(nr), "D"(a0) : "rcx", "r11", "memory");
	return ret;
}

int ring3_present(unsigned long long *bench_n)
{
	struct ring3_kinfo k;
	/* Linux has no call 500: -ENOSYS there. */
	if (raw1(SYS_ring3_kinfo, (unsigned long long)&k) != 0)
		return 0;
	*bench_n = k.bench_n;
	return 1;
}

void ring3_report_mode(enum bench_report m)
{
	static const int modes[] = {
		[REPORT_CALLS] = RING3_REPORT_CALLS,
		[REPORT_QUIET] = RING3_REPORT_QUIET,
		[REPORT_QUIET_IRET] = RING3_REPORT_QUIET_IRET,
	};
	raw1(SYS_ring3_report, (unsigned long long)modes[m]);
}
