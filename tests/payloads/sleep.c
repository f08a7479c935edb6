/*
 * Time as a program sees it: a 100 ms nanosleep measured with
 * CLOCK_MONOTONIC takes at least 100 ms; clock_nanosleep to an absolute
 * MONOTONIC deadline 50 ms ahead wakes at or after it; sleeping uses
 * (almost) no CPU time; REALTIME, gettimeofday and time agree and are
 * after 2020; bad arguments get Linux's errors (the exit code says which
 * check failed: the same program runs on the host's Linux). Prints what it measured
 * and exits 0 only if every check held (else the number of the first
 * that failed).
 */
#include "user_payload/ulib.h"

static int64_t ns(const struct abi_timespec *t)
{
	return t->tv_sec * 1000000000LL + t->tv_nsec;
}

static int64_t now(int clock)
{
	struct abi_timespec t;
	if (usys2(SYS_clock_gettime, clock, &t))
		return -1;
	return ns(&t);
}

int main(void)
{
	int64_t cpu0 = now(CLOCK_PROCESS_CPUTIME_ID), t0 = now(CLOCK_MONOTONIC);
	struct abi_timespec req = { 0, 100000000 };
	if (usys2(SYS_nanosleep, &req, 0))
		return 1;
	int64_t t1 = now(CLOCK_MONOTONIC);
	uprintf("sleep: nanosleep 100 ms took %lld us\n", (long long)(t1 - t0) / 1000);
	if (t1 - t0 < 100000000)
		return 2;

	struct abi_timespec at = { 0, 0 };
	int64_t deadline = t1 + 50000000;
	at.tv_sec = deadline / 1000000000;
	at.tv_nsec = deadline % 1000000000;
	if (usys4(SYS_clock_nanosleep, CLOCK_MONOTONIC, TIMER_ABSTIME, &at, 0))
		return 3;
	int64_t t2 = now(CLOCK_MONOTONIC);
	uprintf("sleep: clock_nanosleep to +50 ms woke %lld us after the deadline\n",
		(long long)(t2 - deadline) / 1000);
	if (t2 < deadline)
		return 4;

	int64_t cpu = now(CLOCK_PROCESS_CPUTIME_ID) - cpu0;
	uprintf("sleep: CPU time while sleeping 150 ms: %lld us\n", (long long)cpu / 1000);
	if (cpu < 0 || cpu > 50000000)
		return 5;

	int64_t real = now(CLOCK_REALTIME);
	struct abi_timeval tv;
	if (usys2(SYS_gettimeofday, &tv, 0))
		return 6;
	int64_t secs = usys1(SYS_time, 0);
	uprintf("sleep: realtime %lld s, gettimeofday %lld s, time %lld s\n",
		(long long)(real / 1000000000), (long long)tv.tv_sec, (long long)secs);
	if (real / 1000000000 < 1577836800 /* 2020-01-01 */ || tv.tv_sec < real / 1000000000 ||
	    tv.tv_sec > real / 1000000000 + 2 || secs < tv.tv_sec || secs > tv.tv_sec + 2)
		return 7;

	struct abi_timespec bad = { 0, 1000000000 }, neg = { -1, 0 }, zero = { 0, 0 };
	if (usys2(SYS_nanosleep, &bad, 0) != -EINVAL)
		return 8;
	if (usys2(SYS_nanosleep, &neg, 0) != -EINVAL)
		return 9;
	if (usys2(SYS_nanosleep, 0, 0) != -EFAULT)
		return 10;
	if (usys2(SYS_clock_gettime, 99, &req) != -EINVAL)
		return 11;
	/* Flag bits other than TIMER_ABSTIME are ignored, as Linux does. */
	if (usys4(SYS_clock_nanosleep, CLOCK_MONOTONIC, 2, &zero, 0) != 0)
		return 12;
	/* The clock is checked before the timespec; some cannot be slept on. */
	if (usys4(SYS_clock_nanosleep, 99, 0, 0, 0) != -EINVAL)
		return 13;
	if (usys4(SYS_clock_nanosleep, CLOCK_THREAD_CPUTIME_ID, 0, &zero, 0) != -EOPNOTSUPP)
		return 14;
	if (usys4(SYS_clock_nanosleep, CLOCK_MONOTONIC_RAW, 0, &zero, 0) != -EOPNOTSUPP)
		return 15;
	/* Clock ids are ints: the upper half of the register does not count. */
	if (usys2(SYS_clock_gettime, 0x100000000ULL | CLOCK_MONOTONIC, &req) != 0)
		return 16;
	uprintf("sleep: done\n");
	return 0;
}
