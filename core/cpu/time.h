/* Time for waits and time-outs: the TSC, calibrated once against the PIT. */
#ifndef CORE_TIME_H
#define CORE_TIME_H

#include <stdint.h>

/* Measure TSC ticks per microsecond over 10 ms of PIT channel 2. Once, on
 * the BSP, before any time-out. Returns ticks per microsecond. */
uint64_t time_calibrate(void);
uint64_t time_now_us(void);
/* TSC ticks per microsecond, and per second (after time_calibrate, else
 * a fallback). */
uint64_t time_tsc_per_us(void);
uint64_t time_tsc_hz(void);
void time_delay_us(uint64_t us);

#endif
