/* pure, loader: Time arithmetic (see clock.h). */
#include "core/lib/clock.h"

int64_t clock_unix_seconds(uint32_t year, uint32_t month, uint32_t day, uint32_t hour,
			   uint32_t minute, uint32_t second)
{
	/* Days since 1970-01-01 of a civil date: count years from March,
	 * so the leap day ends a year, in 400-year eras of 146097 days. */
	int64_t y = (int64_t)year - (month <= 2);
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;                                     /* 0..399 */
	int64_t mp = month > 2 ? month - 3 : month + 9;                  /* March = 0 */
	int64_t doy = (153 * mp + 2) / 5 + (int64_t)day - 1;             /* 0..365 */
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;             /* 0..146096 */
	int64_t days = era * 146097 + doe - 719468;                      /* 0000-03-01 to 1970-01-01 */
	return days * 86400 + (int64_t)hour * 3600 + (int64_t)minute * 60 + second;
}

uint64_t clock_ns_per_tick_q32(uint64_t hz)
{
	return ((uint64_t)NSEC_PER_SEC << 32) / (hz ? hz : 1);
}

uint64_t clock_ticks_to_ns(uint64_t ticks, uint64_t ns_per_tick_q32)
{
	return (uint64_t)((unsigned __int128)ticks * ns_per_tick_q32 >> 32);
}

uint64_t clock_ns_to_ticks(uint64_t ns, uint64_t hz)
{
	/* Whole seconds, then the rest rounded up: no 128-bit division (the
	 * kernel has no libgcc); the rest times hz stays below 2^63. */
	uint64_t s = ns / NSEC_PER_SEC, rest = ns % NSEC_PER_SEC;
	uint64_t whole, part = (rest * hz + NSEC_PER_SEC - 1) / NSEC_PER_SEC, t;
	if (__builtin_mul_overflow(s, hz, &whole) || __builtin_add_overflow(whole, part, &t))
		return UINT64_MAX;
	return t;
}

int clock_timespec_ok(int64_t sec, int64_t nsec)
{
	return sec >= 0 && nsec >= 0 && nsec < NSEC_PER_SEC;
}
