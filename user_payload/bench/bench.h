/* The bench program's parts (user_payload/bench/): see bench.c. */
#ifndef USER_BENCH_H
#define USER_BENCH_H

/* linux_init.c: what a PID 1 under Linux does around the measurements. */
void linux_init_report(void);
void linux_init_power_off(void);

/* probe.S: one timed round trip, in TSC ticks. */
typedef unsigned long long (*probe_fn)(unsigned long long a0, unsigned long long a1,
				       unsigned long long a2, unsigned long long nr);
#define BENCH_PROBES(end) \
	unsigned long long probe_empty_##end(unsigned long long, unsigned long long, \
					     unsigned long long, unsigned long long); \
	unsigned long long probe_syscall_##end(unsigned long long, unsigned long long, \
					       unsigned long long, unsigned long long); \
	unsigned long long probe_int80_##end(unsigned long long, unsigned long long, \
					     unsigned long long, unsigned long long); \
	unsigned long long probe_call_##end(unsigned long long, unsigned long long, \
					    unsigned long long, unsigned long long);
BENCH_PROBES(RDTSCP)
BENCH_PROBES(RDTSC)

#endif
