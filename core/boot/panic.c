/* DONE, power-off and panics (contract in panic.h). */
#include "core/boot/panic.h"
#include "core/boot/firmware.h"
#include "core/console/console.h"
#include "core/cpu/cpu.h"
#include "core/cpu/cpu_features.h"
#include "core/cpu/cpu_setup.h"
#include "core/cpu/smp.h"
#include "core/cpu/this_cpu.h"
#include "core/lib/fmt.h"

/* QEMU's isa-debug-exit device, only poked when the command line asks. */
#define QEMU_DEBUG_EXIT_PORT 0xF4

#define PANIC_NOBODY 0xFFFFFFFFu

static volatile uint32_t done_claimed;
static volatile uint32_t panic_owner = PANIC_NOBODY;
static volatile uint32_t panic_faults; /* faults taken inside the panic */

/* This CPU's number, also before its GS is set up (early boot: the BSP). */
static uint32_t panic_self(void)
{
	return cpu_setup_gs_ready ? this_cpu_id() : 0;
}

void power_done(int pass)
{
	if (__atomic_exchange_n(&done_claimed, 1, __ATOMIC_ACQ_REL))
		cpu_halt_forever(); /* another CPU is ending the run */
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

int panic_here(void)
{
	return panic_owner != PANIC_NOBODY && panic_owner == panic_self();
}

void panic_begin(void)
{
	uint32_t me = panic_self();
	uint32_t was = PANIC_NOBODY;
	if (!__atomic_compare_exchange_n(&panic_owner, &was, me, 0, __ATOMIC_ACQ_REL,
					 __ATOMIC_ACQUIRE)) {
		if (was == me)
			return; /* already begun on this CPU */
		/* Another CPU panics and is stopping this one: do it now. */
		smp_stop_here();
	}
	console_panic_mode();
	smp_stop_others(me);
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
	if (__atomic_add_fetch(&panic_faults, 1, __ATOMIC_ACQ_REL) > 1)
		cpu_halt_forever(); /* faulting again: the report cannot be trusted to finish */
	console_line(CON_FAULT, "PANIC fault inside panic: vector=%llu rip=0x%llx",
		     (unsigned long long)f->vector, (unsigned long long)f->rip);
	power_done(0);
}
