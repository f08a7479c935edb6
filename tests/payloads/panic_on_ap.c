/*
 * Run on 4 CPUs with --selftest. CPU 2 waits until the others are busy,
 * then asks the kernel to dereference a bad pointer: a kernel #PF, a
 * panic on an application processor. Every other CPU loops in getpid
 * calls (each a trip through the kernel) until stopped, so the panic
 * must stop CPUs that are in ring 3, in the kernel, and on the console.
 * Nothing here ever exits on its own: without a working stop, the run
 * only ends at the harness's time-out.
 */
#include "user_payload/ulib.h"

#define PANIC_CPU 2

static volatile uint64_t spins;

int main(void)
{
	struct ring3_kinfo k;
	if (usys1(SYS_ring3_kinfo, &k))
		return 10;
	usys1(SYS_ring3_report, RING3_REPORT_QUIET); /* the console carries TEXT lines only */
	uprintf("panic_on_ap: cpu=%u of %u\n", k.cpu, k.cpus);
	if (k.cpu == PANIC_CPU) {
		for (spins = 0; spins < 200000; spins++)
			usys0(SYS_getpid);
		usys2(SYS_ring3_selftest, RING3_SELFTEST_NULL_DEREF, 0x10);
		return 11; /* only if the kernel refused */
	}
	for (;;) {
		usys0(SYS_getpid);
		if (++spins % 4096 == 0)
			uprintf("panic_on_ap: cpu=%u still running\n", k.cpu);
	}
}
