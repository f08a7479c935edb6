/* Calendar and tick arithmetic, checked against the C library. */
#define _DEFAULT_SOURCE
#include <time.h>
#include "core/lib/clock.h"
#include "unit.h"

UNIT_TEST(clock_unix_known_dates)
{
	CHECK_EQ_I64(clock_unix_seconds(1970, 1, 1, 0, 0, 0), 0);
	CHECK_EQ_I64(clock_unix_seconds(2000, 3, 1, 0, 0, 0), 951868800);
	CHECK_EQ_I64(clock_unix_seconds(2038, 1, 19, 3, 14, 8), 2147483648LL);
	CHECK_EQ_I64(clock_unix_seconds(1969, 12, 31, 23, 59, 59), -1);
	CHECK_EQ_I64(clock_unix_seconds(2026, 11, 30, 12, 0, 0), 1796040000LL);
}

UNIT_TEST(clock_unix_matches_timegm)
{
	/* Every day of 1900..2199 at a few times: leap years, centuries. */
	for (int year = 1900; year < 2200; year++)
		for (int month = 1; month <= 12; month++)
			for (int day = 1; day <= 28; day += 9) {
				struct tm tm = { .tm_year = year - 1900, .tm_mon = month - 1,
						 .tm_mday = day, .tm_hour = 23, .tm_min = 59,
						 .tm_sec = 58 };
				CHECK_EQ_I64(clock_unix_seconds(year, month, day, 23, 59, 58),
					     timegm(&tm));
			}
	struct tm feb29 = { .tm_year = 2024 - 1900, .tm_mon = 1, .tm_mday = 29 };
	CHECK_EQ_I64(clock_unix_seconds(2024, 2, 29, 0, 0, 0), timegm(&feb29));
}

UNIT_TEST(clock_ticks_and_ns)
{
	const uint64_t hz = 2600000000ULL; /* 2.6 GHz */
	uint64_t q = clock_ns_per_tick_q32(hz);
	CHECK_EQ_U64(clock_ticks_to_ns(2600, q), 999); /* 1 us, rounded down */
	CHECK_EQ_U64(clock_ticks_to_ns(2600000000ULL, q) / 1000000, 999);
	CHECK_EQ_U64(clock_ticks_to_ns(0, q), 0);
	CHECK(clock_ticks_to_ns(UINT64_MAX, q) > 7000000000000000000ULL); /* no wrap */
	CHECK_EQ_U64(clock_ns_to_ticks(1000, hz), 2600);
	CHECK_EQ_U64(clock_ns_to_ticks(1, hz), 3);                        /* rounded up */
	CHECK_EQ_U64(clock_ns_to_ticks(100000000, hz), 260000000);
	CHECK_EQ_U64(clock_ns_to_ticks(UINT64_MAX, 4000000000ULL), UINT64_MAX); /* saturates */
	/* A rate that is no whole number of ticks per microsecond: the
	 * conversion keeps the fraction (2.6045 GHz, not 2604 per us). */
	CHECK_EQ_U64(clock_ns_to_ticks(NSEC_PER_SEC, 2604500000ULL), 2604500000ULL);
	CHECK_EQ_U64(clock_ticks_to_ns(2604500000ULL, clock_ns_per_tick_q32(2604500000ULL)) / 1000,
		     999999);
	uint64_t one = clock_ns_per_tick_q32(1000000);
	CHECK_EQ_U64(clock_ticks_to_ns(5, one), 5000);
}

UNIT_TEST(clock_timespec_rules)
{
	CHECK(clock_timespec_ok(0, 0));
	CHECK(clock_timespec_ok(0, 999999999));
	CHECK(!clock_timespec_ok(0, 1000000000));
	CHECK(!clock_timespec_ok(-1, 0));
	CHECK(!clock_timespec_ok(0, -1));
	CHECK(clock_timespec_ok(INT64_MAX, 0));
}
