/*
 * Time arithmetic (pure): calendar dates to Unix time, TSC ticks to
 * nanoseconds, and the checks Linux applies to a struct timespec.
 */
#ifndef CORE_CLOCK_H
#define CORE_CLOCK_H

#include <stdint.h>

#define NSEC_PER_SEC 1000000000LL

/* Seconds since 1970-01-01 00:00:00 UTC of a proleptic Gregorian date
 * and time (month 1-12, day 1-31); valid for years 1 to 9999. */
int64_t clock_unix_seconds(uint32_t year, uint32_t month, uint32_t day, uint32_t hour,
			   uint32_t minute, uint32_t second);

/* The 32.32 fixed-point nanoseconds per tick, for a clock of per_us
 * ticks per microsecond (at least 1). */
uint64_t clock_ns_per_tick_q32(uint64_t per_us);
/* ticks * ns_per_tick_q32 >> 32, without overflow for any 64-bit ticks. */
uint64_t clock_ticks_to_ns(uint64_t ticks, uint64_t ns_per_tick_q32);
/* The inverse, rounded up (a sleep is never cut short), saturating. */
uint64_t clock_ns_to_ticks(uint64_t ns, uint64_t per_us);

/* A timespec as Linux accepts it for nanosleep: 0 <= sec, 0 <= nsec < 1e9. */
int clock_timespec_ok(int64_t sec, int64_t nsec);

#endif
