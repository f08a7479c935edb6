/* DONE and power-off. */
#include "panic.h"
#include "console.h"
#include "cpu.h"
#include "cpu_features.h"
#include "fmt.h"

/* QEMU's isa-debug-exit device, only poked when the command line asks. */
#define QEMU_DEBUG_EXIT_PORT 0xF4

static const struct handoff *boot;

void power_init(const struct handoff *h)
{
	boot = h;
}

void power_done(int pass)
{
	if (boot) {
		/* The whole run's cost: with --icount-shift, exact instructions. */
		uint64_t ticks = cpu_rdtsc() - boot->efi_main_tsc;
		if (boot->tsc_shift >= 0)
			console_line(CON_INFO, "TOTAL since=efi_main tsc=%llu instructions=%llu",
				     (unsigned long long)ticks,
				     (unsigned long long)(ticks >> boot->tsc_shift));
		else
			console_line(CON_INFO, "TOTAL since=efi_main tsc=%llu", (unsigned long long)ticks);
	}
	console_line(CON_RESULT, "DONE status=%s", pass ? "pass" : "fail");
	if (boot && (boot->flags & HANDOFF_QEMU_EXIT))
		cpu_outb(QEMU_DEBUG_EXIT_PORT, pass ? 0 : 1);
	/* On a real PC nobody may be watching a serial log: keep the report on
	 * screen. Under a hypervisor (a test harness) power off. */
	int halt = boot && ((boot->flags & HANDOFF_HALT) ||
			    (!(boot->flags & HANDOFF_POWER_OFF) && !cpu_boot_features.hypervisor));
	if (halt) {
		console_line(CON_RESULT, "HALT report complete: power the machine off or reset it");
		cpu_halt_forever();
	}
	if (boot && boot->power_off)
		boot->power_off();
	console_line(CON_INFO, "HALT power-off did not happen; halted");
	cpu_halt_forever();
}

void panic(const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	fmt_vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	console_line(CON_FAULT, "PANIC %s", msg);
	power_done(0);
}
