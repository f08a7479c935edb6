/*
 * The bench payload: N round trips (default 100000; ring3.efi --bench-n=N)
 * of each path, each timed on its own with the probes in bench_probe.S,
 * the timing pair's own cost (the empty probe's median) subtracted, then
 * min/median/p99/max handed to the kernel, which prints one BENCH line per
 * path in the right unit. Per-call SYSCALL lines are off while it runs
 * (ring3_report), so nothing else runs during a measured loop.
 */
#include "user_payload/ulib.h"

#define BENCH_N_MAX 100000

typedef uint64_t (*probe_fn)(uint64_t a0, uint64_t a1, uint64_t a2);

#define PROBES(end) \
	uint64_t probe_empty_##end(uint64_t, uint64_t, uint64_t); \
	uint64_t probe_syscall_##end(uint64_t, uint64_t, uint64_t); \
	uint64_t probe_int80_##end(uint64_t, uint64_t, uint64_t); \
	uint64_t probe_call_##end(uint64_t, uint64_t, uint64_t); \
	uint64_t probe_enosys_##end(uint64_t, uint64_t, uint64_t); \
	uint64_t probe_write_##end(uint64_t, uint64_t, uint64_t);
PROBES(RDTSCP)
PROBES(RDTSC)

struct probe_set {
	probe_fn empty, syscall, int80, call, enosys, write;
};

static const struct probe_set with_rdtscp = {
	probe_empty_RDTSCP, probe_syscall_RDTSCP, probe_int80_RDTSCP,
	probe_call_RDTSCP, probe_enosys_RDTSCP, probe_write_RDTSCP,
};
static const struct probe_set with_rdtsc = {
	probe_empty_RDTSC, probe_syscall_RDTSC, probe_int80_RDTSC,
	probe_call_RDTSC, probe_enosys_RDTSC, probe_write_RDTSC,
};

static uint64_t samples[BENCH_N_MAX];
static uint8_t payload[4096];

/* Heapsort: no recursion, no allocation, O(n log n). */
static void sift(uint64_t *a, uint64_t n, uint64_t i)
{
	for (;;) {
		uint64_t c = 2 * i + 1;
		if (c >= n)
			return;
		if (c + 1 < n && a[c + 1] > a[c])
			c++;
		if (a[i] >= a[c])
			return;
		uint64_t t = a[i];
		a[i] = a[c];
		a[c] = t;
		i = c;
	}
}

static void sort(uint64_t *a, uint64_t n)
{
	for (uint64_t i = n / 2; i-- > 0;)
		sift(a, n, i);
	for (uint64_t end = n; end-- > 1;) {
		uint64_t t = a[0];
		a[0] = a[end];
		a[end] = t;
		sift(a, end, 0);
	}
}

static uint64_t measure(probe_fn p, uint64_t n, uint64_t overhead, uint64_t a0, uint64_t a1,
			uint64_t a2)
{
	for (uint64_t i = 0; i < n; i++) {
		uint64_t d = p(a0, a1, a2);
		samples[i] = d > overhead ? d - overhead : 0;
	}
	sort(samples, n);
	return samples[n / 2];
}

static void report(const char *path, uint64_t n, uint64_t overhead)
{
	struct ring3_bench b = { .n = n, .overhead = overhead };
	for (unsigned i = 0; path[i] && i < RING3_BENCH_NAME_MAX - 1; i++)
		b.path[i] = path[i];
	b.min = samples[0];
	b.median = samples[n / 2];
	b.p99 = samples[(n * 99) / 100];
	b.max = samples[n - 1];
	/* Buckets over [min, p99]: a few outliers must not flatten the rest. */
	b.hist_lo = b.min;
	b.hist_width = (b.p99 - b.min) / RING3_BENCH_BUCKETS + 1;
	for (uint64_t i = 0; i < n; i++) {
		uint64_t bucket = (samples[i] - b.hist_lo) / b.hist_width;
		b.hist[bucket < RING3_BENCH_BUCKETS ? bucket : RING3_BENCH_BUCKETS - 1]++;
	}
	usys1(SYS_ring3_bench, &b);
}

int main(void)
{
	struct ring3_kinfo k;
	if (usys1(SYS_ring3_kinfo, &k))
		return 1;
	uint64_t n = k.bench_n ? k.bench_n : BENCH_N_MAX;
	if (n > BENCH_N_MAX)
		n = BENCH_N_MAX;
	const struct probe_set *p = (k.features & RING3_FEAT_RDTSCP) ? &with_rdtscp : &with_rdtsc;
	uprintf("bench: %llu round trips per path, timing with %s\n", (unsigned long long)n,
		p == &with_rdtscp ? "lfence;rdtsc .. rdtscp;lfence" : "lfence;rdtsc .. rdtsc;lfence");

	usys1(SYS_ring3_report, RING3_REPORT_QUIET);
	/* The timing pair itself: subtracted from every other sample. */
	uint64_t overhead = measure(p->empty, n, 0, 0, 0, 0);
	report("timing-pair", n, 0);

	measure(p->syscall, n, overhead, 0, 0, 0);
	report("syscall", n, overhead);
	measure(p->enosys, n, overhead, 0, 0, 0);
	report("enosys", n, overhead);
	measure(p->int80, n, overhead, 0, 0, 0);
	report("int80", n, overhead);
	static const uint64_t sizes[] = { 1, 64, 4096 };
	static const char *const names[] = { "write-1", "write-64", "write-4096" };
	for (unsigned i = 0; i < 3; i++) {
		measure(p->write, n, overhead, FD_DISCARD, (uint64_t)payload, sizes[i]);
		report(names[i], n, overhead);
	}
	measure(p->call, n, overhead, 0, 0, 0);
	report("call", n, overhead);

	usys1(SYS_ring3_report, RING3_REPORT_QUIET_IRET);
	measure(p->syscall, n, overhead, 0, 0, 0);
	usys1(SYS_ring3_report, RING3_REPORT_QUIET);
	report("syscall-iret", n, overhead);

	usys1(SYS_ring3_report, RING3_REPORT_CALLS);
	uputs("bench: done\n");
	return 0;
}
