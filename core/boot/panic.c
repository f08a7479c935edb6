/* DONE, power-off and panics (contract in panic.h). */
#include "core/boot/panic.h"
#include "core/boot/firmware.h"
#include "core/console/console.h"
#include "core/cpu/cpu.h"
#include "core/cpu/cpu_features.h"
#include "core/cpu/smp.h"
#include "core/cpu/this_cpu.h"
#include "core/lib/fmt.h"

/* QEMU's isa-debug-exit device, only poked when the command line asks. */
#define QEMU_DEBUG_EXIT_PORT 0xF4

#define NOBODY 0xFFFFFFFFu

/* The CPU that ends the run, by panic or normally: exactly one does. */
static volatile uint32_t end_owner = NOBODY;
static volatile uint32_t done_printed;
static volatile uint32_t end_faults; /* faults taken while ending the run */

/*
 * Claim the end of the run for this CPU, and stop every other CPU. A CPU
 * that finds another already ending the run halts here: it has been, or
 * is about to be, asked to stop.
 */
static void end_claim(void)
{
	uint32_t me = this_cpu_id_early(), was = NOBODY;
	if (!__atomic_compare_exchange_n(&end_owner, &was, me, 0, __ATOMIC_ACQ_REL,
					 __ATOMIC_ACQUIRE) &&
	    was != me)
		smp_stop_here();
	smp_stop_others(me);
}

void power_done(int pass)
{
	end_claim();
	if (!__atomic_exchange_n(&done_printed, 1, __ATOMIC_ACQ_REL)) {
		if (boot_handoff) {
			/* The whole run's cost: with --icount-shift, exact instructions. */
			uint64_t ticks = cpu_rdtsc() - boot_handoff->efi_main_tsc;
			if (boot_handoff->tsc_shift >= 0)
				console_line(CON_INFO, "TOTAL since=efi_main tsc=%llu instructions=%llu",
					     (unsigned long long)ticks,
					     (unsigned long long)(ticks >> boot_handoff->tsc_shift));
			else
				console_line(CON_INFO, "TOTAL since=efi_main tsc=%llu",
					     (unsigned long long)ticks);
		}
		console_line(CON_RESULT, "DONE status=%s", pass ? "pass" : "fail");
	}
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

int panic_here(void)
{
	return end_owner != NOBODY && end_owner == this_cpu_id_early();
}

void panic_begin(void)
{
	console_panic_mode(this_cpu_id_early());
	end_claim();
}

void panic(const char *fmt, ...)
{
	panic_begin();
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	fmt_vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	console_line(CON_FAULT, "PANIC %s", msg);
	smp_stop_report();
	power_done(0);
}

void panic_fault(const struct trap_frame *f)
{
	if (__atomic_add_fetch(&end_faults, 1, __ATOMIC_ACQ_REL) > 1)
		cpu_halt_forever(); /* faulting again: the report cannot be trusted to finish */
	console_panic_mode(this_cpu_id_early());
	console_line(CON_FAULT, "PANIC fault while ending the run: vector=%llu rip=0x%llx",
		     (unsigned long long)f->vector, (unsigned long long)f->rip);
	power_done(0);
}
