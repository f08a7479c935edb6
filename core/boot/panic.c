/* DONE and power-off. */
#include "core/boot/panic.h"
#include "core/boot/firmware.h"
#include "core/console/console.h"
#include "core/cpu/cpu.h"
#include "core/cpu/cpu_features.h"
#include "core/lib/fmt.h"

/* QEMU's isa-debug-exit device, only poked when the command line asks. */
#define QEMU_DEBUG_EXIT_PORT 0xF4

void power_done(int pass)
{
	if (boot_handoff) {
		/* The whole run's cost: with --icount-shift, exact instructions. */
		uint64_t ticks = cpu_rdtsc() - boot_handoff->efi_main_tsc;
		if (boot_handoff->tsc_shift >= 0)
			console_line(CON_INFO, "TOTAL since=efi_main tsc=%llu instructions=%llu",
				     (unsigned long long)ticks,
				     (unsigned long long)(ticks >> boot_handoff->tsc_shift));
		else
			console_line(CON_INFO, "TOTAL since=efi_main tsc=%llu", (unsigned long long)ticks);
	}
	console_line(CON_RESULT, "DONE status=%s", pass ? "pass" : "fail");
	if (boot_handoff && (boot_handoff->flags & HANDOFF_QEMU_EXIT))
		cpu_outb(QEMU_DEBUG_EXIT_PORT, pass ? 0 : 1);
	/* On a real PC nobody may be watching a serial log: keep the report on
	 * screen. Under a hypervisor (a test harness) power off. */
	int halt = boot_handoff && ((boot_handoff->flags & HANDOFF_HALT) ||
			    (!(boot_handoff->flags & HANDOFF_POWER_OFF) && !cpu_boot_features.hypervisor));
	if (halt) {
		console_line(CON_RESULT, "HALT report complete: power the machine off or reset it");
		cpu_halt_forever();
	}
	firmware_power_off();
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
