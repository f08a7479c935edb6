/*
 * Run on 4 CPUs with --selftest. CPU 2 waits until the others are busy
 * (3 s of CLOCK_MONOTONIC in getpid calls: the other CPUs start one after
 * another, and on a loaded host an AP may take long to come up), then
 * asks the kernel to dereference a bad pointer: a kernel #PF, a
 * panic on an application processor. Every other CPU loops in getpid
 * calls (each a trip through the kernel) until stopped, so the panic
 * must stop CPUs that are in ring 3, in the kernel, and on the console.
 * Without a working stop they go on until GIVE_UP_NS, then exit 12: the
 * run ends, and the task lines after the panic show the failure.
 */
#include "user_payload/ulib.h"

#define PANIC_CPU 2
#define WAIT_NS   3000000000ULL  /* how long CPU 2 lets the others run first */
#define GIVE_UP_NS 60000000000ULL /* how long the others wait to be stopped */

static volatile uint64_t spins;

int main(void)
{
	struct ring3_kinfo k;
	if (usys1(SYS_ring3_kinfo, &k))
		return 10;
	usys1(SYS_ring3_report, RING3_REPORT_QUIET); /* the console carries TEXT lines only */
	uprintf("panic_on_ap: cpu=%u of %u\n", k.cpu, k.cpus);
	if (k.cpu == PANIC_CPU) {
		struct abi_timespec t0, t;
		usys2(SYS_clock_gettime, CLOCK_MONOTONIC, &t0);
		do {
			usys0(SYS_getpid);
			usys2(SYS_clock_gettime, CLOCK_MONOTONIC, &t);
		} while ((uint64_t)(t.tv_sec - t0.tv_sec) * 1000000000ULL + (uint64_t)t.tv_nsec -
				 (uint64_t)t0.tv_nsec < WAIT_NS);
		usys2(SYS_ring3_selftest, RING3_SELFTEST_NULL_DEREF, 0x10);
		return 11; /* only if the kernel refused */
	}
	struct abi_timespec t0, t;
	usys2(SYS_clock_gettime, CLOCK_MONOTONIC, &t0);
	for (;;) {
		usys0(SYS_getpid);
		if (++spins % 4096)
			continue;
		uprintf("panic_on_ap: cpu=%u still running\n", k.cpu);
		usys2(SYS_clock_gettime, CLOCK_MONOTONIC, &t);
		if ((uint64_t)(t.tv_sec - t0.tv_sec) * 1000000000ULL + (uint64_t)t.tv_nsec -
		    (uint64_t)t0.tv_nsec >= GIVE_UP_NS)
			return 12;
	}
}
