/*
 * The bench program: one static Linux program that times the same round
 * trips under ring3 and under Linux, in the same machine.
 *
 *   bench [--icount-shift=S] [--n=N] [--paths=a,b,...]
 *
 * Each path runs N round trips, each timed on its own by a probe
 * (probe.S); the timing pair's own cost (the empty probe's median) is
 * taken off every sample. It prints one line per path on stdout:
 *
 *   BENCH path=getppid unit=instructions n=N min=.. median=.. p99=.. max=.. overhead=.. kernel=ring3|linux
 *   BENCH-HIST path=getppid unit=.. lo=.. width=.. counts=c0,c1,...
 *
 * unit: instructions when told QEMU's -icount shift (the TSC then moves
 * 2^S per instruction), emulator-ticks under QEMU's TCG without it,
 * cycles elsewhere. Under ring3 (its call 500 answers; on Linux it is
 * -ENOSYS) the per-call SYSCALL lines are off while it measures, and one
 * more path returns through IRETQ. As Linux's PID 1 (an initramfs's
 * /init) it first prints what Linux decided about the CPU's
 * vulnerabilities, and powers the machine off at the end.
 *
 * Where ring3 runs the CPU's fixed performance counters (ring3_kinfo's
 * RING3_FEAT_PMU: an Intel PC, never QEMU's TCG), each path's loop is
 * also read with RDPMC before and after, and the line gains
 * pmu_instructions= and pmu_cycles=: retired instructions and unhalted
 * core cycles per round trip, rings 0 and 3, the empty loop's taken off.
 */
#define _GNU_SOURCE
#include <cpuid.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "core/abi/ring3.h"
#include "user_payload/bench/bench.h"

#define N_DEFAULT 100000
#define N_MAX 1000000
#define BUCKETS 32
/* Unknown to both kernels: Linux's table ends far below, ring3's at 512. */
#define NR_UNKNOWN 1000
/* getpid through int $0x80: Linux takes its i386 numbers there, ring3
 * its x86_64 ones (docs/abi.md). */
#define NR_I386_GETPID 20

enum body { EMPTY, SYSCALL, INT80, CALL };
enum arg { NONE, DEV_NULL, DEV_ZERO, CLOCK };

struct path {
	const char *name;
	enum body body;
	long nr, nr_ring3;	/* nr_ring3 0: the same as nr */
	enum arg arg;
	unsigned long long len;
	int ring3_only;		/* returns through IRETQ: ring3's own switch */
};

static const struct path paths[] = {
	{ "timing-pair", EMPTY, 0, 0, NONE, 0, 0 },
	{ "call", CALL, 0, 0, NONE, 0, 0 },
	{ "getppid", SYSCALL, SYS_getppid, 0, NONE, 0, 0 },
	{ "getpid", SYSCALL, SYS_getpid, 0, NONE, 0, 0 },
	{ "enosys", SYSCALL, NR_UNKNOWN, 0, NONE, 0, 0 },
	{ "write-1", SYSCALL, SYS_write, 0, DEV_NULL, 1, 0 },
	{ "write-64", SYSCALL, SYS_write, 0, DEV_NULL, 64, 0 },
	{ "write-4096", SYSCALL, SYS_write, 0, DEV_NULL, 4096, 0 },
	{ "read-4096", SYSCALL, SYS_read, 0, DEV_ZERO, 4096, 0 },
	{ "clock_gettime", SYSCALL, SYS_clock_gettime, 0, CLOCK, 0, 0 },
	{ "int80-getpid", INT80, NR_I386_GETPID, SYS_getpid, NONE, 0, 0 },
	{ "syscall-iret", SYSCALL, SYS_getppid, 0, NONE, 0, 1 },
};
#define NPATHS (sizeof(paths) / sizeof(paths[0]))

static unsigned long long *samples;
static unsigned char buf[4096];
static struct timespec ts;

/* ring3's own calls (core/abi/ring3.h); on Linux their numbers are
 * -ENOSYS. */
static long ring3_call(long nr, unsigned long long a0)
{
	long ret;
	__asm__ volatile("syscall" : "=a"(ret) : "a"(nr), "D"(a0) : "rcx", "r11", "memory");
	return ret;
}

/* 1 under ring3 (its ring3_kinfo answered), with what it says. */
static int ring3_present(struct ring3_kinfo *k)
{
	return ring3_call(SYS_ring3_kinfo, (unsigned long long)k) == 0;
}

/* A fixed counter, read in ring 3 (CR4.PCE is set only with RING3_FEAT_PMU). */
static unsigned long long rdpmc(unsigned ecx)
{
	unsigned lo, hi;
	__asm__ volatile("lfence; rdpmc; lfence" : "=a"(lo), "=d"(hi) : "c"(ecx));
	return (unsigned long long)hi << 32 | lo;
}

static void ring3_report_mode(int mode)
{
	ring3_call(SYS_ring3_report, (unsigned long long)mode);
}

static int cpuid_has(unsigned leaf, int reg, unsigned bit)
{
	unsigned r[4];
	if (__get_cpuid_max(leaf & 0x80000000u, NULL) < leaf)
		return 0;
	__cpuid_count(leaf, 0, r[0], r[1], r[2], r[3]);
	return (r[reg] >> bit) & 1;
}

/* QEMU's TCG names itself in the hypervisor leaf: "TCGTCGTCGTCG". */
static int under_tcg(void)
{
	unsigned a, b, c, d;
	if (!cpuid_has(1, 2, 31))
		return 0;
	__cpuid(0x40000000, a, b, c, d);
	(void)a;
	return b == 0x54474354 && c == 0x43544743 && d == 0x47435447;
}

static int compare(const void *a, const void *b)
{
	unsigned long long x = *(const unsigned long long *)a, y = *(const unsigned long long *)b;
	return x < y ? -1 : x > y;
}

struct probes {
	probe_fn fn[4];
};
static const struct probes with_rdtscp = { { probe_empty_RDTSCP, probe_syscall_RDTSCP,
					     probe_int80_RDTSCP, probe_call_RDTSCP } };
static const struct probes with_rdtsc = { { probe_empty_RDTSC, probe_syscall_RDTSC,
					    probe_int80_RDTSC, probe_call_RDTSC } };

struct setup {
	const struct probes *probes;
	int ring3, null_fd, zero_fd;
	unsigned shift;		/* ticks >> shift = the unit */
	const char *unit, *kernel;
	unsigned long long pmu_mask;	/* the counters' width as a mask; 0: no counters */
};

/* The fixed counters over one path's loop (instructions, cycles). */
struct pmu_delta {
	unsigned long long insns, cycles;
};
static struct pmu_delta pmu_loop;

static void args_of(const struct setup *s, const struct path *p, unsigned long long a[3])
{
	a[0] = a[1] = a[2] = 0;
	switch (p->arg) {
	case DEV_NULL:
		a[0] = (unsigned long long)s->null_fd;
		a[1] = (unsigned long long)buf;
		a[2] = p->len;
		break;
	case DEV_ZERO:
		a[0] = (unsigned long long)s->zero_fd;
		a[1] = (unsigned long long)buf;
		a[2] = p->len;
		break;
	case CLOCK:
		a[0] = CLOCK_MONOTONIC;
		a[1] = (unsigned long long)&ts;
		break;
	case NONE:
		break;
	}
}

static long number_of(const struct setup *s, const struct path *p)
{
	return s->ring3 && p->nr_ring3 ? p->nr_ring3 : p->nr;
}

static long int80(long nr)
{
	long ret;
	__asm__ volatile("int $0x80" : "=a"(ret) : "a"(nr) : "memory");
	return ret;
}

/* The call a path times, made once beforehand: a path whose call does not
 * do what it should would time an error path. */
static int path_works(const struct setup *s, const struct path *p)
{
	unsigned long long a[3];
	args_of(s, p, a);
	long nr = number_of(s, p), got, want;
	switch (p->body) {
	case EMPTY:
	case CALL:
		return 1;
	case INT80:
		got = int80(nr);
		want = getpid();
		break;
	default:
		got = syscall(nr, a[0], a[1], a[2]);
		if (got < 0)
			got = -errno;
		want = p->nr == NR_UNKNOWN ? -ENOSYS
		     : p->nr == SYS_getppid ? getppid()
		     : p->nr == SYS_getpid ? getpid()
		     : p->arg == CLOCK ? 0 : (long)p->len;
		break;
	}
	if (got != want)
		printf("bench: path=%s: the call returned %ld, not %ld; skipped\n", p->name, got, want);
	return got == want;
}

/* n samples of p, the timing pair taken off, sorted; their values in ticks. */
static void measure(const struct setup *s, const struct path *p, unsigned long long n,
		    unsigned long long overhead)
{
	unsigned long long a[3];
	args_of(s, p, a);
	probe_fn fn = s->probes->fn[p->body];
	unsigned long long nr = (unsigned long long)number_of(s, p);
	if (p->ring3_only)
		ring3_report_mode(RING3_REPORT_QUIET_IRET);
	unsigned long long i0 = 0, c0 = 0;
	if (s->pmu_mask) {
		i0 = rdpmc(RING3_RDPMC_INSTRUCTIONS);
		c0 = rdpmc(RING3_RDPMC_CYCLES);
	}
	for (unsigned long long i = 0; i < n; i++) {
		unsigned long long d = fn(a[0], a[1], a[2], nr);
		samples[i] = d > overhead ? d - overhead : 0;
	}
	if (s->pmu_mask) {
		/* Masked to the width: right across one wrap of the counter. */
		pmu_loop.insns = (rdpmc(RING3_RDPMC_INSTRUCTIONS) - i0) & s->pmu_mask;
		pmu_loop.cycles = (rdpmc(RING3_RDPMC_CYCLES) - c0) & s->pmu_mask;
	}
	if (p->ring3_only)
		ring3_report_mode(RING3_REPORT_QUIET);
	qsort(samples, n, sizeof(samples[0]), compare);
}

/* The counters' figures per round trip, the empty loop's (the timing
 * pair, the sample stores and the loop itself) taken off. */
static void pmu_fields(const struct pmu_delta *loop, const struct pmu_delta *empty,
		       unsigned long long n, char *out, size_t size)
{
	unsigned long long di = loop->insns > empty->insns ? loop->insns - empty->insns : 0;
	unsigned long long dc = loop->cycles > empty->cycles ? loop->cycles - empty->cycles : 0;
	snprintf(out, size, " pmu_instructions=%llu pmu_cycles=%llu", di / n, dc / n);
}

static void report(const struct setup *s, const struct path *p, unsigned long long n,
		   unsigned long long overhead, const struct pmu_delta *empty)
{
	unsigned sh = s->shift;
	unsigned long long min = samples[0] >> sh, med = samples[n / 2] >> sh;
	unsigned long long p99 = samples[n * 99 / 100] >> sh, max = samples[n - 1] >> sh;
	char pmu[80] = "";
	if (s->pmu_mask && empty)
		pmu_fields(&pmu_loop, empty, n, pmu, sizeof(pmu));
	printf("BENCH path=%s unit=%s n=%llu min=%llu median=%llu p99=%llu max=%llu overhead=%llu kernel=%s%s\n",
	    p->name, s->unit, n, min, med, p99, max, overhead >> sh, s->kernel, pmu);
	/* Buckets over [min, p99]: a few outliers must not flatten the rest. */
	unsigned long long width = (p99 - min) / BUCKETS + 1;
	unsigned counts[BUCKETS] = { 0 };
	for (unsigned long long i = 0; i < n; i++) {
		unsigned long long b = ((samples[i] >> sh) - min) / width;
		counts[b < BUCKETS ? b : BUCKETS - 1]++;
	}
	char list[BUCKETS * 11 + 1];
	int len = 0;
	for (unsigned i = 0; i < BUCKETS; i++)
		len += snprintf(list + len, sizeof(list) - (size_t)len, "%s%u", i ? "," : "", counts[i]);
	printf("BENCH-HIST path=%s unit=%s lo=%llu width=%llu counts=%s\n", p->name, s->unit, min, width,
	    list);
}

static int usage(const char *why)
{
	printf("bench: %s\nusage: bench [--icount-shift=S] [--n=N] [--paths=a,b,...]\npaths:", why);
	for (unsigned i = 0; i < NPATHS; i++)
		printf(" %s%s", paths[i].name, paths[i].ring3_only ? " (ring3 only)" : "");
	printf("\n");
	return 2;
}

static int number(const char *s, unsigned long long lo, unsigned long long hi,
		  unsigned long long *v)
{
	char *end;
	errno = 0;
	unsigned long long x = strtoull(s, &end, 10);
	if (errno || end == s || *end || x < lo || x > hi)
		return -1;
	*v = x;
	return 0;
}

/* --paths=a,b: the chosen paths, in the table's order. */
static int pick(const char *list, unsigned char chosen[NPATHS])
{
	char copy[256];
	if (strlen(list) >= sizeof(copy))
		return -1;
	strcpy(copy, list);
	for (char *save, *w = strtok_r(copy, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
		unsigned i = 0;
		while (i < NPATHS && strcmp(paths[i].name, w))
			i++;
		if (i == NPATHS)
			return -1;
		chosen[i] = 1;
	}
	return 0;
}

static int bench(int argc, char **argv, int ring3, const struct ring3_kinfo *k)
{
	struct setup s = { .ring3 = ring3, .kernel = ring3 ? "ring3" : "linux" };
	unsigned long long n = ring3 && k->bench_n ? k->bench_n : N_DEFAULT, shift = 0;
	int have_shift = 0;
	unsigned char chosen[NPATHS];
	memset(chosen, 1, sizeof(chosen));
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strncmp(a, "--icount-shift=", 15)) {
			if (number(a + 15, 0, 10, &shift))
				return usage("--icount-shift takes 0..10");
			have_shift = 1;
		} else if (!strncmp(a, "--n=", 4)) {
			if (number(a + 4, 1, N_MAX, &n))
				return usage("--n takes 1..1000000");
		} else if (!strncmp(a, "--paths=", 8)) {
			memset(chosen, 0, sizeof(chosen));
			if (pick(a + 8, chosen))
				return usage("unknown path in --paths");
		} else if (!strncmp(a, "initrd=", 7)) {
			/* OVMF's loader of a QEMU -kernel adds it to Linux's
			 * command line, after the init's own arguments. */
		} else {
			return usage("unknown argument");
		}
	}
	s.shift = (unsigned)shift;
	s.unit = have_shift ? "instructions" : under_tcg() ? "emulator-ticks" : "cycles";
	s.probes = cpuid_has(0x80000001, 3, 27) ? &with_rdtscp : &with_rdtsc;
	s.null_fd = open("/dev/null", O_WRONLY);
	s.zero_fd = open("/dev/zero", O_RDONLY);
	samples = malloc(n * sizeof(samples[0]));
	if (!samples || s.null_fd < 0 || s.zero_fd < 0) {
		printf("bench: no memory, /dev/null or /dev/zero\n");
		return 1;
	}
	if (ring3 && (k->features & RING3_FEAT_PMU) && k->pmu_fixed >= 2 && k->pmu_width &&
	    k->pmu_width < 64)
		s.pmu_mask = (1ull << k->pmu_width) - 1;
	printf("bench: kernel=%s n=%llu unit=%s timing=%s counters=%s\n", s.kernel, n, s.unit,
	    s.probes == &with_rdtscp ? "lfence;rdtsc..rdtscp;lfence" : "lfence;rdtsc..rdtsc;lfence",
	    s.pmu_mask ? "instructions,cycles (fixed counters 0 and 1, rings 0 and 3)"
	    : ring3 ? "none (ring3 found no architectural fixed counters)" : "none");

	if (ring3)
		ring3_report_mode(RING3_REPORT_QUIET);
	/* The timing pair itself, taken off every other sample. */
	measure(&s, &paths[0], n, 0);
	unsigned long long overhead = samples[n / 2];
	struct pmu_delta empty = pmu_loop;
	if (chosen[0])
		report(&s, &paths[0], n, 0, 0);
	for (unsigned i = 1; i < NPATHS; i++) {
		const struct path *p = &paths[i];
		if (!chosen[i] || (p->ring3_only && !ring3) || !path_works(&s, p))
			continue;
		measure(&s, p, n, overhead);
		report(&s, p, n, overhead, &empty);
	}
	if (ring3)
		ring3_report_mode(RING3_REPORT_CALLS);
	printf("bench: done\n");
	return 0;
}

int main(int argc, char **argv)
{
	/* A whole line per write(): under ring3 each arrives as it is made. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	struct ring3_kinfo k = { 0 };
	int ring3 = ring3_present(&k);
	int init = !ring3 && getpid() == 1;
	if (init)
		linux_init_report();
	int rc = bench(argc, argv, ring3, &k);
	if (init)
		linux_init_power_off();
	return rc;
}
