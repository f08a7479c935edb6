/* TSC time base calibrated with the PIT (see time.h). */
#include "core/cpu/time.h"
#include "core/cpu/cpu.h"
#include "core/cpu/hw.h"

/* Used when the PIT does not answer: errs towards long waits. */
#define TSC_PER_US_FALLBACK 4000
#define CALIBRATE_US 10000

static uint64_t tsc_per_us = TSC_PER_US_FALLBACK;
static uint64_t tsc_hz = TSC_PER_US_FALLBACK * 1000000ULL;

/* Busy-wait on PIT channel 2 for count ticks; 0 if OUT2 never rose. */
static int pit_wait(uint16_t count)
{
	uint8_t gate = cpu_inb(PIT_CH2_GATE_PORT);
	cpu_outb(PIT_CH2_GATE_PORT, (uint8_t)((gate & ~PIT_SPEAKER) & ~PIT_GATE2));
	cpu_outb(PIT_COMMAND, PIT_CH2_MODE0_LOHI);
	cpu_outb(PIT_CH2_DATA, (uint8_t)count);
	cpu_outb(PIT_CH2_DATA, (uint8_t)(count >> 8));
	cpu_outb(PIT_CH2_GATE_PORT, (uint8_t)((gate & ~PIT_SPEAKER) | PIT_GATE2));
	for (uint64_t spins = 0; spins < 100000000; spins++)
		if (cpu_inb(PIT_CH2_GATE_PORT) & PIT_OUT2)
			return 1;
	return 0;
}

uint64_t time_calibrate(void)
{
	/* A missing PIT reads 0xFF: OUT2 would look high at once. */
	if (cpu_inb(PIT_CH2_GATE_PORT) == 0xFF)
		return tsc_per_us;
	uint64_t t0 = cpu_rdtsc();
	if (!pit_wait((uint16_t)((uint64_t)PIT_HZ * CALIBRATE_US / 1000000)))
		return tsc_per_us;
	uint64_t ticks = cpu_rdtsc() - t0, per_us = ticks / CALIBRATE_US;
	if (per_us) {
		tsc_per_us = per_us;
		tsc_hz = ticks * (1000000 / CALIBRATE_US);
	}
	return tsc_per_us;
}

uint64_t time_tsc_hz(void)
{
	return tsc_hz;
}

uint64_t time_tsc_per_us(void)
{
	return tsc_per_us;
}

uint64_t time_now_us(void)
{
	return cpu_rdtsc() / tsc_per_us;
}

void time_delay_us(uint64_t us)
{
	uint64_t until = time_now_us() + us;
	while (time_now_us() < until)
		cpu_pause();
}
