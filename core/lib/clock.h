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

/* The 32.32 fixed-point nanoseconds per tick, for a clock of hz ticks per
 * second (at least 1, at most 2^34: 17 GHz). */
uint64_t clock_ns_per_tick_q32(uint64_t hz);
/* ticks * ns_per_tick_q32 >> 32, without overflow for any 64-bit ticks. */
uint64_t clock_ticks_to_ns(uint64_t ticks, uint64_t ns_per_tick_q32);
/* The inverse for a clock of hz ticks per second, rounded up (a sleep is
 * never cut short by the conversion), saturating. */
uint64_t clock_ns_to_ticks(uint64_t ns, uint64_t hz);

/* A timespec as Linux accepts it for nanosleep: 0 <= sec, 0 <= nsec < 1e9. */
int clock_timespec_ok(int64_t sec, int64_t nsec);

#endif
