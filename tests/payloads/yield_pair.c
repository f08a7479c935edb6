/*
 * Run as two copies together on one CPU (make bench): each times 2000
 * sched_yield calls with the TSC. With the other copy runnable, every
 * yield is a round trip through two task switches (this task's frame,
 * FS/GS bases and extended state saved, the other's restored, CR3
 * switched, and back), so the median is the cost of a switch pair plus
 * two yields. Reported as the BENCH path "yield-pair".
 */
#include "user_payload/ulib.h"

#define N 2000

static uint64_t samples[N];

static inline uint64_t tsc(void)
{
	uint32_t lo, hi;
	__asm__ volatile("lfence; rdtsc; lfence" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}

int main(void)
{
	usys1(SYS_ring3_report, RING3_REPORT_QUIET);
	for (int i = 0; i < N; i++) {
		uint64_t t0 = tsc();
		usys0(SYS_sched_yield);
		samples[i] = tsc() - t0;
	}
	/* Insertion sort: N is small. */
	for (int i = 1; i < N; i++)
		for (int j = i; j > 0 && samples[j - 1] > samples[j]; j--) {
			uint64_t t = samples[j];
			samples[j] = samples[j - 1];
			samples[j - 1] = t;
		}
	struct ring3_bench b = { .path = "yield-pair", .n = N };
	b.min = samples[0];
	b.median = samples[N / 2];
	b.p99 = samples[N * 99 / 100];
	b.max = samples[N - 1];
	b.hist_lo = b.min;
	b.hist_width = (b.p99 - b.min) / RING3_BENCH_BUCKETS + 1;
	for (int i = 0; i < N; i++) {
		uint64_t k = (samples[i] - b.hist_lo) / b.hist_width;
		b.hist[k < RING3_BENCH_BUCKETS ? k : RING3_BENCH_BUCKETS - 1]++;
	}
	usys1(SYS_ring3_bench, &b);
	usys1(SYS_ring3_report, RING3_REPORT_CALLS);
	return 0;
}
